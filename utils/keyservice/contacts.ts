/**
 * Contacts: the certificates of the people the user writes to. A certificate is usable for sealing when it
 * chains to a trust anchor now, or when the user accepted it after comparing its fingerprint (a patient's
 * self-made certificate); never when expired.
 */
import { DirectSealError } from '../errors';
import { boundAddresses, certificateInfo, checkEncryptionKeyUsage, readCertificates, validateCertificatePath } from '../pki';
import { addContactCertificate, getContact, listContacts, removeContactCertificate, deleteContact } from '../store/contacts';
import type { CertificateSource, ContactCertificate } from '../store/schema';
import { ERROR_SENTENCES, type ErrorCode } from '../errors';
import type { ContactCertificateStatus, ContactSummary, KeyServiceApi } from './api';
import { anchorCertificates, sha256Hex } from './anchors';
import type { ServiceContext } from './context';
import { fromWire } from './wire';
import { listIdentities } from '../store/identities';
import { equalBytes } from '../bytes';

interface Judgement {
  status: ContactCertificateStatus;
  problem?: string;
  problemCode?: ErrorCode;
  missingIssuer?: string;
}

/**
 * The status of a certificate now, against `anchors` (the current trust anchors, read once per request by the
 * caller); an earlier acceptance stands unless expired.
 */
export async function judgeCertificate(ctx: ServiceContext, anchors: Uint8Array[], der: Uint8Array, intermediates: Uint8Array[], accepted: boolean): Promise<Judgement> {
  const path = await validateCertificatePath({ leaf: der, intermediates, anchors, at: new Date(ctx.now()) });
  const expired = path.problems.find((p) => p.code === 'CERT_EXPIRED');
  if (expired) return { status: 'expired', problem: ERROR_SENTENCES.CERT_EXPIRED, problemCode: 'CERT_EXPIRED' };
  if (!checkEncryptionKeyUsage(der)) return { status: 'untrusted', problem: ERROR_SENTENCES.CERT_KEY_USAGE, problemCode: 'CERT_KEY_USAGE' };
  if (path.status === 'trusted') return { status: 'trusted' };
  if (accepted) return { status: 'accepted-by-fingerprint' };
  const first = path.problems[0] ?? { code: 'SIGNER_UNTRUSTED' as const, detail: '' };
  return {
    status: 'untrusted',
    problem: ERROR_SENTENCES[first.code],
    problemCode: first.code,
    ...(first.code === 'ISSUER_MISSING' ? { missingIssuer: first.detail } : {}),
  };
}

export async function addContact(ctx: ServiceContext, req: KeyServiceApi['contacts.add']['request']): Promise<ContactSummary[]> {
  const certs = readCertificates(fromWire(req.certificate));
  // The end-entity certificate is the one bound to an address; the rest of the file are its CA certificates.
  const leaf = certs.find((c) => boundAddresses(c).length > 0);
  if (!leaf) throw new DirectSealError('CERT_ADDRESS_MISMATCH', 'the certificate names no Direct address or domain');
  const fingerprint = await sha256Hex(leaf);
  const accepted = req.acceptFingerprint !== undefined && normalizeFingerprint(req.acceptFingerprint) === fingerprint;
  if (req.acceptFingerprint !== undefined && !accepted) {
    throw new DirectSealError('NOT_A_CERTIFICATE', 'the fingerprint to accept is not the one of this certificate');
  }
  return storeContactCertificate(ctx, leaf, certs.filter((c) => c !== leaf), 'file', accepted, fingerprint);
}

/** Keeps the certificate for every address it is bound to (a certificate from signed mail comes here too). */
export async function storeContactCertificate(
  ctx: ServiceContext,
  leaf: Uint8Array,
  intermediates: Uint8Array[],
  source: CertificateSource,
  accepted: boolean,
  fingerprint?: string,
): Promise<ContactSummary[]> {
  const anchors = await anchorCertificates(ctx);
  const judged = await judgeCertificate(ctx, anchors, leaf, intermediates, accepted);
  const record: ContactCertificate = { der: leaf, chain: intermediates, fingerprint: fingerprint ?? (await sha256Hex(leaf)), source, status: judged.status, addedAt: ctx.now() };
  const out: ContactSummary[] = [];
  for (const address of boundAddresses(leaf)) {
    // A certificate nobody vouches for is kept only once the user accepted its fingerprint: until then the
    // reply shows it (with its fingerprint to compare) but nothing is stored.
    const contact =
      judged.status === 'untrusted' && !accepted
        ? { address, certificates: [...((await getContact(ctx.store, address))?.certificates ?? []), record] }
        : await addContactCertificate(ctx.store, address, record);
    out.push(await contactSummary(ctx, anchors, contact));
  }
  return out;
}

export async function listContactSummaries(ctx: ServiceContext): Promise<ContactSummary[]> {
  const contacts = await listContacts(ctx.store);
  contacts.sort((a, b) => a.address.localeCompare(b.address));
  const anchors = await anchorCertificates(ctx);
  return Promise.all(contacts.map((c) => contactSummary(ctx, anchors, c)));
}

async function contactSummary(ctx: ServiceContext, anchors: Uint8Array[], contact: { address: string; certificates: ContactCertificate[] }): Promise<ContactSummary> {
  const certificates = [];
  for (const c of contact.certificates) {
    const info = await certificateInfo(c.der);
    const judged = await judgeCertificate(ctx, anchors, c.der, c.chain ?? [], c.status === 'accepted-by-fingerprint');
    certificates.push({
      fingerprint: c.fingerprint,
      subject: info.subject,
      issuer: info.issuer,
      notAfter: info.notAfter.getTime(),
      status: judged.status,
      ...(judged.problem ? { problem: judged.problem } : {}),
      ...(judged.problemCode ? { problemCode: judged.problemCode } : {}),
      ...(judged.missingIssuer ? { missingIssuer: judged.missingIssuer } : {}),
      source: c.source,
      addedAt: c.addedAt,
    });
  }
  return { address: contact.address, certificates };
}

export async function removeContact(ctx: ServiceContext, req: KeyServiceApi['contacts.remove']['request']): Promise<{ removed: true }> {
  if (!(await getContact(ctx.store, req.address))) throw new DirectSealError('NOT_FOUND', `contact ${req.address}`);
  if (req.fingerprint) await removeContactCertificate(ctx.store, req.address, normalizeFingerprint(req.fingerprint));
  else await deleteContact(ctx.store, req.address);
  return { removed: true };
}

/** The certificates to encrypt to for `address`: its own, or its domain's organizational certificate. */
export async function usableCertificates(
  ctx: ServiceContext,
  anchors: Uint8Array[],
  address: string,
): Promise<{ status: ContactCertificateStatus | 'none'; certificates: Uint8Array[] }> {
  const normalized = address.trim().toLowerCase();
  const domain = normalized.slice(normalized.lastIndexOf('@') + 1);
  const contact = (await getContact(ctx.store, normalized)) ?? (await getContact(ctx.store, domain));
  if (!contact || contact.certificates.length === 0) return { status: 'none', certificates: [] };
  const judged = await Promise.all(contact.certificates.map((c) => judgeCertificate(ctx, anchors, c.der, c.chain ?? [], c.status === 'accepted-by-fingerprint')));
  const usable = contact.certificates.filter((_, i) => judged[i]!.status === 'trusted' || judged[i]!.status === 'accepted-by-fingerprint');
  if (usable.length) return { status: judged.some((j) => j.status === 'trusted') ? 'trusted' : 'accepted-by-fingerprint', certificates: usable.map((c) => c.der) };
  return { status: judged[0]!.status, certificates: [] };
}

export async function lookupContacts(ctx: ServiceContext, req: KeyServiceApi['contacts.lookup']['request']): Promise<Record<string, ContactCertificateStatus | 'none'>> {
  const out: Record<string, ContactCertificateStatus | 'none'> = {};
  const anchors = await anchorCertificates(ctx);
  for (const address of req.addresses) out[address] = (await usableCertificates(ctx, anchors, address)).status;
  return out;
}

const normalizeFingerprint = (f: string): string => f.replace(/[^0-9a-f]/gi, '').toLowerCase();

/** The certificate is already kept for one of its addresses (then a signed message does not replace it). */
export async function isKnownContact(ctx: ServiceContext, der: Uint8Array): Promise<boolean> {
  const fingerprint = await sha256Hex(der);
  for (const address of boundAddresses(der)) {
    if ((await getContact(ctx.store, address))?.certificates.some((c) => c.fingerprint === fingerprint)) return true;
  }
  return false;
}

/**
 * CA certificates the user already holds: those that came with contacts' certificates (a .p7b chain, a signed
 * message) and with the user's own identities (colleagues under the same HISP share its intermediate). A message
 * that carries only its signer's certificate (as the Java RI sends) can chain through them.
 */
export async function heldIntermediates(ctx: ServiceContext): Promise<Uint8Array[]> {
  const all = [
    ...(await listContacts(ctx.store)).flatMap((c) => c.certificates.flatMap((cert) => cert.chain ?? [])),
    ...(await listIdentities(ctx.store)).flatMap((r) => r.certificateChain.slice(1)),
  ];
  return all.filter((der, i) => all.findIndex((other) => equalBytes(other, der)) === i);
}

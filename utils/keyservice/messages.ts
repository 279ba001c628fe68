/** Sealing and opening Direct messages with the stored identities, anchors and contacts. */
import { equalBytes } from '../bytes';
import { DirectSealError } from '../errors';
import type { Recipient, Signer } from '../cms/keys';
import { seal } from '../direct/seal';
import { open } from '../direct/open';
import { header, splitEntity } from '../mime/entity';
import { addressOf, parseAddressList } from '../mime/address';
import { getIdentity, identitiesFor, listIdentities } from '../store/identities';
import type { IdentityRecord } from '../store/schema';
import type { KeyTransportScheme, SignatureScheme } from '../cms/keys';
import { children, readExact, readOid } from '../cms/ber';
import { OID } from '../cms/oids';
import type { KeyServiceApi, WireVerdict } from './api';
import { anchorCertificates } from './anchors';
import { heldIntermediates, isKnownContact, storeContactCertificate, usableCertificates } from './contacts';
import type { ServiceContext } from './context';
import { identityKey } from './keys';
import { pkiFetchFor } from './pki-fetch';
import { identityState } from './summaries';
import { fromWire, toWire, wireVerdict } from './wire';

export async function sealMessage(ctx: ServiceContext, req: KeyServiceApi['message.seal']['request']): Promise<{ sealed: string }> {
  const message = fromWire(req.message);
  const entity = splitEntity(message);
  const from = addressOf(header(entity, 'from'));
  if (!from) throw new DirectSealError('NO_IDENTITY', 'the message has no From address');
  const signer = await signerFor(ctx, from);
  const recipients = ['to', 'cc', 'bcc'].flatMap((h) => parseAddressList(header(entity, h) ?? '')).map((m) => m.address.toLowerCase());
  const certificates = await recipientCertificates(ctx, recipients);
  const sealed = await seal(message, signer, certificates, {
    ...(req.options?.cipher ? { cipher: req.options.cipher } : {}),
    ...(req.options?.oaep ? { keyTransport: 'rsa-oaep' as const } : {}),
  });
  return { sealed: toWire(sealed) };
}

async function recipientCertificates(ctx: ServiceContext, addresses: string[]): Promise<Uint8Array[]> {
  if (addresses.length === 0) throw new DirectSealError('NO_RECIPIENTS', 'the message has no To address');
  const certificates: Uint8Array[] = [];
  const anchors = await anchorCertificates(ctx);
  for (const address of new Set(addresses.map((a) => a.toLowerCase()))) {
    const usable = await usableCertificates(ctx, anchors, address);
    if (usable.certificates.length === 0) {
      throw new DirectSealError('NO_RECIPIENTS', `${address}: ${usable.status === 'none' ? 'no certificate known' : `certificate ${usable.status}`}`);
    }
    certificates.push(...usable.certificates);
  }
  return certificates;
}

async function signerFor(ctx: ServiceContext, address: string): Promise<Signer & { identity: string }> {
  const candidates = await identitiesFor(ctx.store, address);
  const ready = candidates.filter((r) => identityState(r) === 'ready');
  // The newest certificate first: after a renewal both exist until the user deletes the old one.
  ready.sort((a, b) => b.createdAt - a.createdAt);
  const record = ready[0];
  if (!record) {
    const pending = candidates[0];
    if (pending && identityState(pending) === 'awaiting-backup') throw new DirectSealError('BACKUP_REQUIRED', address);
    throw new DirectSealError('NO_IDENTITY', pending ? `${address} still awaits its certificate` : address);
  }
  const [certificate, ...chain] = record.certificateChain;
  return { identity: record.id, certificate: certificate!, chain, key: identityKey(ctx, record) };
}

export async function openMessage(ctx: ServiceContext, req: KeyServiceApi['message.open']['request']): Promise<{ message: string; verdict: WireVerdict }> {
  const records = (await listIdentities(ctx.store)).filter((r) => r.certificateChain.length > 0);
  if (records.length === 0) throw new DirectSealError('NO_IDENTITY', 'import your Direct identity before opening messages');
  const identities: Recipient[] = records.map((r) => ({ certificate: r.certificateChain[0]!, key: identityKey(ctx, r) }));
  const fetchPki = await pkiFetchFor(ctx);
  const opened = await open(fromWire(req.sealed), identities, await anchorCertificates(ctx), {
    now: new Date(ctx.now()),
    intermediates: await heldIntermediates(ctx),
    ...(fetchPki ? { fetchPki } : {}),
  });
  const { verdict } = opened;
  // A verified signer is a contact we can now write back to (certificates from signed mail).
  const signer = verdict.signerCertificate;
  const ownCopy = signer !== undefined && records.some((r) => equalBytes(r.certificateChain[0]!, signer));
  if (verdict.status === 'verified' && signer && !ownCopy && !(await isKnownContact(ctx, signer))) {
    await storeContactCertificate(ctx, signer, verdict.signerChain ?? [], 'signed-mail', false).catch(() => undefined);
  }
  return { message: toWire(opened.message), verdict: wireVerdict(verdict) };
}

/*
 * Sealing and opening beside the background. The page (a worker it starts) does the bulk work: MIME, SHA-256
 * and AES over the message, with the same core code. Here only what needs a private key, over a few hundred
 * bytes: signing the signed attributes, and decrypting a content-encryption key. The private key never leaves;
 * the content key does (the page holds the plaintext anyway). Pages only: the background refuses content scripts.
 */

export async function sealParties(ctx: ServiceContext, req: KeyServiceApi['message.sealParties']['request']): Promise<KeyServiceApi['message.sealParties']['reply']> {
  const signer = await signerFor(ctx, String(req.from).toLowerCase());
  const recipients = await recipientCertificates(ctx, Array.isArray(req.recipients) ? req.recipients.map(String) : []);
  return {
    signer: { identity: signer.identity, certificate: toWire(signer.certificate), chain: signer.chain.map(toWire) },
    recipients: recipients.map(toWire),
  };
}

/** Signed attributes are a SET of a few attributes: anything much longer is not what this request is for. */
const MAX_SIGNED_ATTRIBUTES = 4096;

/**
 * Signs only CMS signed attributes that carry a content type and a message digest (RFC 5652 5.4): the key is
 * not an oracle for arbitrary data (a certificate request, a TLS handshake) even to the extension's own pages.
 */
export async function signAttributes(ctx: ServiceContext, req: KeyServiceApi['message.sign']['request']): Promise<{ signature: string }> {
  const attributes = fromWire(String(req.signedAttributes));
  if (attributes.length > MAX_SIGNED_ATTRIBUTES || !areSignedAttributes(attributes)) {
    throw new DirectSealError('MESSAGE_MALFORMED', 'only CMS signed attributes with a content type and message digest are signed');
  }
  const record = await readyIdentity(ctx, String(req.identity));
  const signature = await identityKey(ctx, record).sign(attributes, signatureScheme(req.scheme));
  return { signature: toWire(signature) };
}

function areSignedAttributes(der: Uint8Array): boolean {
  try {
    const set = readExact(der);
    if (set.tag !== 0x31) return false;
    const types = children(set).map((a) => (a.tag === 0x30 ? readOid(children(a)[0]!) : ''));
    return types.includes(OID.contentType) && types.includes(OID.messageDigest);
  } catch {
    return false;
  }
}

const HASHES = new Set(['SHA-256', 'SHA-384', 'SHA-512']);

function signatureScheme(s: SignatureScheme): SignatureScheme {
  if (s?.name === 'RSASSA-PKCS1-v1_5' && HASHES.has(s.hash)) return { name: s.name, hash: s.hash };
  if (s?.name === 'RSA-PSS' && HASHES.has(s.hash) && Number.isInteger(s.saltLength)) return { name: s.name, hash: s.hash, saltLength: s.saltLength };
  throw new DirectSealError('ALGORITHM_UNSUPPORTED', `signature scheme ${String(s?.name)}`);
}

function keyTransportScheme(s: KeyTransportScheme): KeyTransportScheme {
  if (s?.name === 'RSAES-PKCS1-v1_5') return { name: s.name };
  if (s?.name === 'RSA-OAEP' && (HASHES.has(s.hash) || s.hash === 'SHA-1')) return { name: s.name, hash: s.hash };
  throw new DirectSealError('ALGORITHM_UNSUPPORTED', `key transport ${String(s?.name)}`);
}

async function readyIdentity(ctx: ServiceContext, id: string): Promise<IdentityRecord> {
  const record = await getIdentity(ctx.store, id);
  if (!record || record.certificateChain.length === 0) throw new DirectSealError('NO_IDENTITY', 'that identity is not here (deleted meanwhile?)');
  const state = identityState(record);
  if (state === 'awaiting-backup') throw new DirectSealError('BACKUP_REQUIRED', record.address);
  if (state !== 'ready') throw new DirectSealError('NO_IDENTITY', `${record.address} still awaits its certificate`);
  return record;
}

export async function openParties(ctx: ServiceContext): Promise<KeyServiceApi['message.openParties']['reply']> {
  const records = (await listIdentities(ctx.store)).filter((r) => r.certificateChain.length > 0);
  if (records.length === 0) throw new DirectSealError('NO_IDENTITY', 'import your Direct identity before opening messages');
  return {
    identities: records.map((r) => ({ identity: r.id, certificate: toWire(r.certificateChain[0]!) })),
    anchors: (await anchorCertificates(ctx)).map(toWire),
    intermediates: (await heldIntermediates(ctx)).map(toWire),
    fetchOnline: (await pkiFetchFor(ctx)) !== undefined,
  };
}

export async function unwrapKey(ctx: ServiceContext, req: KeyServiceApi['message.unwrapKey']['request']): Promise<{ key: string }> {
  const record = await getIdentity(ctx.store, String(req.identity));
  if (!record) throw new DirectSealError('NO_IDENTITY', 'that identity is not here (deleted meanwhile?)');
  const keyLength = Number(req.keyLength);
  if (!Number.isInteger(keyLength) || keyLength < 5 || keyLength > 64) throw new DirectSealError('ALGORITHM_UNSUPPORTED', `content key of ${keyLength} bytes`);
  const key = await identityKey(ctx, record).decryptKey(fromWire(String(req.encryptedKey)), keyTransportScheme(req.scheme), keyLength);
  return { key: toWire(key) };
}

/** A signer a page verified becomes a contact, as when the background opened the message itself (judged again here). */
export async function rememberSigner(ctx: ServiceContext, req: KeyServiceApi['message.rememberSigner']['request']): Promise<{ remembered: boolean }> {
  const signer = fromWire(String(req.certificate));
  const own = (await listIdentities(ctx.store)).some((r) => r.certificateChain[0] && equalBytes(r.certificateChain[0], signer));
  if (own || (await isKnownContact(ctx, signer))) return { remembered: false };
  const chain = (Array.isArray(req.chain) ? req.chain : []).map((c) => fromWire(String(c)));
  const stored = await storeContactCertificate(ctx, signer, chain, 'signed-mail', false).catch(() => []);
  return { remembered: stored.length > 0 };
}

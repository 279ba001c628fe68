/** Trust anchors: the roots (or intermediates, or single certificates) the user trusts for Direct. */
import { toHex } from '../bytes';
import { subtle } from '../crypto';
import { DirectSealError } from '../errors';
import { certificateInfo, readCertificates } from '../pki';
import { parseCertificate } from '../pki/cert';
import { deleteAnchor, getAnchor, listAnchors, putAnchors } from '../store/anchors';
import type { AnchorRecord } from '../store/schema';
import type { AnchorSummary, ImportedAnchor, KeyServiceApi } from './api';
import type { ServiceContext } from './context';
import { anchorSummary } from './summaries';
import { fromWire } from './wire';

export async function listAnchorSummaries(ctx: ServiceContext): Promise<AnchorSummary[]> {
  const anchors = await listAnchors(ctx.store);
  anchors.sort((a, b) => a.subject.localeCompare(b.subject));
  return anchors.map((a) => anchorSummary(a, ctx.now()));
}

/**
 * Every certificate of a PEM, DER or .p7b file becomes an anchor, all in one transaction. One that is an anchor
 * already is kept as it was (its date of adding too), and said to be: importing it again changed nothing.
 */
export async function importAnchors(ctx: ServiceContext, req: KeyServiceApi['anchors.import']['request']): Promise<ImportedAnchor[]> {
  const certs = readCertificates(fromWire(req.bytes));
  // A leaf as an anchor would make anything it "issues" trusted, and hides a missing CA: refuse the whole file.
  const leaf = certs.map(parseCertificate).find((c) => !isCaCertificate(c));
  if (leaf) throw new DirectSealError('ANCHOR_NOT_CA', `"${leaf.subject}" is not a CA certificate`);
  const fresh: AnchorRecord[] = [];
  const imported = new Map<string, ImportedAnchor>();
  for (const der of certs) {
    const info = await certificateInfo(der);
    // The key form of the SHA-256 fingerprint certificateInfo already computed.
    const fingerprint = info.fingerprintSha256.replace(/:/g, '').toLowerCase();
    if (imported.has(fingerprint)) continue; // the same certificate twice in one file
    const existing = await getAnchor(ctx.store, fingerprint);
    const record: AnchorRecord = existing ?? { fingerprint, der, subject: info.subject, notAfter: info.notAfter.getTime(), addedAt: ctx.now(), source: certs.length > 1 ? 'bundle' : 'file' };
    if (!existing) fresh.push(record);
    imported.set(fingerprint, { ...anchorSummary(record, ctx.now()), alreadyTrusted: Boolean(existing) });
  }
  await putAnchors(ctx.store, fresh);
  return [...imported.values()];
}

/** basicConstraints CA:true; or a version 1 self-issued root (no extensions at all), as RFC 5280 6.1 allows. */
function isCaCertificate(c: ReturnType<typeof parseCertificate>): boolean {
  if (c.basicConstraints) return c.basicConstraints.ca;
  return c.extensions.size === 0 && c.subject === c.issuer;
}

export async function removeAnchor(ctx: ServiceContext, req: KeyServiceApi['anchors.remove']['request']): Promise<{ removed: true }> {
  const fingerprint = req.fingerprint.toLowerCase();
  if (!(await getAnchor(ctx.store, fingerprint))) throw new DirectSealError('NOT_FOUND', `anchor ${req.fingerprint}`);
  await deleteAnchor(ctx.store, fingerprint);
  return { removed: true };
}

export async function anchorCertificates(ctx: ServiceContext): Promise<Uint8Array[]> {
  return (await listAnchors(ctx.store)).map((a) => a.der);
}

export async function sha256Hex(der: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await subtle().digest('SHA-256', der as Uint8Array<ArrayBuffer>)));
}

/** Trust anchors: the roots (or intermediates, or single certificates) the user trusts for Direct. */
import { toHex } from '../bytes';
import { subtle } from '../crypto';
import { DirectSealError } from '../errors';
import { readCertificates } from '../pki';
import { parseCertificate } from '../pki/cert';
import { addAnchors, deleteAnchor, getAnchor, listAnchors } from '../store/anchors';
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
  const parsed = certs.map(parseCertificate);
  // A leaf as an anchor would make anything it "issues" trusted, and hides a missing CA: refuse the whole file.
  const leaf = parsed.find((c) => !isCaCertificate(c));
  if (leaf) throw new DirectSealError('ANCHOR_NOT_CA', `"${leaf.subject}" is not a CA certificate`);
  const records = new Map<string, AnchorRecord>(); // the same certificate twice in one file is one anchor
  for (const [i, der] of certs.entries()) {
    const fingerprint = await sha256Hex(der);
    const { subject, notAfter } = parsed[i]!;
    records.set(fingerprint, { fingerprint, der, subject, notAfter: notAfter.getTime(), addedAt: ctx.now(), source: certs.length > 1 ? 'bundle' : 'file' });
  }
  const known = await addAnchors(ctx.store, [...records.values()]);
  return [...records.values()].map((r) => ({ ...anchorSummary(known.get(r.fingerprint) ?? r, ctx.now()), alreadyTrusted: known.has(r.fingerprint) }));
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

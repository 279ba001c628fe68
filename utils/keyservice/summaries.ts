/** What the pages show about identities and anchors, derived from the stored records. */
import { certificateInfo } from '../pki';
import type { AnchorRecord, IdentityRecord } from '../store/schema';
import type { AnchorSummary, IdentityState, IdentitySummary } from './api';

const SOON_MS = 30 * 24 * 60 * 60 * 1000;

export function identityState(r: IdentityRecord): IdentityState {
  if (!r.backupConfirmed) return 'awaiting-backup';
  if (r.certificateChain.length === 0) return 'awaiting-certificate';
  return 'ready';
}

export async function identitySummary(r: IdentityRecord, now: number, protection: IdentitySummary['protection']): Promise<IdentitySummary> {
  const base: IdentitySummary = {
    id: r.id,
    address: r.address,
    state: identityState(r),
    expiresSoon: false,
    expired: false,
    protection,
    createdAt: r.createdAt,
    ...(r.csrPem && r.certificateChain.length === 0 ? { csrPem: r.csrPem } : {}),
  };
  const leaf = r.certificateChain[0];
  if (!leaf) return base;
  const info = await certificateInfo(leaf);
  const notAfter = info.notAfter.getTime();
  return {
    ...base,
    subject: info.subject,
    issuer: info.issuer,
    notAfter,
    fingerprint: info.fingerprintSha256,
    expired: now > notAfter,
    expiresSoon: now <= notAfter && notAfter - now < SOON_MS,
  };
}

export function anchorSummary(a: AnchorRecord, now: number): AnchorSummary {
  return { fingerprint: a.fingerprint, subject: a.subject, notAfter: a.notAfter, expired: now > a.notAfter, addedAt: a.addedAt };
}

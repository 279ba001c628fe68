/**
 * The API an EHR page gets on a site the practice enabled (the page-world object of entrypoints/ehr-api.ts, as
 * Mailvelope offers one): it can ask DirectSeal to open the write frame with what it suggests, or to show a
 * sealed message it holds, and it learns only the sealed block (ciphertext) or that the message was shown.
 * Page world and content script talk by DOM events carrying JSON strings (objects do not cross worlds); the
 * page sees all of it, so only ciphertext and outcomes travel here, never plaintext it did not give.
 */

export const EHR_REQUEST_EVENT = 'directseal:ehr-request';
export const EHR_RESPONSE_EVENT = 'directseal:ehr-response';

export type EhrRequest =
  | { id: string; kind: 'compose'; to?: string[]; subject?: string; text?: string }
  | { id: string; kind: 'open'; armored: string };

export type EhrResponse =
  | { id: string; ok: true; sealed: string }
  /** `reply`: the user's sealed reply, armored, when they wrote one in the read frame. */
  | { id: string; ok: true; shown: true; reply?: string }
  | { id: string; ok: false; error: 'CLOSED' | 'BAD_REQUEST' | 'FAILED'; message: string };

/** A request as the page sent it, checked field by field (the page may send anything). */
export function readEhrRequest(detail: unknown): EhrRequest | undefined {
  let r: Record<string, unknown>;
  try {
    r = typeof detail === 'string' ? (JSON.parse(detail) as Record<string, unknown>) : {};
  } catch {
    return undefined;
  }
  if (typeof r.id !== 'string' || r.id.length === 0 || r.id.length > 100) return undefined;
  const text = (v: unknown, max: number) => (v === undefined ? undefined : typeof v === 'string' && v.length <= max ? v : null);
  if (r.kind === 'open') return typeof r.armored === 'string' && r.armored.length < 64 * 1024 * 1024 ? { id: r.id, kind: 'open', armored: r.armored } : undefined;
  if (r.kind !== 'compose') return undefined;
  const to = r.to === undefined ? undefined : Array.isArray(r.to) && r.to.length <= 50 && r.to.every((a) => typeof a === 'string' && a.length <= 320) ? (r.to as string[]) : null;
  const subject = text(r.subject, 998);
  const body = text(r.text, 10 * 1024 * 1024);
  if (to === null || subject === null || body === null) return undefined;
  return { id: r.id, kind: 'compose', ...(to ? { to } : {}), ...(subject !== undefined ? { subject } : {}), ...(body !== undefined ? { text: body } : {}) };
}

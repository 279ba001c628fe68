/**
 * When a message arrived, against which the signer's claimed signing time is held: a signing time is the
 * signer's own claim (RFC 5652 signingTime), so the holder of a stolen or expired key can backdate it.
 */
import { header, headerAll, type Entity } from '../mime/entity';

/** How far before its arrival a message may claim to have been signed (queues, a HISP's retries, clock skew). */
export const BACKDATE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/**
 * The latest of the carrier's Date and the time in its topmost Received field (stamped by the receiving
 * server, which the sender does not write). Undefined when neither parses, e.g. for a bare smime.p7m.
 */
export function arrivalOf(carrier: Entity | undefined): Date | undefined {
  if (!carrier) return undefined;
  const times = [dateOf(header(carrier, 'date')), dateOf(receivedTime(headerAll(carrier, 'received')[0]))];
  const known = times.filter((t): t is number => t !== undefined);
  return known.length ? new Date(Math.max(...known)) : undefined;
}

/** RFC 5321 4.4: the date-time follows the last ";" of a Received field. */
function receivedTime(field: string | undefined): string | undefined {
  if (!field) return undefined;
  const at = field.lastIndexOf(';');
  return at === -1 ? undefined : field.slice(at + 1);
}

function dateOf(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const t = Date.parse(value.replace(/\([^()]*\)/g, ' ').trim());
  return Number.isNaN(t) ? undefined : t;
}

/** True when the claimed signing time lies further before the arrival than the tolerance. */
export function claimedLongBefore(signingTime: Date, arrival: Date): boolean {
  return arrival.getTime() - signingTime.getTime() > BACKDATE_TOLERANCE_MS;
}

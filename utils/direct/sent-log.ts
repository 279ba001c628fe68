/**
 * The sent log: what DirectSeal sealed and for whom, and what each recipient's delivery notifications (MDNs)
 * said about it. Direct asks the sender to tell its user, per recipient, whether a message arrived: processed,
 * dispatched (final delivery), failed, or not confirmed once the practice's timeout passed (DIRECT-CONFORMANCE
 * items 10-11). "Not confirmed" is computed when the log is read, never set by a timer: a browser that was
 * closed for a day shows the right state when it opens.
 */

/** What an MDN said about one recipient; 'sent' until one arrives. */
export type NotifiedState = 'sent' | 'processed' | 'dispatched' | 'failed';
/** What the user is shown: 'not-confirmed' is a 'sent' older than the timeout. */
export type DeliveryState = NotifiedState | 'not-confirmed';

export interface RecipientDelivery {
  /** Lowercased Direct address. */
  address: string;
  state: NotifiedState;
  /** When the notification that set `state` was opened. */
  notifiedAt?: number;
}

export interface SentRecord {
  /** As in the message, angle brackets included: "<...@...>". */
  messageId: string;
  from: string;
  recipients: RecipientDelivery[];
  sentAt: number;
}

/** A sealed message about to go out: every recipient starts as 'sent'. */
export function newSentRecord(messageId: string, from: string, recipients: readonly string[], sentAt: number): SentRecord {
  const addresses = [...new Set(recipients.map((a) => a.trim().toLowerCase()).filter(Boolean))];
  return { messageId: normalizeMessageId(messageId), from: from.trim().toLowerCase(), recipients: addresses.map((address) => ({ address, state: 'sent' })), sentAt };
}

/**
 * Message-IDs are compared as the addr-spec inside the brackets (RFC 5322 3.6.4); some systems echo them in
 * Original-Message-ID without the brackets, or with folding whitespace.
 */
export function normalizeMessageId(id: string): string {
  const inner = id.trim().replace(/^</, '').replace(/>$/, '').replace(/\s+/g, '');
  return `<${inner}>`;
}

/** How sure a state is: a later "processed" never takes back a "dispatched" or "failed" already heard. */
const RANK: Record<NotifiedState, number> = { sent: 0, processed: 1, dispatched: 2, failed: 3 };

/** The dispositions Direct uses (RFC 8098 3.2.6); anything else ("displayed", "deleted") says nothing here. */
export function notifiedStateOf(disposition: string | undefined): NotifiedState | undefined {
  const d = (disposition ?? '').trim().toLowerCase();
  return d === 'processed' || d === 'dispatched' || d === 'failed' ? d : undefined;
}

export interface ArrivedNotification {
  originalMessageId?: string | undefined;
  finalRecipient?: string | undefined;
  disposition?: string | undefined;
}

export type NotificationMatch =
  | { matched: true; record: SentRecord; address: string; state: NotifiedState; changed: boolean }
  /** Why it updates nothing: the user sees the sentence in the read frame. */
  | { matched: false; reason: 'unknown-message' | 'unknown-recipient' | 'incomplete' };

/**
 * Applies an MDN that arrived to the one record it answers, by Original-Message-ID, and to the one recipient
 * it names, by Final-Recipient. `record` is that record (looked up by the caller); the result's record is the
 * updated copy to store when `changed`.
 */
export function applyNotification(record: SentRecord | undefined, notification: ArrivedNotification, now: number): NotificationMatch {
  const state = notifiedStateOf(notification.disposition);
  const address = notification.finalRecipient?.trim().toLowerCase();
  if (!notification.originalMessageId || !address || !state) return { matched: false, reason: 'incomplete' };
  if (!record || record.messageId !== normalizeMessageId(notification.originalMessageId)) return { matched: false, reason: 'unknown-message' };
  const current = record.recipients.find((r) => r.address === address);
  if (!current) return { matched: false, reason: 'unknown-recipient' };
  if (RANK[state] <= RANK[current.state]) return { matched: true, record, address, state: current.state, changed: false };
  const recipients = record.recipients.map((r) => (r.address === address ? { address, state, notifiedAt: now } : r));
  return { matched: true, record: { ...record, recipients }, address, state, changed: true };
}

/** The state to show for one recipient at `now`, with the practice's timeout in milliseconds. */
export function deliveryState(record: SentRecord, recipient: RecipientDelivery, now: number, timeoutMs: number): DeliveryState {
  if (recipient.state !== 'sent') return recipient.state;
  return now - record.sentAt >= timeoutMs ? 'not-confirmed' : 'sent';
}

/** Newest first, at most `limit`: what the popup and the options page list. */
export function latestSent(records: readonly SentRecord[], limit: number): SentRecord[] {
  return [...records].sort((a, b) => b.sentAt - a.sentAt).slice(0, limit);
}

/** The records beyond the newest `keep`, to delete: the log stays small (the popup shows a few, Options more). */
export function beyondKept(records: readonly SentRecord[], keep: number): SentRecord[] {
  return [...records].sort((a, b) => b.sentAt - a.sentAt).slice(keep);
}

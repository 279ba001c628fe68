/**
 * The sent log and delivery-notification settings behind the popup, Options and the message frames: a sealed
 * message is recorded, an MDN that was opened and verified updates it, and the list is read with each
 * recipient's state as of now (utils/direct/sent-log.ts). Addresses and Message-IDs only: no subject or text.
 */
import { DirectSealError } from '../errors';
import { applyNotification, beyondKept, deliveryState, latestSent, newSentRecord, normalizeMessageId } from '../direct/sent-log';
import { deleteSent, getSent, listSent, putSent } from '../store/sent';
import { getSetting, putSetting } from '../store/settings';
import type { DeliveryNotificationSettings } from '../store/schema';
import type { KeyServiceApi, SentSummary } from './api';
import type { ServiceContext } from './context';

/** Enough for weeks of a small practice's mail; older entries have long been confirmed or not. */
export const SENT_LOG_KEEP = 500;
const MAX_TIMEOUT_MINUTES = 7 * 24 * 60;

export async function recordSent(ctx: ServiceContext, req: KeyServiceApi['delivery.recordSent']['request']): Promise<{ recorded: true }> {
  const recipients = Array.isArray(req.recipients) ? req.recipients.map(String) : [];
  if (!String(req.messageId ?? '').includes('@') || recipients.length === 0) throw new DirectSealError('USAGE', 'a sent message needs its Message-ID and recipients');
  await putSent(ctx.store, newSentRecord(String(req.messageId), String(req.from ?? ''), recipients, ctx.now()));
  const stale = beyondKept(await listSent(ctx.store), SENT_LOG_KEEP);
  await deleteSent(ctx.store, stale.map((r) => r.messageId));
  return { recorded: true };
}

/**
 * An opened MDN: counted only when it was verified and signed by the recipient it speaks for, so nobody
 * else can mark a message delivered.
 */
export async function noteNotification(ctx: ServiceContext, req: KeyServiceApi['delivery.noteNotification']['request']): Promise<KeyServiceApi['delivery.noteNotification']['reply']> {
  const signer = String(req.signerAddress ?? '').toLowerCase();
  const finalRecipient = String(req.finalRecipient ?? '').trim().toLowerCase();
  if (!req.verified || !signer || signer !== finalRecipient) return { matched: false, reason: 'not-from-recipient' };
  const record = req.originalMessageId ? await getSent(ctx.store, normalizeMessageId(String(req.originalMessageId))) : undefined;
  const match = applyNotification(record, { originalMessageId: req.originalMessageId, finalRecipient, disposition: req.disposition }, ctx.now());
  if (!match.matched) return { matched: false, reason: match.reason };
  if (match.changed) await putSent(ctx.store, match.record);
  return { matched: true, address: match.address, state: match.state, sentAt: match.record.sentAt };
}

export async function listDeliveries(ctx: ServiceContext, req: KeyServiceApi['delivery.list']['request']): Promise<SentSummary[]> {
  const limit = Number.isInteger(req.limit) && req.limit! > 0 ? req.limit! : SENT_LOG_KEEP;
  const { timeoutMinutes } = await getSetting(ctx.store, 'deliveryNotifications');
  const now = ctx.now();
  return latestSent(await listSent(ctx.store), limit).map((record) => ({
    messageId: record.messageId,
    sentAt: record.sentAt,
    recipients: record.recipients.map((r) => ({
      address: r.address,
      state: deliveryState(record, r, now, timeoutMinutes * 60_000),
      ...(r.notifiedAt ? { notifiedAt: r.notifiedAt } : {}),
    })),
  }));
}

export async function deliverySettings(ctx: ServiceContext): Promise<DeliveryNotificationSettings> {
  return getSetting(ctx.store, 'deliveryNotifications');
}

export async function setDeliverySettings(ctx: ServiceContext, req: KeyServiceApi['delivery.setSettings']['request']): Promise<DeliveryNotificationSettings> {
  if (req.send !== 'automatic' && req.send !== 'one-click') throw new DirectSealError('USAGE', `unknown way to send notifications: ${String(req.send)}`);
  const timeoutMinutes = Number(req.timeoutMinutes);
  if (!Number.isInteger(timeoutMinutes) || timeoutMinutes < 1 || timeoutMinutes > MAX_TIMEOUT_MINUTES) {
    throw new DirectSealError('USAGE', `the timeout is a whole number of minutes, 1 to ${MAX_TIMEOUT_MINUTES}`);
  }
  const settings: DeliveryNotificationSettings = { send: req.send, timeoutMinutes };
  await putSetting(ctx.store, 'deliveryNotifications', settings);
  return settings;
}

/** The sent log through the key service: recording, matching only a recipient's own MDN, the timeout, settings. */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { KeyServiceApi, Outcome, ReplyOf, RequestType } from '../../../utils/keyservice/api';
import { SENT_LOG_KEEP } from '../../../utils/keyservice/delivery';
import { createKeyService } from '../../../utils/keyservice/service';
import { openStore } from '../../../utils/store/open';
import { memoryStagingArea } from '../../../utils/store/staging';

const MINUTE = 60_000;

async function service() {
  const clock = { t: Date.UTC(2026, 10, 30, 9, 0, 0), now() { return this.t; }, setTimer: () => 0, clearTimer: () => undefined };
  const factory = new IDBFactory();
  const rewrite = { staging: memoryStagingArea() };
  const s = await createKeyService({ store: await openStore(factory, rewrite), factory, rewrite, version: 'test', clock });
  const send = async <T extends RequestType>(type: T, request: KeyServiceApi[T]['request']) => (await s.handle({ ...request, type })) as Outcome<ReplyOf<T>>;
  const call = async <T extends RequestType>(type: T, request: KeyServiceApi[T]['request']): Promise<ReplyOf<T>> => {
    const out = await send(type, request);
    if (!out.ok) throw new Error(`${type}: ${out.error.code}`);
    return out.value;
  };
  return { clock, send, call };
}

const note = (finalRecipient: string, signerAddress = finalRecipient) => ({
  verified: true,
  signerAddress,
  originalMessageId: '<m-1@doctor.test>',
  finalRecipient,
  disposition: 'processed',
});

describe('delivery requests', () => {
  it('records a sent message and shows a recipient processed once their own verified MDN is opened', async () => {
    const { clock, call } = await service();
    await call('delivery.recordSent', { messageId: '<m-1@doctor.test>', from: 'dr.house@doctor.test', recipients: ['pat@patient.test', 'lab@lab.test'] });
    const sentAt = clock.t;
    clock.t += 5 * MINUTE;
    expect(await call('delivery.noteNotification', note('pat@patient.test'))).toEqual({ matched: true, address: 'pat@patient.test', state: 'processed', sentAt });
    expect(await call('delivery.list', {})).toEqual([
      {
        messageId: '<m-1@doctor.test>',
        sentAt,
        recipients: [
          { address: 'pat@patient.test', state: 'processed', notifiedAt: sentAt + 5 * MINUTE },
          { address: 'lab@lab.test', state: 'sent' },
        ],
      },
    ]);
  });

  it('does not count an MDN signed by someone else, or one that was not verified', async () => {
    const { call } = await service();
    await call('delivery.recordSent', { messageId: '<m-1@doctor.test>', from: 'dr.house@doctor.test', recipients: ['pat@patient.test'] });
    expect(await call('delivery.noteNotification', note('pat@patient.test', 'mallory@evil.test'))).toEqual({ matched: false, reason: 'not-from-recipient' });
    expect(await call('delivery.noteNotification', { ...note('pat@patient.test'), verified: false })).toEqual({ matched: false, reason: 'not-from-recipient' });
    expect((await call('delivery.list', {}))[0]!.recipients[0]!.state).toBe('sent');
  });

  it('says "not confirmed" after the practice\'s timeout, and the timeout can be changed', async () => {
    const { clock, call, send } = await service();
    expect(await call('delivery.settings', {})).toEqual({ send: 'one-click', timeoutMinutes: 60 });
    await call('delivery.recordSent', { messageId: '<m-1@doctor.test>', from: 'dr.house@doctor.test', recipients: ['pat@patient.test'] });
    clock.t += 30 * MINUTE;
    expect((await call('delivery.list', {}))[0]!.recipients[0]!.state).toBe('sent');
    await call('delivery.setSettings', { send: 'automatic', timeoutMinutes: 20 });
    expect((await call('delivery.list', {}))[0]!.recipients[0]!.state).toBe('not-confirmed');
    expect(await call('delivery.settings', {})).toEqual({ send: 'automatic', timeoutMinutes: 20 });
    const refused = await send('delivery.setSettings', { send: 'automatic', timeoutMinutes: 0 });
    expect(refused.ok ? undefined : refused.error.code).toBe('USAGE');
  });

  it('keeps only the newest entries', async () => {
    const { clock, call } = await service();
    for (let i = 0; i <= SENT_LOG_KEEP; i++) {
      clock.t += 1;
      await call('delivery.recordSent', { messageId: `<m-${i}@doctor.test>`, from: 'dr.house@doctor.test', recipients: ['pat@patient.test'] });
    }
    const kept = await call('delivery.list', {});
    expect(kept).toHaveLength(SENT_LOG_KEEP);
    expect(kept.at(-1)!.messageId).toBe('<m-1@doctor.test>');
    expect((await call('delivery.list', { limit: 3 })).map((r) => r.messageId)).toEqual([`<m-${SENT_LOG_KEEP}@doctor.test>`, `<m-${SENT_LOG_KEEP - 1}@doctor.test>`, `<m-${SENT_LOG_KEEP - 2}@doctor.test>`]);
  });
});

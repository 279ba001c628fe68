/** The sent log's rules, and a notification's whole path from the sealed message's headers to "processed". */
import { describe, expect, it } from 'vitest';
import { buildMdn, readMdn } from '../../../utils/direct/mdn';
import { finalRecipientFor, notificationRequestHeaders, notificationSide } from '../../../utils/direct/notification';
import { applyNotification, beyondKept, deliveryState, latestSent, newSentRecord, normalizeMessageId, type SentRecord } from '../../../utils/direct/sent-log';
import { buildMessage } from '../../../utils/mime/build';
import { header, splitEntity } from '../../../utils/mime/entity';

const HOUR = 3_600_000;
const SENT_AT = Date.UTC(2026, 10, 30, 9, 0, 0);
const record = () => newSentRecord('<m-1@doctor.test>', 'Dr.House@doctor.test', ['Pat@patient.test', 'lab@lab.test', 'pat@patient.test'], SENT_AT);
const processed = (address: string, id = '<m-1@doctor.test>') => ({ originalMessageId: id, finalRecipient: address, disposition: 'processed' });
const stateOf = (r: SentRecord, address: string) => r.recipients.find((x) => x.address === address)?.state;

describe('sent log', () => {
  it('records each recipient once, lowercased, as sent', () => {
    const r = record();
    expect(r).toEqual({
      messageId: '<m-1@doctor.test>',
      from: 'dr.house@doctor.test',
      recipients: [
        { address: 'pat@patient.test', state: 'sent' },
        { address: 'lab@lab.test', state: 'sent' },
      ],
      sentAt: SENT_AT,
    });
  });

  it('matches a notification by Original-Message-ID and Final-Recipient, and updates only that recipient', () => {
    const match = applyNotification(record(), processed('PAT@patient.test'), SENT_AT + 60_000);
    expect(match).toMatchObject({ matched: true, address: 'pat@patient.test', state: 'processed', changed: true });
    if (!match.matched) return;
    expect(match.record.recipients).toEqual([
      { address: 'pat@patient.test', state: 'processed', notifiedAt: SENT_AT + 60_000 },
      { address: 'lab@lab.test', state: 'sent' },
    ]);
  });

  it('takes an Original-Message-ID echoed without brackets or with folding spaces', () => {
    expect(normalizeMessageId(' m-1@doctor.test ')).toBe('<m-1@doctor.test>');
    expect(applyNotification(record(), processed('pat@patient.test', 'm-1@doctor.test'), SENT_AT).matched).toBe(true);
    expect(applyNotification(record(), processed('pat@patient.test', '<m-1@\r\n doctor.test>'), SENT_AT).matched).toBe(true);
  });

  it('refuses what it cannot match: another message, a recipient never written to, a report without its fields', () => {
    expect(applyNotification(record(), processed('pat@patient.test', '<other@doctor.test>'), SENT_AT)).toEqual({ matched: false, reason: 'unknown-message' });
    expect(applyNotification(undefined, processed('pat@patient.test'), SENT_AT)).toEqual({ matched: false, reason: 'unknown-message' });
    expect(applyNotification(record(), processed('mallory@evil.test'), SENT_AT)).toEqual({ matched: false, reason: 'unknown-recipient' });
    expect(applyNotification(record(), { originalMessageId: '<m-1@doctor.test>', finalRecipient: 'pat@patient.test' }, SENT_AT)).toEqual({ matched: false, reason: 'incomplete' });
    expect(applyNotification(record(), { ...processed('pat@patient.test'), disposition: 'displayed' }, SENT_AT)).toEqual({ matched: false, reason: 'incomplete' });
  });

  it('never lets a late "processed" take back a "dispatched" or a "failed"', () => {
    let r = record();
    for (const disposition of ['dispatched', 'processed']) {
      const m = applyNotification(r, { ...processed('pat@patient.test'), disposition }, SENT_AT + HOUR);
      if (m.matched) r = m.record;
    }
    expect(stateOf(r, 'pat@patient.test')).toBe('dispatched');
    const failed = applyNotification(r, { ...processed('pat@patient.test'), disposition: 'failed' }, SENT_AT + 2 * HOUR);
    expect(failed.matched && failed.changed && stateOf(failed.record, 'pat@patient.test')).toBe('failed');
  });

  it('shows "not confirmed" once the timeout passed without a notification, computed at read time', () => {
    let r = record();
    const m = applyNotification(r, processed('pat@patient.test'), SENT_AT + HOUR / 2);
    if (m.matched) r = m.record;
    const [pat, lab] = r.recipients;
    expect(deliveryState(r, lab!, SENT_AT + HOUR - 1, HOUR)).toBe('sent');
    expect(deliveryState(r, lab!, SENT_AT + HOUR, HOUR)).toBe('not-confirmed');
    expect(deliveryState(r, pat!, SENT_AT + 10 * HOUR, HOUR)).toBe('processed');
  });

  it('lists newest first and names what falls beyond the kept number', () => {
    const records = [3, 1, 2].map((n) => newSentRecord(`<m-${n}@doctor.test>`, 'a@doctor.test', ['p@patient.test'], SENT_AT + n));
    expect(latestSent(records, 2).map((r) => r.messageId)).toEqual(['<m-3@doctor.test>', '<m-2@doctor.test>']);
    expect(beyondKept(records, 2).map((r) => r.messageId)).toEqual(['<m-1@doctor.test>']);
  });
});

describe('notifications around a message', () => {
  const sent = () =>
    buildMessage({
      from: 'dr.house@doctor.test',
      to: ['pat@patient.test'],
      cc: ['nurse@clinic.test'],
      subject: 'Results',
      text: 'All fine.',
      messageId: '<m-1@doctor.test>',
      headers: notificationRequestHeaders('dr.house@doctor.test'),
    });

  it('asks for notification inside the message as Direct does', () => {
    const e = splitEntity(sent());
    expect(header(e, 'disposition-notification-to')).toBe('dr.house@doctor.test');
    expect(header(e, 'disposition-notification-options')).toBe('X-DIRECT-FINAL-DESTINATION-DELIVERY=optional,true');
  });

  it('answers with the Final-Recipient that is ours, named in To or Cc', () => {
    expect(finalRecipientFor(sent(), ['other@clinic.test', 'Nurse@clinic.test'])).toBe('nurse@clinic.test');
    expect(finalRecipientFor(sent(), ['bcc-only@clinic.test'])).toBe('bcc-only@clinic.test');
    expect(finalRecipientFor(sent(), [])).toBeUndefined();
  });

  it('prepares the MDN for a verified message only, and never for an MDN', () => {
    const side = notificationSide(sent(), true, ['pat@patient.test'], new Date(SENT_AT));
    expect(side.kind).toBe('answer');
    if (side.kind !== 'answer') return;
    expect(side.to).toBe('dr.house@doctor.test');
    expect(readMdn(side.mdn)).toEqual({ originalMessageId: '<m-1@doctor.test>', finalRecipient: 'pat@patient.test', disposition: 'processed' });
    expect(notificationSide(sent(), false, ['pat@patient.test']).kind).toBe('none');
    const arrived = notificationSide(side.mdn, true, ['dr.house@doctor.test']);
    expect(arrived).toEqual({ kind: 'arrived', report: readMdn(side.mdn) });
  });

  it('the MDN the patient prepares turns the doctor\'s record for the patient to processed', () => {
    const log = newSentRecord('<m-1@doctor.test>', 'dr.house@doctor.test', ['pat@patient.test', 'nurse@clinic.test'], SENT_AT);
    const mdn = buildMdn({ original: sent(), finalRecipient: 'pat@patient.test' })!;
    const match = applyNotification(log, readMdn(mdn)!, SENT_AT + HOUR);
    expect(match.matched && match.record.recipients.map((r) => [r.address, r.state])).toEqual([
      ['pat@patient.test', 'processed'],
      ['nurse@clinic.test', 'sent'],
    ]);
  });
});

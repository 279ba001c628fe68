/**
 * Direct delivery notifications (issue 10, part 4; DIRECT-CONFORMANCE items 10-11, DTS 450-461): the
 * "processed" MDN carries Disposition, Reporting-UA, Final-Recipient and Original-Message-ID, no
 * Disposition-Notification-To, is never made for an MDN, and sealed back to the sender it opens in openssl
 * (decrypt, then verify against the sender's anchor).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMdn, isMdn, readMdn } from '../../../utils/direct/mdn';
import { seal } from '../../../utils/direct/seal';
import { open } from '../../../utils/direct/open';
import { header, splitEntity } from '../../../utils/mime/entity';
import { anchorDer, certDer, identityOf, openssl, tempDir, testPki } from '../../support/pki-fixture';

const enc = new TextEncoder();
const ORIGINAL = enc.encode(
  'From: dr.house@doctor.test\r\nTo: pat@patient.test\r\nSubject: Results\r\nMessage-ID: <orig-1@doctor.test>\r\n' +
    'Disposition-Notification-Options: X-DIRECT-FINAL-DESTINATION-DELIVERY=optional,true\r\n\r\nAll fine.\r\n',
);

describe('MDN', () => {
  it('has the fields Direct requires and nothing asking for another MDN', () => {
    const mdn = buildMdn({ original: ORIGINAL, finalRecipient: 'pat@patient.test', now: new Date('2026-11-30T12:00:00Z') })!;
    const text = new TextDecoder().decode(mdn);
    expect(text).toMatch(/^Reporting-UA: directseal; DirectSeal\r$/m);
    expect(text).toMatch(/^Final-Recipient: rfc822; pat@patient\.test\r$/m);
    expect(text).toMatch(/^Original-Message-ID: <orig-1@doctor\.test>\r$/m);
    expect(text).toMatch(/^Disposition: automatic-action\/MDN-sent-automatically; processed\r$/m);
    expect(text).not.toMatch(/^Disposition-Notification-To:/im);
    const e = splitEntity(mdn);
    expect(header(e, 'to')).toBe('dr.house@doctor.test');
    expect(header(e, 'from')).toBe('pat@patient.test');
    expect(isMdn(mdn)).toBe(true);
    expect(readMdn(mdn)).toEqual({ originalMessageId: '<orig-1@doctor.test>', finalRecipient: 'pat@patient.test', disposition: 'processed' });
  });

  it('is never made for an MDN, and goes to Disposition-Notification-To when the sender named one', () => {
    const mdn = buildMdn({ original: ORIGINAL, finalRecipient: 'pat@patient.test' })!;
    expect(buildMdn({ original: mdn, finalRecipient: 'dr.house@doctor.test' })).toBeUndefined();
    const asked = enc.encode('From: dr.house@doctor.test\r\nDisposition-Notification-To: tracking@doctor.test\r\nTo: pat@patient.test\r\n\r\nx\r\n');
    expect(header(splitEntity(buildMdn({ original: asked, finalRecipient: 'pat@patient.test' })!), 'to')).toBe('tracking@doctor.test');
    expect(readMdn(ORIGINAL)).toBeUndefined();
  });

  it('sealed by the patient to the doctor, it opens in openssl and in our own open, verified', async () => {
    const pki = await testPki();
    const patient = await identityOf(pki, pki.patient);
    const doctor = await identityOf(pki, pki.doctor);
    const original = enc.encode(`From: ${pki.doctor.address}\r\nTo: ${pki.patient.address}\r\nSubject: Labs\r\nMessage-ID: <labs-7@doctor.test>\r\n\r\nok\r\n`);
    const mdn = buildMdn({ original, finalRecipient: pki.patient.address })!;
    const sealed = await seal(mdn, patient, [certDer(pki.doctor)]);
    const dir = tempDir('ds-mdn-');
    writeFileSync(join(dir, 'mdn.eml'), sealed);
    const signed = openssl(['cms', '-decrypt', '-in', join(dir, 'mdn.eml'), '-recip', pki.doctor.certPem, '-inkey', pki.doctor.keyPem]);
    writeFileSync(join(dir, 'signed.eml'), signed);
    const inner = openssl(['cms', '-verify', '-in', join(dir, 'signed.eml'), '-CAfile', pki.anchorPem, '-purpose', 'any']).toString();
    expect(inner).toContain('Disposition: automatic-action/MDN-sent-automatically; processed');
    expect(inner).toContain('Original-Message-ID: <labs-7@doctor.test>');
    const opened = await open(sealed, [doctor], [anchorDer(pki)]);
    expect(opened.verdict.status).toBe('verified');
    expect(readMdn(opened.message)).toMatchObject({ originalMessageId: '<labs-7@doctor.test>', disposition: 'processed' });
  });
});

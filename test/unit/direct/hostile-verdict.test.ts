/**
 * Issue 7, section 3: what "Verified" shows is what was verified. Crafted messages from a trusted signer (pat)
 * who lies, from several signers at once, and from keys whose holder backdates the signing time.
 */
import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { open } from '../../../utils/direct/open';
import { foreignAddressesInName } from '../../../utils/direct/sender';
import { parseMessage } from '../../../utils/mime/parse';
import { readCrls } from '../../../utils/pki';
import { anchorDer, bytes, identityOf, testPki, type TestPki } from '../../support/pki-fixture';
import { nestedWrapperMessage, sealedEml, signedAt, signedByAll, signerOf, textMessage } from '../../support/hostile-mail';
import type { Recipient } from '../../../utils/cms/keys';

const DAY = 86_400_000;
const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const rfc5322 = (d: Date) => d.toUTCString().replace('GMT', '+0000');

let pki: TestPki;
let doctor: Recipient;
let anchors: Uint8Array[];
beforeAll(async () => {
  pki = await testPki();
  doctor = await identityOf(pki, pki.doctor);
  anchors = [anchorDer(pki)];
}, 120_000);

const outer = (from: string) => [`From: ${from}`, 'To: dr.house@doctor.test'];
const PAT = 'pat@patient.test';

describe('a further message/rfc822 inside the signed message', () => {
  it('is the content of the message pat signed, shown as an attached message, never as the message', async () => {
    const sealed = await sealedEml(signedByAll(pki, nestedWrapperMessage(`Pat Patient <${PAT}>`, 'dr.house@doctor.test'), [pki.patient]), [pki.doctor], outer(PAT));
    const { message, verdict } = await open(sealed, [doctor], anchors);
    expect(verdict.status).toBe('verified');
    expect(verdict.from).toEqual({ address: PAT, name: 'Pat Patient' });
    // The entity whose From was bound, exactly: pat's message, not the lab's.
    expect(latin1(message)).toMatch(/^From: Pat Patient <pat@patient\.test>\r\n/);
    const shown = await parseMessage(message);
    expect(shown.from?.address).toBe(PAT);
    expect(shown.subject).toBeUndefined();
    expect(shown.text ?? '').not.toContain('potassium');
    expect(shown.attachments.map((a) => a.mimeType)).toEqual(['message/rfc822']);
    expect(latin1(shown.attachments[0]!.content)).toContain('Subject: CRITICAL: potassium 7.1');
  });
});

describe('a display name that shows another address', () => {
  it.each([
    ['"results@lab.test" <pat@patient.test>', ['results@lab.test']],
    ['"County Lab <results@lab.test>" <pat@patient.test>', ['results@lab.test']],
    ['"RESULTS@LAB.TEST (County Lab)" <pat@patient.test>', ['results@lab.test']],
    ['"results\uFF20lab.test" <pat@patient.test>', ['results@lab.test']], // fullwidth @
    ['"results@\u200Blab.test" <pat@patient.test>', ['results@lab.test']], // a zero-width space inside
  ])('is flagged: %s', async (from, others) => {
    const sealed = await sealedEml(signedByAll(pki, textMessage([`From: ${from}`, 'To: dr.house@doctor.test', 'Subject: results'], 'hello'), [pki.patient]), [pki.doctor], outer(PAT));
    const { verdict } = await open(sealed, [doctor], anchors);
    expect(verdict.status).toBe('verified'); // pat signed as pat; the name is pat's own claim, and is flagged
    expect(verdict.signerAddress).toBe(PAT);
    expect(verdict.from?.address).toBe(PAT);
    expect(verdict.from?.nameShowsOtherAddress).toEqual(others);
  });

  it('loses its bidi controls, so a reversed "tset.bal@stluser" cannot read as results@lab.test', async () => {
    const from = `"Pat \u202Etset.bal@stluser\u202C" <${PAT}>`;
    const sealed = await sealedEml(signedByAll(pki, textMessage([`From: ${from}`, 'To: dr.house@doctor.test', 'Subject: results'], 'hello'), [pki.patient]), [pki.doctor], outer(PAT));
    const { verdict } = await open(sealed, [doctor], anchors);
    expect(verdict.from).toEqual({ address: PAT, name: 'Pat tset.bal@stluser' });
  });

  it.each(['Pat Patient', 'pat@patient.test', 'Pat (PAT@Patient.test)', 'Dr. Pat, M.D.', 'support at lab dot test'])('is not flagged when it shows no other address: %s', (name) => {
    expect(foreignAddressesInName(name, PAT)).toEqual([]);
  });
});

describe('several signatures', () => {
  const body = () => textMessage([`From: ${PAT}`, 'To: dr.house@doctor.test', 'Subject: two signers'], 'signed twice');

  it('one valid signature from the bound, trusted signer decides; the others are listed, each judged', async () => {
    for (const order of [[pki.eve, pki.patient], [pki.patient, pki.eve]]) {
      const sealed = await sealedEml(signedByAll(pki, body(), order), [pki.doctor], outer(PAT));
      const { verdict } = await open(sealed, [doctor], anchors);
      expect(verdict.reasons).toEqual([]);
      expect(verdict.status).toBe('verified');
      expect(verdict.signerAddress).toBe(PAT);
      expect(verdict.otherSignatures).toHaveLength(1);
      const eve = verdict.otherSignatures[0]!;
      expect(eve.signerAddress).toBe('eve@evil.test');
      expect(eve.status).toBe('invalid');
      expect(eve.reasons.map((r) => r.code).sort()).toEqual(['ISSUER_MISSING', 'SIGNER_ADDRESS_MISMATCH']);
    }
  });

  it('without a valid bound signature, no other signature makes it verified', async () => {
    const sealed = await sealedEml(signedByAll(pki, body(), [pki.eve, pki.doctor]), [pki.doctor], outer(PAT));
    const { verdict } = await open(sealed, [doctor], anchors);
    expect(verdict.status).toBe('invalid');
    expect(verdict.otherSignatures).toHaveLength(1);
    expect([verdict, ...verdict.otherSignatures].map((v) => v.reasons.map((r) => r.code)).flat()).toContain('SIGNER_ADDRESS_MISMATCH');
  });

  it('judges nested signatures too: a stranger\'s signature around pat\'s signed message is listed, pat\'s decides', async () => {
    const inner = signedByAll(pki, body(), [pki.patient]);
    const sealed = await sealedEml(signedByAll(pki, inner, [pki.eve]), [pki.doctor], outer(PAT));
    const { message, verdict } = await open(sealed, [doctor], anchors);
    expect(verdict.status).toBe('verified');
    expect(verdict.signerAddress).toBe(PAT);
    expect(verdict.otherSignatures.map((s) => s.signerAddress)).toEqual(['eve@evil.test']);
    expect(latin1(message)).toMatch(/^From: pat@patient\.test\r\n/);
    expect((await parseMessage(message)).text?.trim()).toBe('signed twice');
  });
});

describe('the signing time is the signer\'s claim', () => {
  const now = () => new Date();
  const expiredMail = (date: Date, extra: string[] = []) =>
    textMessage([...extra, 'From: old@doctor.test', 'To: dr.house@doctor.test', `Date: ${rfc5322(date)}`, 'Subject: backdated'], 'signed with a key that has expired');

  it('a claim far before the outer Date, from a certificate expired since, is judged for now: CERT_EXPIRED', async () => {
    const signer = await signerOf(pki, pki.expired); // valid from 20 days ago until 2 days ago
    const claimed = new Date(Date.now() - 10 * DAY);
    const sealed = await sealedEml(await signedAt(expiredMail(now()), signer, claimed), [pki.doctor], [...outer('old@doctor.test'), `Date: ${rfc5322(now())}`]);
    const { verdict } = await open(sealed, [doctor], anchors);
    expect(verdict.status).toBe('untrusted');
    expect(verdict.reasons.map((r) => r.code)).toEqual(['CERT_EXPIRED']);
    expect(verdict.claimedLongBeforeArrival).toBe(true);
    expect(verdict.signingTime?.getTime()).toBe(Math.floor(claimed.getTime() / 1000) * 1000);
    expect(verdict.arrivedAt).toBeInstanceOf(Date);
    expect(verdict.arrivedAt!.getTime() - verdict.signingTime!.getTime()).toBeGreaterThan(9 * DAY);
  });

  it('the receiving server\'s Received stamp counts even when the sender backdates the Date too', async () => {
    const signer = await signerOf(pki, pki.expired);
    const claimed = new Date(Date.now() - 10 * DAY);
    const sealed = await sealedEml(await signedAt(expiredMail(claimed), signer, claimed), [pki.doctor], [
      `Received: from relay.doctor.test by mx.doctor.test; ${rfc5322(now())} (UTC)`,
      ...outer('old@doctor.test'),
      `Date: ${rfc5322(claimed)}`,
    ]);
    const { verdict } = await open(sealed, [doctor], anchors);
    expect(verdict.status).toBe('untrusted');
    expect(verdict.reasons.map((r) => r.code)).toEqual(['CERT_EXPIRED']);
    // An earlier delivery time from the caller does not hide the later stamp: the latest time known counts.
    const early = await open(sealed, [doctor], anchors, { receivedAt: claimed });
    expect(early.verdict.reasons.map((r) => r.code)).toEqual(['CERT_EXPIRED']);
  });

  it('so does a delivery time the caller knows', async () => {
    const signer = await signerOf(pki, pki.expired);
    const claimed = new Date(Date.now() - 10 * DAY);
    const sealed = await sealedEml(await signedAt(expiredMail(claimed), signer, claimed), [pki.doctor], outer('old@doctor.test'));
    // Nothing says when it arrived: the claim stands, and the certificate's expiry since is said.
    const unknown = (await open(sealed, [doctor], anchors)).verdict;
    expect(unknown.status).toBe('verified');
    expect(unknown.expiredSinceClaim?.getTime()).toBe(new X509Certificate(Buffer.from(signer.certificate)).validToDate.getTime());
    const { verdict } = await open(sealed, [doctor], anchors, { receivedAt: now() });
    expect(verdict.reasons.map((r) => r.code)).toEqual(['CERT_EXPIRED']);
  });

  it('control: a message signed while valid, that arrived then, stays verified after the certificate expired', async () => {
    const signer = await signerOf(pki, pki.expired);
    const then = new Date(Date.now() - 10 * DAY);
    const sealed = await sealedEml(await signedAt(expiredMail(then), signer, then), [pki.doctor], [
      `Received: from relay.doctor.test by mx.doctor.test; ${rfc5322(new Date(then.getTime() + 60_000))}`,
      ...outer('old@doctor.test'),
      `Date: ${rfc5322(then)}`,
    ]);
    const { verdict } = await open(sealed, [doctor], anchors);
    expect(verdict.reasons).toEqual([]);
    expect(verdict.status).toBe('verified');
    expect(verdict.claimedLongBeforeArrival).toBeUndefined();
    expect(verdict.expiredSinceClaim).toBeUndefined(); // it arrived while the certificate was valid
  });

  it('a revoked certificate never verifies, whatever the claimed time (before the revocation)', async () => {
    const signer = await signerOf(pki, pki.revoked);
    // Its first second of validity: before it was revoked.
    const claimed = new X509Certificate(Buffer.from(signer.certificate)).validFromDate;
    const mail = textMessage(['From: gone@doctor.test', 'To: dr.house@doctor.test', `Date: ${rfc5322(claimed)}`, 'Subject: old'], 'backdated');
    const sealed = await sealedEml(await signedAt(mail, signer, claimed), [pki.doctor], outer('gone@doctor.test'));
    const { verdict } = await open(sealed, [doctor], anchors, { crls: readCrls(bytes(pki.crlDer)) });
    expect(verdict.status).toBe('invalid');
    expect(verdict.reasons.map((r) => r.code)).toEqual(['CERT_REVOKED']);
  });
});

/** The read view's words around a verdict (components/read/verdict-text.ts): what the From line and banner say. */
import { afterEach, describe, expect, it } from 'vitest';
import type { WireVerdict } from '../../../utils/keyservice/api';
import { detailReasons, misleadingNameWarning, otherSignatureLines, shownSender, signingTimeNote, verdictWords } from '../../../components/read/verdict-text';
import { ERROR_SENTENCES } from '../../../utils/errors';
import { ERROR_SENTENCES_ES } from '../../../utils/i18n/errors-es';
import { setCurrentLocale } from '../../../components/i18n/current';

const DAY = 86_400_000;
const base: WireVerdict = {
  status: 'verified',
  signerAddress: 'pat@patient.test',
  reasons: [],
  warnings: [],
  otherSignatures: [],
  wrapped: true,
  algorithms: { contentEncryption: 'aes-256-cbc', keyTransport: 'rsa-pkcs1' },
};

describe('shownSender', () => {
  it('shows the From the verdict checked, not a From the display parsed (the nested County Lab)', () => {
    const v = { ...base, from: { address: 'pat@patient.test', name: 'Pat Patient' } };
    expect(shownSender(v, { name: 'County Lab', address: 'results@lab.test' })).toEqual({ address: 'pat@patient.test', name: 'Pat Patient' });
  });

  it('never shows a display name that poses as another address as the name, only as a warning', () => {
    const v = { ...base, from: { address: 'pat@patient.test', name: 'results@lab.test', nameShowsOtherAddress: ['results@lab.test'] } };
    expect(shownSender(v, undefined)).toEqual({ address: 'pat@patient.test', misleadingName: 'results@lab.test' });
    expect(misleadingNameWarning(v)).toBe(
      'The sender\'s name reads “results@lab.test”, but the message is from pat@patient.test. Do not take it for a message from results@lab.test.',
    );
    expect(misleadingNameWarning({ ...base, from: { address: 'pat@patient.test', name: 'Pat' } })).toBeUndefined();
  });

  it('falls back to the parsed From only when the verdict has none', () => {
    expect(shownSender(base, { address: 'Pat@Patient.test' })).toEqual({ address: 'pat@patient.test' });
    expect(shownSender(base, undefined)).toBeUndefined();
  });
});

describe('signingTimeNote', () => {
  it('says the signing time is a claim, and how long before the arrival it lies', () => {
    const arrivedAt = Date.UTC(2026, 10, 30, 9);
    const v = { ...base, signingTime: arrivedAt - 10 * DAY, arrivedAt, claimedLongBeforeArrival: true };
    expect(signingTimeNote(v)).toMatch(/^The signature claims it was made .+, 10 days before the message arrived \(.+\)\. A signer can claim any time, so DirectSeal checked the certificate as of today\.$/);
    expect(signingTimeNote({ ...v, claimedLongBeforeArrival: undefined } as WireVerdict)).toBeUndefined();
  });

  it('says so when the certificate expired after the claimed time and the arrival is unknown', () => {
    const v = { ...base, signingTime: Date.UTC(2026, 10, 20), expiredSinceClaim: Date.UTC(2026, 10, 28) };
    expect(signingTimeNote(v)).toMatch(
      /^The signer's certificate expired .+\. The signature claims it was made before, .+, but a signer can claim any time and DirectSeal cannot tell when this message arrived: if it arrived after the certificate expired, do not rely on it\.$/,
    );
  });
});

describe('otherSignatureLines', () => {
  it('lists every other signature with its status and its reasons in a few words each', () => {
    const v: WireVerdict = {
      ...base,
      otherSignatures: [
        {
          status: 'invalid',
          signerAddress: 'eve@evil.test',
          reasons: [{ code: 'SIGNER_ADDRESS_MISMATCH', sentence: 'Not bound.' }, { code: 'SIGNER_UNTRUSTED', sentence: 'No anchor.' }],
          warnings: [],
          algorithms: {},
        },
        { status: 'verified', signerSubject: 'CN=Lab', reasons: [], warnings: [], algorithms: {} },
      ],
    };
    expect(otherSignatureLines(v)).toEqual([
      { who: 'eve@evil.test', status: 'invalid', statusWords: 'invalid', why: ['not bound to the From address', 'no path to your trust anchors'] },
      { who: 'CN=Lab', status: 'verified', statusWords: 'verified', why: [] },
    ]);
  });
});

describe('verdictWords and detailReasons (words for patients, issue 11 item 4)', () => {
  const reason = (code: keyof typeof ERROR_SENTENCES) => ({ code, sentence: ERROR_SENTENCES[code] });

  it('says "cannot tell who sent this" for a signer nobody vouches for, and asks to confirm another way', () => {
    const w = verdictWords({ ...base, status: 'untrusted', signerAddress: 'eve@evil.test', reasons: [reason('SIGNER_UNTRUSTED')] }, undefined);
    expect(w.title).toBe('DirectSeal cannot tell who sent this');
    expect(w.advice).toContain('signed as eve@evil.test');
    expect(w.advice).toContain('confirm with the sender another way');
    expect(`${w.title} ${w.advice}`).not.toMatch(/anchor|certificate|import/i);
  });

  it('says "may be forged" for a broken signature or a signer bound to another address, and never to trust its signer', () => {
    const v = { ...base, status: 'invalid' as const, reasons: [reason('SIGNER_ADDRESS_MISMATCH'), reason('SIGNER_UNTRUSTED')] };
    const w = verdictWords(v, 'pat@patient.test');
    expect(w.title).toBe('Warning: this message may be forged');
    expect(w.advice).toContain('do not reply with personal information');
    // The untrusted-signer sentence advises importing the sender's anchor: never beside a forgery.
    expect(detailReasons(v).join(' ')).not.toMatch(/import/i);
    expect(detailReasons(v)).toEqual(['not bound to the From address', 'no path to your trust anchors']);
  });

  it('says an unsigned message could be from anyone, and a verified one who signed it', () => {
    expect(verdictWords({ ...base, status: 'invalid', reasons: [reason('MESSAGE_UNSIGNED')] }, undefined).title).toBe('Not signed: anyone could have sent this');
    const ok = verdictWords(base, undefined);
    expect(ok.title).toBe('Signed by pat@patient.test');
    expect(ok.advice).toContain('really comes from pat@patient.test');
    expect(`${ok.title} ${ok.advice}`).not.toMatch(/aes|rsa|pkcs/i);
  });

  it('keeps the full sentences for an untrusted verdict, where importing an anchor is the right advice for IT', () => {
    const v = { ...base, status: 'untrusted' as const, reasons: [reason('SIGNER_UNTRUSTED')] };
    expect(detailReasons(v)).toEqual([ERROR_SENTENCES.SIGNER_UNTRUSTED]);
  });
});

describe('in Spanish (components/i18n)', () => {
  afterEach(() => setCurrentLocale('en'));
  const reason = (code: keyof typeof ERROR_SENTENCES) => ({ code, sentence: ERROR_SENTENCES[code] });

  it('says the verdict, the other signatures and the reasons in Spanish', () => {
    setCurrentLocale('es');
    expect(verdictWords(base, undefined).title).toBe('Firmado por pat@patient.test');
    const untrusted = { ...base, status: 'untrusted' as const, reasons: [reason('SIGNER_UNTRUSTED')] };
    expect(verdictWords(untrusted, undefined).title).toBe('DirectSeal no puede saber quién envió esto');
    expect(detailReasons(untrusted)).toEqual([ERROR_SENTENCES_ES.SIGNER_UNTRUSTED]);
    const other = { status: 'invalid' as const, signerAddress: 'x@lab.test', reasons: [reason('SIGNATURE_INVALID'), reason('NO_IDENTITY')] };
    expect(otherSignatureLines({ ...base, otherSignatures: [other] as WireVerdict['otherSignatures'] })).toEqual([
      { who: 'x@lab.test', status: 'invalid', statusWords: 'no válida', why: ['la firma no coincide con el contenido', ERROR_SENTENCES_ES.NO_IDENTITY] },
    ]);
  });
});

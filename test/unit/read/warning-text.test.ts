/** The verdict's warnings: made in utils/ with a code and parameters, said in the read view's language. */
import { afterEach, describe, expect, it } from 'vitest';
import { setCurrentLocale } from '../../../components/i18n/current';
import { warningText } from '../../../components/read/warning-text';
import { en } from '../../../utils/i18n/en';
import { es } from '../../../utils/i18n/es';
import { warning, WARNING_SENTENCES, type Warning, type WarningCode } from '../../../utils/pki/warnings';

const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const codes = Object.keys(WARNING_SENTENCES) as WarningCode[];

afterEach(() => setCurrentLocale('en'));

describe('a warning', () => {
  it('carries its code, its parameters and the English sentence the CLI prints', () => {
    expect(warning('WEAK_ALGORITHM', { subject: 'CN=Old CA', algorithm: 'sha1WithRSAEncryption' })).toEqual({
      code: 'WEAK_ALGORITHM',
      params: { subject: 'CN=Old CA', algorithm: 'sha1WithRSAEncryption' },
      sentence: 'the certificate "CN=Old CA" is signed with sha1WithRSAEncryption, which is weak; ask its CA for a SHA-256 certificate',
    });
    expect(warning('NO_SIGNING_TIME')).toEqual({ code: 'NO_SIGNING_TIME', sentence: 'the signature carries no signing time; validity was checked for now' });
  });

  it.each(codes)('%s has a text in both catalogs naming the same parameters as its English sentence', (code) => {
    const id = `outgoing.warning.${code}` as const;
    expect(params(en[id])).toEqual(params(WARNING_SENTENCES[code]));
    expect(params(es[id])).toEqual(params(WARNING_SENTENCES[code]));
  });
});

describe('warningText', () => {
  const weak = warning('WEAK_ALGORITHM', { subject: 'CN=Old CA', algorithm: 'sha1WithRSAEncryption' });

  it('says the warning in the view language, its parameters in place', () => {
    expect(warningText(weak)).toBe('The certificate "CN=Old CA" is signed with sha1WithRSAEncryption, which is weak; ask its CA for a SHA-256 certificate.');
    setCurrentLocale('es');
    expect(warningText(weak)).toBe('El certificado «CN=Old CA» está firmado con sha1WithRSAEncryption, un algoritmo débil; pida a su autoridad de certificación un certificado SHA-256.');
    expect(warningText(warning('NO_SIGNING_TIME'))).toBe('La firma no indica cuándo se hizo; la validez se comprobó con la hora actual.');
    setCurrentLocale('pseudo');
    expect(warningText(warning('NO_SIGNING_TIME'))).toMatch(/^⟦.*⟧$/);
  });

  it('writes a time as the view writes dates, not as ISO 8601', () => {
    setCurrentLocale('es');
    const text = warningText(warning('CRL_OUT_OF_DATE', { issuer: 'CN=CA', at: '2026-03-04T10:00:00.000Z' }));
    expect(text).toMatch(/^La lista de revocación \(CRL\) de «CN=CA» estaba caducada a fecha de .*2026/);
    expect(text).not.toContain('T10:00');
  });

  it('keeps the English sentence of a code it does not know (a newer background)', () => {
    setCurrentLocale('es');
    expect(warningText({ code: 'SOMETHING_NEW', sentence: 'something new happened' } as unknown as Warning)).toBe('something new happened');
  });
});

/**
 * Non-fatal observations about a signature or its chain (a SHA-1 certificate, no signing time, a CRL that could
 * not be fetched). Each has a stable code and its parameters, so a page can say it in its own language
 * (utils/i18n/areas/outgoing.*.ts, "outgoing.warning.CODE"); `sentence` is the English one the CLI prints.
 * Codes cross the wire and `directseal open --json` as plain strings: never rename one.
 */
import { fill } from '../i18n/fill';

/** The English sentences; `{name}` is a parameter. */
export const WARNING_SENTENCES = {
  NO_SIGNING_TIME: 'the signature carries no signing time; validity was checked for now',
  SIGNING_TIME_IN_FUTURE: 'the signing time lies in the future; validity was checked for now',
  WEAK_ALGORITHM: 'the certificate "{subject}" is signed with {algorithm}, which is weak; ask its CA for a SHA-256 certificate',
  CRL_BAD_SIGNATURE: 'a CRL naming "{issuer}" as issuer has a bad signature and was ignored',
  CRL_OUT_OF_DATE: 'the CRL of "{issuer}" was out of date at {at}',
  ISSUER_FETCHED_NO_HELP: 'the issuer of "{subject}" fetched from {url} was no help',
  ISSUER_NOT_FETCHED: 'the issuer of "{subject}" could not be fetched from {url}: {detail}',
  CRL_NOT_FETCHED: 'revocation of "{subject}" was not checked: its CRL could not be fetched ({failures})',
} as const;

export type WarningCode = keyof typeof WARNING_SENTENCES;

export interface Warning {
  code: WarningCode;
  /** What the sentence names (a certificate's subject, a URL, a time as ISO 8601); absent when it names nothing. */
  params?: Readonly<Record<string, string>>;
  /** The English sentence, parameters filled in. */
  sentence: string;
}

export function warning(code: WarningCode, params?: Readonly<Record<string, string>>): Warning {
  const sentence = fill(WARNING_SENTENCES[code], params);
  return params ? { code, params, sentence } : { code, sentence };
}

export const isWarningCode = (code: string): code is WarningCode => Object.hasOwn(WARNING_SENTENCES, code);

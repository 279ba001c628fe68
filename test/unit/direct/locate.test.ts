/**
 * locateCms on every shape of input, checked against the string-based search it replaced (which turned the whole
 * input into a Latin-1 string to find a PEM header past the first 512 bytes): same DER, same carrier, same errors.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { locateCms } from '../../../utils/direct/locate';
import { open } from '../../../utils/direct/open';
import { seal } from '../../../utils/direct/seal';
import { buildMessage } from '../../../utils/mime/build';
import type { Recipient, Signer } from '../../../utils/cms/keys';
import { anchorDer, identityOf, testPki } from '../../support/pki-fixture';
import { decodeBase64 } from '../../../utils/mime/base64';
import { isDirectSealError } from '../../../utils/errors';
import { seededBytes } from '../../support/seeded-bytes';

const enc = new TextEncoder();
const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const fromLatin1 = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

/** A DER-looking blob (locateCms does not parse it: it only has to come back byte for byte). */
function fakeDer(size: number, seed = 5): Uint8Array {
  const out = seededBytes(size, seed);
  out[0] = 0x30;
  return out;
}

const b64Lines = (b: Uint8Array, width = 64, eol = '\n') => Buffer.from(b).toString('base64').replace(new RegExp(`(.{${width}})`, 'g'), `$1${eol}`).trimEnd();
const pem = (b: Uint8Array, label = 'PKCS7') => `-----BEGIN ${label}-----\n${b64Lines(b)}\n-----END ${label}-----\n`;

/** The PEM branch as it was: the whole input as a Latin-1 string, a regex, then string slicing. */
function oldPemDer(input: Uint8Array): Uint8Array | undefined {
  const text = latin1(input);
  const m = /-----BEGIN (PKCS7|CMS)-----/.exec(text);
  if (!m) return undefined;
  const start = text.indexOf(`-----BEGIN ${m[1]}-----`) + m[1]!.length + 16;
  const end = text.indexOf(`-----END ${m[1]}-----`, start);
  if (end < 0) throw new Error('no END');
  return decodeBase64(text.slice(start, end).trim());
}

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isDirectSealError(e) ? e.code : String(e);
  }
  return undefined;
}

describe('locateCms', () => {
  const der = fakeDer(3000);
  const prose = 'Dear colleague, the sealed message is below; paste it into DirectSeal to open it. Ünïcödé é\n'.repeat(8);

  it('returns DER input itself', () => {
    expect(locateCms(der).der).toBe(der);
  });

  it.each([
    ['first thing in the input', pem(der)],
    ['after more than 512 bytes of text', prose + pem(der) + 'Thanks\n'],
    ['labelled CMS, after text', prose + pem(der, 'CMS')],
    ['straddling byte 512', 'x'.repeat(500) + '\n' + pem(der)],
    ['after a certificate block', prose + '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n' + pem(der)],
    ['with CRLF lines and blanks around the base64', prose + pem(der).replace(/\n/g, '\r\n').replace('-----\r\n', '-----  \r\n\t')],
    ['after a lone "-----BEGIN " and dashes', '------BEGIN PKCS7 -----BEGIN X-----\n' + prose + pem(der)],
  ])('finds a PEM block %s', (_, text) => {
    const input = fromLatin1(text);
    const found = locateCms(input);
    expect(Buffer.from(found.der).equals(Buffer.from(der))).toBe(true);
    expect(Buffer.from(found.der).equals(Buffer.from(oldPemDer(input)!))).toBe(true);
    expect(found.carrier).toBeUndefined();
    expect(found.der.buffer).not.toBe(input.buffer);
  });

  it('finds the first of two PEM blocks, as the regex did', () => {
    const other = fakeDer(100, 9);
    const input = fromLatin1(prose + pem(other, 'CMS') + prose + pem(der));
    expect(Buffer.from(locateCms(input).der).equals(Buffer.from(other))).toBe(true);
    expect(Buffer.from(oldPemDer(input)!).equals(Buffer.from(other))).toBe(true);
  });

  it('refuses a PEM block without its END line, or with garbage inside, as before', () => {
    expect(codeOf(() => locateCms(fromLatin1(prose + pem(der).replace('-----END PKCS7-----', ''))))).toBe('MESSAGE_MALFORMED');
    expect(codeOf(() => locateCms(fromLatin1(prose + pem(der).replace('\n', '\n*'))))).toBe('MESSAGE_MALFORMED');
    expect(codeOf(() => locateCms(fromLatin1(prose + pem(der).replace('-----BEGIN PKCS7-----\n', '-----BEGIN PKCS7-----\nß'))))).toBe('MESSAGE_MALFORMED');
  });

  it('decodes a bare base64 smime.p7m', () => {
    const input = enc.encode(b64Lines(der, 76, '\r\n'));
    const found = locateCms(input);
    expect(Buffer.from(found.der).equals(Buffer.from(der))).toBe(true);
    expect(found.carrier).toBeUndefined();
  });

  const eml = (body: string, cte = 'base64') =>
    enc.encode(
      'From: Dr House <dr.house@doctor.test>\r\nTo: pat@patient.test\r\nMIME-Version: 1.0\r\n' +
        'Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name="smime.p7m"\r\n' +
        `Content-Transfer-Encoding: ${cte}\r\nContent-Disposition: attachment; filename="smime.p7m"\r\n\r\n` +
        body,
    );

  it('decodes the base64 body of an application/pkcs7-mime .eml into a new buffer, and keeps the headers', () => {
    const input = eml(b64Lines(der, 76, '\r\n') + '\r\n');
    const found = locateCms(input);
    expect(Buffer.from(found.der).equals(Buffer.from(der))).toBe(true);
    expect(found.der.buffer).not.toBe(input.buffer); // open may decrypt in place: it owns this buffer
    expect(found.carrier?.headers.find((h) => h.name === 'From')?.value).toBe('Dr House <dr.house@doctor.test>');
    expect(found.carrier?.body.buffer).toBe(input.buffer); // a view, not a copy
  });

  it('gives a binary body as a view of the input (open then does not decrypt in place)', () => {
    const head = eml('', 'binary');
    const input = new Uint8Array(head.length + der.length);
    input.set(head);
    input.set(der, head.length);
    const found = locateCms(input);
    expect(Buffer.from(found.der).equals(Buffer.from(der))).toBe(true);
    expect(found.der.buffer).toBe(input.buffer);
  });

  it('finds smime.p7m attached to a webmail message after more than 512 bytes of text', () => {
    const input = enc.encode(
      'From: pat@patient.test\r\nTo: dr.house@doctor.test\r\nContent-Type: multipart/mixed; boundary="b1"\r\n\r\n' +
        `--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${prose.replace(/\n/g, '\r\n')}\r\n` +
        `--b1\r\nContent-Type: application/octet-stream; name="smime.p7m"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64Lines(der, 76, '\r\n')}\r\n` +
        '--b1--\r\n',
    );
    const found = locateCms(input);
    expect(Buffer.from(found.der).equals(Buffer.from(der))).toBe(true);
    expect(found.carrier?.headers[0]?.value).toBe('pat@patient.test');
  });

  it('refuses empty input and a message with no CMS', () => {
    expect(codeOf(() => locateCms(new Uint8Array(0)))).toBe('MESSAGE_MALFORMED');
    expect(codeOf(() => locateCms(enc.encode('From: a@b.test\r\nContent-Type: text/plain\r\n\r\n' + prose)))).toBe('MESSAGE_MALFORMED');
  });
});

describe('consuming the input', () => {
  it('locateCms(input, true) decodes a base64 .eml over the input itself, with the same DER', () => {
    const der = fakeDer(5000, 3);
    const text = 'From: a@b.test\r\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data\r\n' +
      `Content-Transfer-Encoding: base64\r\n\r\n${b64Lines(der, 76, '\r\n')}\r\n`;
    for (const input of [enc.encode(text), fromLatin1('x'.repeat(600) + '\n' + pem(der)), enc.encode(b64Lines(der, 76, '\r\n'))]) {
      const copy = input.slice();
      const found = locateCms(input, true);
      expect(Buffer.from(found.der).equals(Buffer.from(der))).toBe(true);
      expect(found.der.buffer).toBe(input.buffer);
      expect(Buffer.from(locateCms(copy).der).equals(Buffer.from(der))).toBe(true);
    }
  });

  let doctor: Signer & Recipient;
  let patient: Signer & Recipient;
  let anchors: Uint8Array[];
  beforeAll(async () => {
    const pki = await testPki();
    doctor = await identityOf(pki, pki.doctor);
    patient = await identityOf(pki, pki.patient);
    anchors = [anchorDer(pki)];
  }, 120_000);

  it.each(['aes-256-cbc', 'aes-256-gcm'] as const)('open(..., { consumeInput }) gives the same message and verdict (%s)', async (cipher) => {
    const attachment = fakeDer(200_000, 8);
    const message = buildMessage({
      from: 'Gregory House <dr.house@doctor.test>',
      to: ['pat@patient.test'],
      subject: 'Results',
      text: 'See attached.\n',
      attachments: [{ filename: 'r.bin', content: attachment, contentType: 'application/octet-stream' }],
      date: new Date('2026-03-01T10:00:00Z'),
    });
    const sealed = await seal(message, doctor, [patient.certificate], { cipher });
    const kept = sealed.slice();
    const plain = await open(sealed, [patient], anchors);
    expect(Buffer.from(sealed).equals(Buffer.from(kept))).toBe(true); // by default the input is never written to
    const consumed = await open(sealed, [patient], anchors, { consumeInput: true });
    expect(consumed.verdict.status).toBe('verified');
    expect({ ...consumed.verdict, signerCertificate: undefined }).toEqual({ ...plain.verdict, signerCertificate: undefined });
    expect(Buffer.from(consumed.message).equals(Buffer.from(message))).toBe(true);
    expect(Buffer.from(consumed.message).equals(Buffer.from(plain.message))).toBe(true);
    // CBC: no second buffer, decoded and decrypted where it lay (GCM is decrypted whole by WebCrypto, into a new one).
    expect(consumed.message.buffer === sealed.buffer).toBe(cipher === 'aes-256-cbc');
  });
});

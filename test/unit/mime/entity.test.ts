import { describe, expect, it } from 'vitest';
import { decodeTransferEncoding, header, headerAll, splitEntity, splitMultipart, toCrlf } from '../../../utils/mime';
import { concat } from '../../../utils/bytes';
import { isDirectSealError } from '../../../utils/errors';

const b = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const s = (u: Uint8Array) => Buffer.from(u).toString('latin1');

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isDirectSealError(e) ? e.code : 'other';
  }
  return undefined;
}

// A multipart/signed body as on the wire: preamble, two parts, epilogue. Part 1 holds lines that look like the
// boundary but are not delimiters, and ends with an empty line (whose CRLF is content, unlike the one before the
// delimiter).
const PART1 =
  'Content-Type: text/plain; charset=us-ascii\r\n' +
  '\r\n' +
  'Body line\r\n' +
  '--sig-bnd-more is not a delimiter\r\n' +
  '--sig-bndX neither\r\n' +
  ' --sig-bnd not at line start\r\n' +
  'x--sig-bnd\r\n' +
  '--sig-bnd---- closes? no: extra chars after --\r\n' +
  '\r\n';
const PART2 =
  'Content-Type: application/pkcs7-signature; name=smime.p7s\r\n' +
  'Content-Transfer-Encoding: base64\r\n' +
  '\r\n' +
  'MIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgEFADCABgkqhkiG9w0BBwEAAKCAMIIC';
const SIGNED_BODY =
  'This is an S/MIME signed message (preamble)\r\n' +
  '--sig-bnd\r\n' +
  PART1 +
  '\r\n--sig-bnd\r\n' +
  PART2 +
  '\r\n--sig-bnd--\r\n' +
  'epilogue, ignored\r\n--sig-bnd\r\nnot a part\r\n';

describe('splitEntity', () => {
  it('splits at the first CRLFCRLF with unfolded headers, and headerBytes + body is the input', () => {
    const raw = b('Subject: a\r\n  folded\r\n\tline\r\nX-Empty:\r\nx-dup: 1\r\nX-Dup: 2\r\n\r\nbody\r\n\r\nmore\r\n');
    const e = splitEntity(raw);
    expect(e.headers).toEqual([
      { name: 'Subject', value: 'a  folded\tline' },
      { name: 'X-Empty', value: '' },
      { name: 'x-dup', value: '1' },
      { name: 'X-Dup', value: '2' },
    ]);
    expect(s(e.body)).toBe('body\r\n\r\nmore\r\n');
    expect(s(concat([e.headerBytes, e.body]))).toBe(s(raw));
    expect(header(e, 'SUBJECT')).toBe('a  folded\tline');
    expect(header(e, 'x-DUP')).toBe('1');
    expect(headerAll(e, 'x-dup')).toEqual(['1', '2']);
    expect(header(e, 'missing')).toBeUndefined();
  });

  it.each([
    ['LF only', 'A: 1\nB: 2\n\nbody\n', 'body\n', 2],
    ['no headers', '\r\nbody', 'body', 0],
    ['no body', 'A: 1\r\n', '', 1],
    ['LF then CRLF', 'A: 1\n\r\nbody', 'body', 1],
    ['UTF-8 header', 'Subject: Résultats\r\n\r\nx', 'x', 1],
  ])('%s', (_name, input, body, count) => {
    const e = splitEntity(b(input));
    expect(s(e.body)).toBe(body);
    expect(e.headers.length).toBe(count);
    expect(s(concat([e.headerBytes, e.body]))).toBe(input);
  });

  it('decodes raw UTF-8 header values and keeps invalid UTF-8 as Latin-1', () => {
    expect(header(splitEntity(new Uint8Array(Buffer.from('Subject: Résultats 検査\r\n\r\n'))), 'subject')).toBe('Résultats 検査');
    expect(header(splitEntity(b('Subject: caf\xe9\r\n\r\n')), 'subject')).toBe('café');
  });

  it('throws MESSAGE_MALFORMED on lines that are not headers', () => {
    expect(code(() => splitEntity(b('not a header\r\n\r\nbody')))).toBe('MESSAGE_MALFORMED');
    expect(code(() => splitEntity(b(' leading continuation\r\n\r\n')))).toBe('MESSAGE_MALFORMED');
    expect(code(() => splitEntity(b(': no name\r\n\r\n')))).toBe('MESSAGE_MALFORMED');
  });
});

describe('splitMultipart', () => {
  it('returns the exact bytes of each part of a multipart/signed body (preamble, epilogue, lookalikes)', () => {
    const parts = splitMultipart(b(SIGNED_BODY), 'sig-bnd');
    expect(parts.map(s)).toEqual([PART1, PART2]);
  });

  it('is byte exact inside a whole message, and the parts are views into it', () => {
    const msg = b(
      'Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256;\r\n boundary="sig-bnd"\r\n\r\n' +
        SIGNED_BODY,
    );
    const e = splitEntity(msg);
    const parts = splitMultipart(e.body, 'sig-bnd');
    expect(s(parts[0]!)).toBe(PART1);
    expect(parts[0]!.buffer).toBe(msg.buffer);
  });

  it('handles LF-only input: the LF before a delimiter is dropped, toCrlf then gives the canonical part', () => {
    const lf = SIGNED_BODY.replace(/\r\n/g, '\n');
    const parts = splitMultipart(b(lf), 'sig-bnd');
    expect(parts.map(s)).toEqual([PART1.replace(/\r\n/g, '\n'), PART2.replace(/\r\n/g, '\n')]);
    expect(s(toCrlf(parts[0]!))).toBe(PART1);
  });

  it.each([
    ['no preamble', '--b\r\nA\r\n--b--', ['A']],
    ['transport padding after delimiters', '--b  \r\nA\r\n--b\t\r\nB\r\n--b-- \r\n', ['A', 'B']],
    ['empty part', '--b\r\n\r\n--b\r\nB\r\n--b--\r\n', ['', 'B']],
    ['delimiter right after delimiter', '--b\r\n--b\r\nB\r\n--b--', ['', 'B']],
    ['part with trailing CRLFs', '--b\r\nA\r\n\r\n\r\n--b--', ['A\r\n\r\n']],
    ['bare CR kept', '--b\r\nA\r\r\n--b--', ['A\r']],
    ['mixed LF and CRLF', '--b\nA\r\n--b\nB\n--b--\n', ['A', 'B']],
    ['boundary with specials', '--=_x.y+z\r\nA\r\n--=_x.y+z--', ['A']],
  ])('%s', (_name, body, expected) => {
    const boundary = body.slice(2, body.search(/[ \t\r\n]/));
    expect(splitMultipart(b(body), boundary).map(s)).toEqual(expected);
  });

  it('throws MESSAGE_MALFORMED without delimiters or close delimiter', () => {
    expect(code(() => splitMultipart(b('no boundary here'), 'b'))).toBe('MESSAGE_MALFORMED');
    expect(code(() => splitMultipart(b('--b\r\nA\r\n--b\r\nB'), 'b'))).toBe('MESSAGE_MALFORMED');
    expect(code(() => splitMultipart(b('--bb\r\nA\r\n--bb--'), 'b'))).toBe('MESSAGE_MALFORMED');
    expect(code(() => splitMultipart(b('--b--\r\n'), 'b'))).toBe('MESSAGE_MALFORMED');
    expect(code(() => splitMultipart(b('--b\r\n'), ''))).toBe('MESSAGE_MALFORMED');
  });
});

describe('decodeTransferEncoding', () => {
  it.each([
    ['base64', 'SGVsbG8s\r\nIHdvcmxk\r\n', 'Hello, world'],
    [' BASE64 ', 'SGVsbG8=', 'Hello'],
    ['quoted-printable', 'caf=C3=A9 =\r\nsoft  \r\nhard=3D=\nx=ZZ', 'caf\xc3\xa9 soft\r\nhard=x=ZZ'],
    ['7bit', 'as is\r\n', 'as is\r\n'],
    ['8bit', 'caf\xc3\xa9', 'caf\xc3\xa9'],
    ['binary', '\x00\xff', '\x00\xff'],
    [undefined, 'plain', 'plain'],
  ])('%s', (cte, input, expected) => {
    expect(s(decodeTransferEncoding(b(input), cte))).toBe(expected);
  });

  it('throws MESSAGE_MALFORMED on unknown encodings and bad base64', () => {
    expect(code(() => decodeTransferEncoding(b('x'), 'x-uuencode'))).toBe('MESSAGE_MALFORMED');
    expect(code(() => decodeTransferEncoding(b('SGV!'), 'base64'))).toBe('MESSAGE_MALFORMED');
  });
});

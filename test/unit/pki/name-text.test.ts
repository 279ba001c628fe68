/**
 * utils/pki/name-text.ts writes a certificate's names as @peculiar/x509's Name.toString does (names stored and
 * shown before the change stay equal): random Names of every string type the certificates we meet use, with
 * the characters RFC 4514 escapes, multi-valued RDNs and values that are not strings, compared one by one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oid, sequence, set, tlv } from '../../../utils/cms/der';
import { nameText } from '../../../utils/pki/name-text';
import { parseCertificate } from '../../../utils/pki/cert';
import { x509 } from '../../../utils/pki/x509';
import { makeTestPki } from '../../interop/support/pki';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const library = (der: Uint8Array) => new x509.Name(der.slice()).toString();

const TYPES = ['2.5.4.3', '2.5.4.10', '2.5.4.11', '2.5.4.6', '2.5.4.7', '2.5.4.8', '0.9.2342.19200300.100.1.25', '1.2.840.113549.1.9.1', '2.5.4.5', '2.5.4.97', '1.3.6.1.4.1.99999.1'];
const SPECIAL = [',', '+', '"', '\\', '<', '>', ';', ' ', '#', '\r', '\n', '\t', '=', 'é', 'ß', '中', '😀'];

const text = fc.array(fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ minLength: 1, maxLength: 3 })), { maxLength: 6 }).map((parts) => parts.join(''));
const ascii = fc.string({ maxLength: 12 }).map((s) => s.replace(/[^\x20-\x7e]/g, 'a'));

const utf8 = (s: string) => new TextEncoder().encode(s);
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
const bmp = (s: string) => Uint8Array.from([...s].flatMap((c) => { const u = c.charCodeAt(0); return [u >> 8, u & 0xff]; }));
const universal = (s: string) => Uint8Array.from([...s].flatMap((c) => { const u = c.codePointAt(0)!; return [u >>> 24, (u >> 16) & 0xff, (u >> 8) & 0xff, u & 0xff]; }));

/** One AttributeValue: a string of one of the types names use, or something else (shown as #hex). */
const attributeValue = fc.oneof(
  text.map((s) => tlv(0x0c, utf8(s))),
  ascii.map((s) => tlv(0x13, latin1(s))),
  ascii.map((s) => tlv(0x16, latin1(s))),
  ascii.map((s) => tlv(0x14, latin1(s))),
  fc.string({ maxLength: 6 }).map((s) => tlv(0x1e, bmp(s.replace(/[\ud800-\udfff]/g, 'x')))),
  // asn1js keeps only the low 16 bits of a UniversalString character; we keep the whole code point, so the
  // comparison stays in the Basic Multilingual Plane here.
  text.map((s) => tlv(0x1c, universal(s.replace(/[\ud800-\udfff]/g, 'x')))),
  fc.stringMatching(/^[0-9 ]{0,8}$/).map((s) => tlv(0x12, latin1(s))),
  fc.integer({ min: 0, max: 65535 }).map((n) => tlv(0x02, Uint8Array.of(n >> 8, n & 0xff))),
);

const atv = fc.tuple(fc.constantFrom(...TYPES), attributeValue).map(([type, v]) => sequence(oid(type), v));
const name = fc.array(fc.array(atv, { minLength: 1, maxLength: 3 }).map((atvs) => set(...atvs)), { maxLength: 6 }).map((rdns) => sequence(...rdns));

describe('a certificate name as text', () => {
  it('is what @peculiar/x509 writes, for random names of every string type', () => {
    fc.assert(
      fc.property(name, (der) => {
        expect(nameText(der)).toBe(library(der));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the names of real certificates (the test PKI: root, intermediate, doctor, patient)', async () => {
    const pki = await makeTestPki(join(mkdtempSync(join(tmpdir(), 'ds-names-')), 'pki'));
    for (const pem of [pki.anchorPem, pki.intermediatePem, pki.doctor.certPem, pki.patient.certPem]) {
      const der = new x509.X509Certificate(readFileSync(pem, 'utf8'));
      const ours = parseCertificate(new Uint8Array(der.rawData));
      expect(ours.subject).toBe(der.subject);
      expect(ours.issuer).toBe(der.issuer);
      expect(ours.notBefore.getTime()).toBe(der.notBefore.getTime());
      expect(ours.notAfter.getTime()).toBe(der.notAfter.getTime());
    }
  });

  it('shows the escaped characters as RFC 4514 says', () => {
    const der = sequence(set(sequence(oid('2.5.4.3'), tlv(0x0c, utf8('#Smith, "Jr" <x>; a+b ')))), set(sequence(oid('2.5.4.6'), tlv(0x13, latin1('US')))));
    expect(nameText(der)).toBe('CN=\\#Smith\\, \\"Jr\\" \\<x\\>\\; a\\+b\\ , C=US');
  });
});

/**
 * The streamed path of seal (envelopeInto -> pkcs7MimeWriter) writes exactly the bytes of the one-piece path:
 * serializeAround + the placeholder's bytes = serialize, and Base64Writer fed in any chunks = encodeBase64.
 */
import { describe, expect, it } from 'vitest';
import { bufferSink, lazy, oid, placeholder, serialize, serializeAround } from '../../../utils/cms/der';
import { envelopeInto, openEnvelope } from '../../../utils/cms/enveloped';
import { localPrivateKey } from '../../../utils/cms/keys';
import { Base64Writer, base64Length, decodeBase64, encodeBase64 } from '../../../utils/mime/base64';
import { pkcs7MimeEntity, pkcs7MimeWriter } from '../../../utils/direct/smime-entities';
import { concat } from '../../../utils/bytes';
import { makeSelfSigned } from '../../support/openssl-keys';

const data = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) & 255);

describe('DER with a placeholder', () => {
  it('serializeAround gives the bytes of serialize around the placeholder', () => {
    const content = data(300);
    const whole = serialize(lazy(0x30, oid('1.2.840.113549.1.7.1'), lazy(0xa0, lazy(0x80, content)), Uint8Array.of(5, 0)));
    const { head, tail } = serializeAround(lazy(0x30, oid('1.2.840.113549.1.7.1'), lazy(0xa0, lazy(0x80, placeholder(300))), Uint8Array.of(5, 0)));
    expect(concat([head, content, tail])).toEqual(whole);
    expect(() => serialize(lazy(0x30, placeholder(3)))).toThrow();
  });
});

describe('Base64Writer', () => {
  for (const lineLength of [76, 64, 4, 0]) {
    for (const n of [0, 1, 2, 3, 56, 57, 58, 114, 1000]) {
      it(`equals encodeBase64 for ${n} bytes in lines of ${lineLength}, whatever the chunks`, () => {
        const src = data(n);
        const expected = encodeBase64(src, lineLength);
        expect(base64Length(n, lineLength)).toBe(expected.length);
        for (const step of [1, 2, 3, 5, 57, 1000]) {
          const out = new Uint8Array(expected.length + 3).fill(0xee);
          const w = new Base64Writer(out, 3, lineLength);
          for (let i = 0; i < n; i += step) w.write(src.subarray(i, i + step));
          expect(w.end()).toBe(out.length);
          expect(out.subarray(3)).toEqual(expected);
        }
      });
    }
  }
});

describe('envelopeInto a pkcs7-mime writer', () => {
  const bob = makeSelfSigned('bob@b.test');
  it.each(['aes-256-cbc', 'aes-256-gcm'] as const)('gives the entity pkcs7MimeEntity makes of the DER (%s)', async (cipher) => {
    const parts = [data(10), data(0), data(70_000), data(33)];
    const der = bufferSink();
    const entity = pkcs7MimeWriter('enveloped-data', ['From: a@a.test']);
    // Each run draws its own key: the same lengths, and the streamed entity is its own DER encoded in one piece.
    await envelopeInto(parts, [bob.certificate], { cipher }, der);
    await envelopeInto(parts, [bob.certificate], { cipher }, entity);
    expect(pkcs7MimeEntity(der.bytes(), 'enveloped-data', ['From: a@a.test']).length).toBe(entity.bytes().length);
    const streamed = entity.bytes();
    const text = new TextDecoder().decode(streamed);
    const base64 = text.slice(text.indexOf('\r\n\r\n') + 4);
    const decoded = decodeBase64(base64);
    expect(pkcs7MimeEntity(decoded, 'enveloped-data', ['From: a@a.test'])).toEqual(streamed);
    const opened = await openEnvelope(decoded, [{ certificate: bob.certificate, key: localPrivateKey(bob.pkcs8) }]);
    expect(opened.content).toEqual(concat(parts));
  });
});

/**
 * The open path for a 50 MB message must not copy the input or build strings of it: entities and parts are views
 * of the input, and a base64 body decodes into one buffer of about 3/4 of its size.
 */
import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../../../utils/mime/base64';
import { decodeTransferEncoding, splitEntity, splitMultipart } from '../../../utils/mime/entity';

const enc = new TextEncoder();

function random(size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(i + 65536, size)));
  return out;
}

describe('memory of the decode path', () => {
  const data = random(300_001);
  const b64 = Buffer.from(data).toString('base64').replace(/(.{76})/g, '$1\r\n');
  const message = enc.encode(
    'From: a@b.test\r\nContent-Type: multipart/mixed; boundary="xx"\r\n\r\n' +
      '--xx\r\nContent-Type: text/plain\r\n\r\nhello\r\n' +
      `--xx\r\nContent-Type: application/pkcs7-mime\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64}\r\n--xx--\r\n`,
  );

  it('splitEntity and splitMultipart give views of the input', () => {
    const entity = splitEntity(message);
    expect(entity.body.buffer).toBe(message.buffer);
    expect(entity.headerBytes.buffer).toBe(message.buffer);
    const parts = splitMultipart(entity.body, 'xx');
    expect(parts).toHaveLength(2);
    for (const part of parts) {
      expect(part.buffer).toBe(message.buffer);
      expect(splitEntity(part).body.buffer).toBe(message.buffer);
    }
  });

  it('decodes a base64 body from its bytes into one buffer of at most 3/4 of its length (+3)', () => {
    const part = splitEntity(splitMultipart(splitEntity(message).body, 'xx')[1]!);
    const out = decodeTransferEncoding(part.body, 'base64');
    expect(Buffer.from(out).equals(Buffer.from(data))).toBe(true);
    expect(out.buffer).not.toBe(message.buffer);
    expect(out.byteOffset).toBe(0);
    expect(out.buffer.byteLength).toBeLessThanOrEqual(Math.floor((part.body.length * 3) / 4) + 3);
  });

  it('decodes a view at an odd offset without copying its source', () => {
    const padded = new Uint8Array(b64.length + 7);
    padded.set(enc.encode(b64), 7);
    expect(Buffer.from(decodeBase64(padded.subarray(7))).equals(Buffer.from(data))).toBe(true);
  });

  it('passes 7bit, 8bit and binary bodies through as the same view', () => {
    const body = message.subarray(10, 20);
    for (const cte of [undefined, '7bit', '8bit', 'binary', ' Binary ']) expect(decodeTransferEncoding(body, cte)).toBe(body);
  });
});

describe('decodeBase64 in place', () => {
  it.each([0, 1, 2, 3, 4, 5, 57, 58, 59, 100, 1000, 65537])('decodes %i bytes over its own input, wrapped or not, padded or not', (size) => {
    const data = random(size);
    for (const text of [
      Buffer.from(data).toString('base64'),
      Buffer.from(data).toString('base64').replace(/(.{76})/g, '$1\r\n'),
      Buffer.from(data).toString('base64').replace(/(.{64})/g, '$1\n').replace(/=+$/, ''),
      ' \t' + Buffer.from(data).toString('base64').replace(/(.{4})/g, '$1 ') + '\r\n',
    ]) {
      const src = enc.encode('xyz' + text).subarray(3);
      const out = decodeBase64(src, true);
      expect(Buffer.from(out).equals(Buffer.from(data))).toBe(true);
      expect(out.buffer).toBe(src.buffer);
      expect(out.byteOffset).toBe(src.byteOffset);
      expect(Buffer.from(decodeBase64(enc.encode(text))).equals(Buffer.from(data))).toBe(true);
    }
  });

  it('throws the same errors as a copying decode', () => {
    for (const bad of ['QUJD*', 'QQ=A', 'Q', 'QUJDRA==QQ', 'QUJ==']) {
      const a = (() => { try { decodeBase64(enc.encode(bad)); } catch (e) { return (e as Error).message; } })();
      const b = (() => { try { decodeBase64(enc.encode(bad), true); } catch (e) { return (e as Error).message; } })();
      expect(a).toBeDefined();
      expect(b).toBe(a);
    }
  });

  it('decodeTransferEncoding(base64, inPlace) decodes over the body', () => {
    const data = random(1000);
    const body = enc.encode(Buffer.from(data).toString('base64').replace(/(.{76})/g, '$1\r\n'));
    const out = decodeTransferEncoding(body, 'base64', true);
    expect(Buffer.from(out).equals(Buffer.from(data))).toBe(true);
    expect(out.buffer).toBe(body.buffer);
  });
});

/**
 * No ASN.1 list is built past MAX_CHILDREN elements: an EnvelopedData naming a million recipients (two bytes
 * each, 2 MB) is refused as MESSAGE_MALFORMED in a child with a 64 MB heap, where the old reader ran out of heap.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { children, MAX_CHILDREN, readExact } from '../../../utils/cms/ber';
import { explicit, integer, lengthBytes, oid, sequence, tlv } from '../../../utils/cms/der';
import { OID } from '../../../utils/cms/oids';
import { isDirectSealError } from '../../../utils/errors';
import { runBounded } from '../../support/bounded';
import { tempDir, testPki, type TestPki } from '../../support/pki-fixture';

let pki: TestPki;
let dir: string;
beforeAll(async () => {
  pki = await testPki();
  dir = tempDir('ds-element-count-');
}, 120_000);

/** A SET (or `tag`) of `n` empty SEQUENCEs. */
function emptySequences(n: number, tag = 0x31): Uint8Array {
  const body = new Uint8Array(2 * n);
  for (let i = 0; i < body.length; i += 2) body[i] = 0x30;
  const len = lengthBytes(body.length);
  const out = new Uint8Array(1 + len.length + body.length);
  out[0] = tag;
  out.set(len, 1);
  out.set(body, 1 + len.length);
  return out;
}

describe('element counts', () => {
  it(`lists ${MAX_CHILDREN} elements, and refuses one more`, () => {
    expect(children(readExact(emptySequences(MAX_CHILDREN)))).toHaveLength(MAX_CHILDREN);
    let error: unknown;
    try {
      children(readExact(emptySequences(MAX_CHILDREN + 1)));
    } catch (e) {
      error = e;
    }
    expect(isDirectSealError(error, 'MESSAGE_MALFORMED')).toBe(true);
  });

  it('an EnvelopedData of a million recipients is MESSAGE_MALFORMED within 300 MB (a child with a 64 MB heap)', () => {
    const eci = sequence(oid(OID.data), sequence(oid(OID.aes256Cbc), tlv(0x04, new Uint8Array(16))), tlv(0x80, new Uint8Array(32)));
    const der = sequence(oid(OID.envelopedData), explicit(0, sequence(integer(0), emptySequences(1_000_000), eci)));
    const path = join(dir, 'million-recipients.p7m');
    writeFileSync(path, der);
    const run = runBounded(resolve('test/unit/pki/children/open-file.ts'), [path, pki.patient.keyPem, pki.patient.certPem, pki.anchorDer], { heapMb: 64, timeoutMs: 25_000 });
    expect(run.stderr).toBe('');
    expect(run.result).toMatchObject({ error: 'MESSAGE_MALFORMED' });
    expect(run.maxRssMb).toBeLessThan(300);
  }, 40_000);
});

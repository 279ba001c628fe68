/** utils/pki/sha256.ts (the PKCS#12 key derivation's hash) gives Node's SHA-256 for every length, and its rounds too. */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256, sha256Rounds } from '../../../utils/pki/sha256';

const nodeSha256 = (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest());

describe('SHA-256 of our own', () => {
  it('equals Node\'s for data of any length (each padding case: 0-130 bytes, and longer)', () => {
    for (let n = 0; n <= 130; n++) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff);
      expect(sha256(data)).toEqual(nodeSha256(data));
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), (data) => {
        expect(sha256(data)).toEqual(nodeSha256(data));
      }),
    );
  });

  it('hashes a 32-byte state in place, round after round, as hashing it again and again does', () => {
    const state = sha256(new TextEncoder().encode('DirectSeal'));
    let expected = state.slice();
    for (let r = 0; r < 2048; r++) expected = nodeSha256(expected);
    sha256Rounds(state, 2048);
    expect(state).toEqual(expected);
  });
});

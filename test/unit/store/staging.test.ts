/** What may leave the database while it is rewritten: sealed records, as JSON-safe data, and nothing else. */
import { describe, expect, it } from 'vitest';
import { isDirectSealError } from '../../../utils/errors';
import { decodeStaged, encodeStaged } from '../../../utils/store/staging';
import { sampleIdentity } from './fixtures';

describe('staged records', () => {
  it('come back equal after a JSON round trip (as storage.local keeps them), bytes included', () => {
    const records = { identities: [['id-1', sampleIdentity()]], settings: [['lockEnabled', true], ['practiceCa', null], ['idleMinutes', 15]] };
    const stored = JSON.parse(JSON.stringify(encodeStaged(records)));
    const back = decodeStaged(stored) as typeof records;
    expect(back).toEqual(records);
    expect((back.identities[0]![1] as ReturnType<typeof sampleIdentity>).certificateChain[0]).toBeInstanceOf(Uint8Array);
  });

  it('drop undefined fields, as IndexedDB readers see them absent', () => {
    expect(decodeStaged(encodeStaged({ a: 1, b: undefined }))).toEqual({ a: 1 });
  });

  it('refuse a CryptoKey, an ArrayBuffer, a Date, a non-finite number and a field that would read as bytes', async () => {
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt']);
    for (const bad of [{ meta: [['kek', key]] }, { x: new ArrayBuffer(4) }, { x: new Date(0) }, { x: Number.NaN }, { x: { $bytes: 'AAAA' } }]) {
      expect(() => encodeStaged(bad), JSON.stringify(Object.keys(bad))).toThrow();
      try {
        encodeStaged(bad);
      } catch (e) {
        expect(isDirectSealError(e, 'IO_ERROR')).toBe(true);
      }
    }
  });
});

/** Bidi controls out of text a sender wrote (utils/mime/visible.ts): it then reads as it is stored. */
import { describe, expect, it } from 'vitest';
import { withoutBidiControls } from '../../../utils/mime/visible';

describe('withoutBidiControls', () => {
  it('removes embeddings, overrides, isolates and marks, and nothing else', () => {
    expect(withoutBidiControls('Pat \u202Etset.bal@stluser\u202C')).toBe('Pat tset.bal@stluser');
    expect(withoutBidiControls('\u202A\u202B\u202D\u2066\u2067\u2068\u2069\u200E\u200F\u061Cx')).toBe('x');
    expect(withoutBidiControls('שלום Pat 👨\u200D👩\u200D👧 ZW\u200Bsp')).toBe('שלום Pat 👨\u200D👩\u200D👧 ZW\u200Bsp');
  });
});

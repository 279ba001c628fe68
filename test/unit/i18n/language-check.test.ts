/** The judges the language e2e test uses (test/e2e/support/language.ts) do fail on text left in English. */
import { describe, expect, it } from 'vitest';
import { translate } from '../../../utils/i18n';
import { englishLeft, ENGLISH_WORDS, unmarked } from '../../e2e/support/language';

describe('the Spanish judge', () => {
  it('finds English catalog text and common English words, and passes Spanish and allowed data', () => {
    expect(englishLeft([translate('en', 'read.reply')], [])).toHaveLength(1);
    expect(englishLeft(['Open message'], [])).toHaveLength(1);
    expect(englishLeft(['Download the file'], [])).toHaveLength(1);
    expect(englishLeft([translate('es', 'verdict.title.verified', { who: 'pat@patient.test' }), 'DirectSeal', '24 nov 2026, 9:05', '18 B'], [])).toEqual([]);
    expect(englishLeft(['Question about my medication'], ['Question about my medication'])).toEqual([]);
    expect(ENGLISH_WORDS.has('no')).toBe(false);
  });
});

describe('the pseudo judge', () => {
  it('finds letters outside the markers, nested markers included', () => {
    expect(unmarked([translate('pseudo', 'read.reply')], [])).toEqual([]);
    expect(unmarked(['⟦Ťhé ⟦íññér⟧ óñé⟧', '2026-11-24 09:05', '…'], [])).toEqual([]);
    expect(unmarked(['Reply securely', '⟦Óñé⟧ two'], [])).toEqual(['Reply securely', '⟦Óñé⟧ two']);
    expect(unmarked(['DirectSeal'], ['DirectSeal'])).toEqual([]);
    expect(unmarked(['⟦Śávéd áś ', ' fór ýóú⟧'], [])).toEqual(['⟦Śávéd áś ', ' fór ýóú⟧']);
  });
});

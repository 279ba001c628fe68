/** The catalogs (utils/i18n): Spanish has every English id with the same parameters, errors too; pseudo marks all. */
import { describe, expect, it } from 'vitest';
import { ERROR_SENTENCES, type ErrorCode } from '../../../utils/errors';
import { chooseLocale, errorSentence, fill, pseudo, PSEUDO_CLOSE, PSEUDO_OPEN, translate, type MessageId } from '../../../utils/i18n';
import { en, EN_PARTS } from '../../../utils/i18n/en';
import { es } from '../../../utils/i18n/es';
import { ERROR_SENTENCES_ES } from '../../../utils/i18n/errors-es';

const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const ids = Object.keys(en) as MessageId[];
const codes = Object.keys(ERROR_SENTENCES) as ErrorCode[];

describe('the English catalog', () => {
  it('has each id in one part only (a spread would let a later part overwrite an earlier text)', () => {
    const all = EN_PARTS.flatMap((part) => Object.keys(part));
    expect(all.filter((id, i) => all.indexOf(id) !== i)).toEqual([]);
  });
});

describe('the Spanish catalog', () => {
  it('has exactly the English ids', () => {
    expect(Object.keys(es).sort()).toEqual([...ids].sort());
  });

  it.each(ids)('%s: the same parameters, and text of its own', (id) => {
    expect(params(es[id])).toEqual(params(en[id]));
    expect(es[id].trim()).not.toBe('');
  });

  it('is Spanish, not English left in place (only brand and language names may read the same)', () => {
    const words = (text: string) => /[a-z]{2,}/i.test(text.replace(/\{\w+\}/g, ''));
    const same = ids.filter((id) => es[id] === en[id] && words(en[id]));
    expect(same.sort()).toEqual(['language.en', 'language.es', 'language.title', 'message.cc'].sort());
  });
});

describe('the Spanish error sentences', () => {
  it('have every code of ERROR_SENTENCES, and no other', () => {
    expect(Object.keys(ERROR_SENTENCES_ES).sort()).toEqual([...codes].sort());
  });

  it.each(codes)('%s is its own sentence', (code) => {
    expect(ERROR_SENTENCES_ES[code]).not.toBe(ERROR_SENTENCES[code]);
    expect(errorSentence('es', code)).toBe(ERROR_SENTENCES_ES[code]);
    expect(errorSentence('en', code)).toBe(ERROR_SENTENCES[code]);
  });
});

describe('translate', () => {
  it('fills parameters in each language', () => {
    expect(translate('en', 'verdict.title.verified', { who: 'pat@patient.test' })).toBe('Signed by pat@patient.test');
    expect(translate('es', 'verdict.title.verified', { who: 'pat@patient.test' })).toBe('Firmado por pat@patient.test');
    expect(translate('es', 'ui.days.ago', { days: 3 })).toBe('hace 3 días');
  });

  it('leaves a missing parameter visible rather than dropping it', () => {
    expect(fill('Signed by {who}', {})).toBe('Signed by {who}');
  });
});

describe('the pseudo locale', () => {
  it('wraps and accents every message, keeping its parameters usable', () => {
    expect(pseudo('Settings')).toBe(`${PSEUDO_OPEN}Śéttíñgś${PSEUDO_CLOSE}`);
    expect(translate('pseudo', 'verdict.title.verified', { who: 'pat@patient.test' })).toBe('⟦Śígñéd ƀý pat@patient.test⟧'.replace('ƀý', 'bý'));
    for (const id of ids) {
      const text = translate('pseudo', id);
      expect(text.startsWith(PSEUDO_OPEN) && text.endsWith(PSEUDO_CLOSE), id).toBe(true);
      expect(params(text), id).toEqual(params(en[id]));
    }
    for (const code of codes) expect(errorSentence('pseudo', code)).toMatch(/^⟦[^]*⟧$/);
  });
});

describe('chooseLocale', () => {
  it('follows the first browser language we have, English when none', () => {
    expect(chooseLocale('auto', ['es-MX', 'en-US'])).toBe('es');
    expect(chooseLocale('auto', ['fr-FR', 'es'])).toBe('es');
    expect(chooseLocale('auto', ['en-GB', 'es'])).toBe('en');
    expect(chooseLocale('auto', ['fr', 'de'])).toBe('en');
    expect(chooseLocale(undefined, [])).toBe('en');
  });

  it('keeps an explicit choice whatever the browser says', () => {
    expect(chooseLocale('es', ['en-US'])).toBe('es');
    expect(chooseLocale('en', ['es-ES'])).toBe('en');
    expect(chooseLocale('pseudo', ['es-ES'])).toBe('pseudo');
  });
});

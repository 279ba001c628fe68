/**
 * What the language tests look at: every text of a page (text nodes, and the names screen readers read out:
 * aria-label, title, placeholder, alt) and two judges. Spanish: no word that only English uses (the words of
 * the English catalog and sentences that Spanish never uses, and a few common ones). Pseudo: no letter outside
 * the ⟦ ⟧ markers, which catches any text that bypassed the catalog.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { LaunchedExtension } from './browser';
import { provision } from './service';
import { ERROR_SENTENCES } from '../../../utils/errors';
import { en } from '../../../utils/i18n/en';
import { es } from '../../../utils/i18n/es';
import { ERROR_SENTENCES_ES } from '../../../utils/i18n/errors-es';

declare const chrome: typeof import('wxt/browser').browser;

const wordsOf = (text: string): string[] => text.toLowerCase().match(/\p{L}[\p{L}'’]+/gu) ?? [];

const SPANISH = new Set([...Object.values(es), ...Object.values(ERROR_SENTENCES_ES)].flatMap(wordsOf));
const COMMON = ['the', 'and', 'you', 'your', 'is', 'not', 'this', 'with', 'from', 'to', 'of', 'for', 'open', 'read', 'write', 'show'];
/** Words that say a text is English: ours, and common ones; a word Spanish uses too ("no", "DirectSeal") is not one. */
export const ENGLISH_WORDS: ReadonlySet<string> = new Set(
  [...Object.values(en), ...Object.values(ERROR_SENTENCES), ...COMMON].flatMap(wordsOf).filter((w) => !SPANISH.has(w)),
);

/** Every text of the page's document: its title, text nodes (not script or style) and the names given in attributes. */
export async function pageTexts(page: Page): Promise<string[]> {
  return [await page.title(), ...(await textsIn(page, ['body']))];
}

/** The texts inside the elements the selectors find, read as pageTexts reads a page: for a test of one part. */
export async function textsIn(page: Page, selectors: readonly string[]): Promise<string[]> {
  return page.evaluate((sels) => {
    const out: string[] = [];
    for (const root of sels.flatMap((s) => Array.from(document.querySelectorAll(s)))) {
      // The whole text of each element that holds text itself: a sentence with elements inside ("saved as
      // <strong>file</strong>") is one message, marked as one in the pseudo locale.
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const holders = new Set<Element>();
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const parent = n.parentElement;
        if (parent && !['SCRIPT', 'STYLE', 'TEXTAREA'].includes(parent.tagName) && n.textContent?.trim()) holders.add(parent);
      }
      for (const el of holders) {
        const text = el.textContent?.trim() ?? '';
        // One character alone is an icon (✓, !, the glossary's "i"), not a word to translate.
        if (text.length > 1) out.push(text);
      }
      for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
        for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'data-label']) {
          const value = el.getAttribute(name)?.trim();
          if (value) out.push(value);
        }
      }
    }
    return out;
  }, [...selectors]);
}

/** A text with the allowed data (addresses, the sender's words, file names, brand and language names) taken out. */
function withoutAllowed(text: string, allowed: readonly string[]): string {
  let rest = text;
  for (const a of [...allowed].sort((x, y) => y.length - x.length)) rest = rest.split(a).join(' ');
  return rest
    .replace(/[\w.+-]+@[\w.-]+\.\w+/g, ' ')
    .replace(/\b\d+(\.\d+)? (B|KB|MB)\b/g, ' ')
    .replace(/\b[0-9A-F]{2}(:[0-9A-F]{2})+\b/g, ' ') // a fingerprint
    .replace(/\b(aes|rsa|sha)[\w-]*/gi, ' ');
}

/** The texts that still hold an English word, with the words. */
export function englishLeft(texts: readonly string[], allowed: readonly string[]): string[] {
  return texts.flatMap((text) => {
    const english = wordsOf(withoutAllowed(text, allowed)).filter((w) => ENGLISH_WORDS.has(w));
    return english.length ? [`${text}  [${english.join(', ')}]`] : [];
  });
}

/** The texts with letters outside the pseudo markers (markers nest: a sentence inside a message). */
export function unmarked(texts: readonly string[], allowed: readonly string[]): string[] {
  return texts.filter((text) => {
    let rest = text;
    for (let before = ''; before !== rest; ) {
      before = rest;
      rest = rest.replace(/⟦[^⟦⟧]*⟧/g, ' ');
    }
    return /\p{L}/u.test(withoutAllowed(rest, allowed));
  });
}

/** Sets the language as Options does (storage.local 'locale'); every open DirectSeal page follows. */
export async function setLocale(page: Page, locale: 'auto' | 'en' | 'es' | 'pseudo'): Promise<void> {
  await page.evaluate((l) => chrome.storage.local.set({ locale: l }), locale);
}

/** Waits for the colour transitions a scheme change starts, so a dark screenshot is not caught half-way. */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
}

/** A page of the extension, the lock passphrase set (as keys require), shown in `locale`. */
export async function openInLocale(ext: LaunchedExtension, path: string, locale: 'en' | 'es' | 'pseudo'): Promise<Page> {
  // Before the page opens: a page does not hear of a passphrase set behind its back (Options asks for one first).
  await provision(ext);
  const page = await ext.context.newPage();
  await page.goto(ext.url(path));
  await setLocale(page, locale);
  await inLocale(page, locale);
  return page;
}

/**
 * Waits until `page` shows `locale`: pages follow a language change live, and say it by `<html lang>`. Pseudo
 * reports lang="en", so there a marked title or text tells it happened.
 */
export async function inLocale(page: Page, locale: 'en' | 'es' | 'pseudo'): Promise<void> {
  await page.waitForFunction(
    (l) => (l === 'pseudo' ? `${document.title} ${document.body?.textContent ?? ''}`.includes('⟦') : document.documentElement.lang === l),
    locale,
  );
}

/**
 * `texts`, gathered from `view` by the caller, are all in `locale`: no English word left in Spanish, nothing
 * outside the catalog in the pseudo locale (`allowed`: names and addresses that stay as they are); and the
 * page's `lang` says the same.
 */
export async function expectInLocale(page: Page, locale: 'es' | 'pseudo', texts: readonly string[], allowed: readonly string[], view: string): Promise<void> {
  expect(texts.length, `${view}: no text found`).toBeGreaterThan(3);
  expect(locale === 'es' ? englishLeft(texts, allowed) : unmarked(texts, allowed), `${view}: text not in ${locale}`).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale === 'es' ? 'es' : 'en');
}

/** What the UI tests look at in a part of a page: how it looks wide, on a phone and dark, and what its form says politely. */
import { basename, join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { settled } from './language';

/** A phone's width, where nothing may push the page sideways. */
const PHONE_WIDTH = 390;

/** What `atPhoneWidth` does besides a picture wide, one at the phone's width and the overflow check there. */
export interface PhoneWidthOptions {
  /** A third picture, `${path}-dark.png`, wide in the dark colour scheme. */
  dark?: boolean;
  /** When the part is the page: each picture of the whole page, not only of the window. */
  fullPage?: boolean;
  /** How the phone's picture is named, `${path}-${phoneName}.png`: by default its width. */
  phoneName?: string;
  /** Run after the wide and after the phone's picture (not the dark one), e.g. to check the layout at each. */
  look?: () => Promise<void>;
  /**
   * What overflows its box at the phone's width, where the page's own width is not ours to judge (a host page
   * DirectSeal adds to); it must come back empty. Without it the page itself must not scroll sideways.
   */
  overflowing?: (page: Page) => Promise<string[]>;
}

/** Where a language test's pictures go and how they are named, and anything it looks at otherwise. */
export interface LanguageShots extends PhoneWidthOptions {
  dir: string;
  /** Spanish: `${prefix}${name}-wide.png`, `-narrow.png`, `-dark.png`. */
  prefix: string;
  /** Pseudo locale: `${pseudoPrefix}${name}.png`; by default `pseudo-${prefix}`. */
  pseudoPrefix?: string;
}

/**
 * How the language tests (spanish*.test.ts) look at a part (or a page, whole unless told): in Spanish wide, at
 * the phone's width where nothing may overflow, and dark; in the pseudo locale one wide picture, enough to see
 * the markers fit.
 */
export function languageShots(locale: 'es' | 'pseudo', how: LanguageShots): (part: Locator | Page, name: string) => Promise<void> {
  const { dir, prefix, pseudoPrefix = `pseudo-${prefix}`, ...options } = how;
  const shots: PhoneWidthOptions = { dark: true, phoneName: 'narrow', fullPage: true, ...options };
  return async (part, name) => {
    if (locale !== 'es') return picture(part, join(dir, `${pseudoPrefix}${name}.png`), shots);
    await atPhoneWidth(isPage(part) ? part : part.page(), part, join(dir, `${prefix}${name}`), shots);
  };
}

const isPage = (part: Locator | Page): part is Page => 'goto' in part;

/** One picture of `part` at `path`: a locator's box, or the page (whole with `fullPage`). */
async function picture(part: Locator | Page, path: string, { fullPage = false }: Pick<PhoneWidthOptions, 'fullPage'> = {}): Promise<void> {
  await (isPage(part) ? part.screenshot({ path, fullPage }) : part.screenshot({ path }));
}

/**
 * `part` (an element, or the page itself) wide, then at a phone's width: a picture at each (`${path}-wide.png`,
 * `${path}-390.png`), `look` run after each, and nothing overflowing at the phone's width; the page gets its size
 * back, and with `dark` a picture wide in the dark colour scheme (`${path}-dark.png`).
 */
export async function atPhoneWidth(page: Page, part: Locator | Page, path: string, options: PhoneWidthOptions = {}): Promise<void> {
  const { dark = false, phoneName = String(PHONE_WIDTH), look, overflowing } = options;
  const size = page.viewportSize()!;
  await picture(part, `${path}-wide.png`, options);
  await look?.();
  await page.setViewportSize({ width: PHONE_WIDTH, height: 844 });
  try {
    await picture(part, `${path}-${phoneName}.png`, options);
    await look?.();
    await expectFits(page, basename(path), overflowing);
  } finally {
    // Also after a failure: the next test's pictures are taken at the size it expects.
    await page.setViewportSize(size);
  }
  if (dark) await inDark(page, () => picture(part, `${path}-dark.png`, options));
}

/** Nothing wider than the phone: the page itself, or (with `overflowing`) what DirectSeal put in a host page. */
async function expectFits(page: Page, name: string, overflowing?: (page: Page) => Promise<string[]>): Promise<void> {
  if (overflowing) return void expect(await overflowing(page), `${name} overflows at ${PHONE_WIDTH} px`).toEqual([]);
  const { width, culprit } = await pageOverflow(page);
  expect(width, `${name} overflows at ${PHONE_WIDTH} px: ${culprit}`).toBeLessThanOrEqual(PHONE_WIDTH);
}

/** `take` run in the dark colour scheme, the page back in light after; each change let settle first. */
async function inDark(page: Page, take: () => Promise<void>): Promise<void> {
  await page.emulateMedia({ colorScheme: 'dark' });
  try {
    await settled(page);
    await take();
  } finally {
    await page.emulateMedia({ colorScheme: 'light' });
  }
  await settled(page);
}

/**
 * The page's width, and when it is wider than the phone what makes it so: the deepest element whose hiding ends
 * the overflow (its opening tag and a little more), so a failure says where to look.
 */
async function pageOverflow(page: Page): Promise<{ width: number; culprit: string }> {
  return page.evaluate((phone) => {
    const fits = () => document.documentElement.scrollWidth <= phone;
    const width = document.documentElement.scrollWidth;
    const fixes = (el: HTMLElement) => {
      const before = el.style.display;
      el.style.display = 'none';
      const fixed = fits();
      el.style.display = before;
      return fixed;
    };
    let found: HTMLElement | undefined;
    for (let parent: HTMLElement | undefined = fits() ? undefined : document.body; parent; ) {
      found = parent;
      parent = (Array.from(parent.children) as HTMLElement[]).find(fixes);
    }
    return { width, culprit: found?.outerHTML.slice(0, 200) ?? '' };
  }, PHONE_WIDTH);
}

/**
 * The sentence in the polite live region (components/ui/controls.tsx Notices) inside `part`, without its ✓; '' when
 * it says nothing (an empty region is not found by role: it has no box).
 */
export async function politeStatus(part: Locator): Promise<string> {
  return ((await part.locator('.ds-live').textContent()) ?? '').replace('✓', '').trim();
}

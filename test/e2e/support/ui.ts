/** What the UI tests look at in a part of a page: how it looks wide and on a phone, and what its form says politely. */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** A phone's width, where nothing may push the page sideways. */
export const PHONE_WIDTH = 390;

/**
 * `part` wide, then at a phone's width: a picture at each (`${path}-wide.png`, `${path}-390.png`), `look` run at
 * each after the picture, and no horizontal overflow at the phone's width. The page gets its size back after.
 */
export async function atPhoneWidth(page: Page, part: Locator, path: string, look?: () => Promise<void>): Promise<void> {
  const size = page.viewportSize()!;
  await part.screenshot({ path: `${path}-wide.png` });
  await look?.();
  await page.setViewportSize({ width: PHONE_WIDTH, height: 844 });
  await part.screenshot({ path: `${path}-${PHONE_WIDTH}.png` });
  await look?.();
  const name = path.split('/').pop();
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} overflows at ${PHONE_WIDTH} px`).toBeLessThanOrEqual(PHONE_WIDTH);
  await page.setViewportSize(size);
}

/**
 * The sentence in the polite live region (components/ui/controls.tsx Notices) inside `part`, without its ✓; '' when
 * it says nothing (an empty region is not found by role: it has no box).
 */
export async function politeStatus(part: Locator): Promise<string> {
  return ((await part.locator('.ds-live').textContent()) ?? '').replace('✓', '').trim();
}

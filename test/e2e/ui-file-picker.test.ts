/**
 * The file picker (components/ui/controls.tsx FileField) in Options, in English and Spanish, wide, at 390 px and
 * in the narrow columns of the PEM form: the chosen names (or "No file chosen" from the catalog) stay beside the
 * button, never under it, and nothing sticks out of the box. The native input stays the labelled control that
 * the keyboard reaches, and the focus ring shows on our button. Screenshots: artifacts/e2e/ui/file-picker-*.png.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../utils/i18n';
import { launchExtension, ROOT, type LaunchedExtension } from './support/browser';
import { openInLocale, settled } from './support/language';
import { atPhoneWidth } from './support/ui';

const SHOTS = join(ROOT, 'artifacts/e2e/ui');
/** Set UI_SHOT_PREFIX=before- to keep pictures of the picker as it was, beside the ones of the fix. */
const PREFIX = process.env.UI_SHOT_PREFIX ?? '';

let work: string;
const picked: string[] = [];
beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
  work = mkdtempSync(join(tmpdir(), 'ds-ui-picker-'));
  // Only the names matter here: the pickers are looked at, not submitted.
  for (const name of ['riverside-community-anchor-2026.pem', 'hisp-intermediate-bundle.p7b']) {
    writeFileSync(join(work, name), 'x');
    picked.push(join(work, name));
  }
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Where the button and the names text sit in one picker, and whether anything overflows its box. */
async function layoutOf(picker: Locator) {
  return picker.evaluate((box) => {
    const rect = (sel: string) => box.querySelector(sel)!.getBoundingClientRect();
    const button = rect('.ds-file__button');
    const names = rect('.ds-file__names');
    const outer = box.getBoundingClientRect();
    return {
      beside: names.left >= button.right - 1,
      namesTop: names.top - outer.top,
      buttonBottom: button.bottom - outer.top,
      inside: names.right <= outer.right + 0.5 && button.right <= outer.right + 0.5 && box.scrollWidth <= box.clientWidth,
    };
  });
}

describe.each(['en', 'es'] as const)('the file picker in %s', (locale) => {
  let ext: LaunchedExtension;
  let page: Page;
  const say = (id: Parameters<typeof translate>[1]) => translate(locale, id);

  beforeAll(async () => {
    ext = await launchExtension();
    page = await openInLocale(ext, 'options.html', locale);
    await page.locator('#identity').getByLabel(say('identity.p12.file')).waitFor();
  });
  afterAll(async () => {
    await ext?.close();
  });

  /** Every picker in `part` keeps its names beside the button, inside the box. */
  async function expectTidy(part: Locator, name: string): Promise<void> {
    const pickers = part.locator('.ds-file');
    const count = await pickers.count();
    expect(count).toBeGreaterThan(0);
    const width = page.viewportSize()!.width;
    for (let i = 0; i < count; i++) {
      const layout = await layoutOf(pickers.nth(i));
      expect(layout.beside && layout.inside, `${name} at ${width} px, picker ${i + 1}: ${JSON.stringify(layout)}`).toBe(true);
    }
  }

  /** Tidy wide and at a phone's width, with the pictures. */
  const atWidths = (part: Locator, name: string) =>
    atPhoneWidth(page, part, join(SHOTS, `${PREFIX}file-picker-${locale}-${name}`), { look: () => expectTidy(part, name) });

  it('one file: nothing chosen yet says so in the chosen language, beside the button', async () => {
    const form = page.getByRole('form', { name: say('identity.p12.form') });
    expect(await form.locator('.ds-file__names').textContent()).toBe(say('ui.noFile'));
    expect(await form.locator('.ds-file__button').textContent()).toBe(say('ui.chooseFile'));
    await atWidths(form, 'p12');
  });

  it('two pickers side by side in the PEM form (narrow columns), then with files chosen', async () => {
    const identity = page.locator('#identity');
    await identity.getByRole('tab', { name: say('identity.way.pem') }).click();
    const form = page.getByRole('form', { name: say('identity.pem.form') });
    await atWidths(form, 'pem-empty');
    await form.getByLabel(say('identity.pem.certificates')).setInputFiles(picked);
    await form.getByLabel(say('identity.pem.key')).setInputFiles(picked[0]!);
    expect(await form.locator('.ds-file__names').allTextContents()).toEqual(['riverside-community-anchor-2026.pem', 'riverside-community-anchor-2026.pem, hisp-intermediate-bundle.p7b']);
    await atWidths(form, 'pem-chosen');
  });

  it('the keyboard reaches the native input by its label, and the focus shows on our button', async () => {
    const form = page.getByRole('form', { name: say('identity.pem.form') });
    const key = form.getByLabel(say('identity.pem.key'));
    // From the tab list: Tab to the panel, Tab again to the first picker's input.
    await page.locator('#identity').getByRole('tab', { name: say('identity.way.pem') }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await key.evaluate((el) => el === document.activeElement && (el as HTMLInputElement).type === 'file')).toBe(true);
    const ring = await form.locator('.ds-file__button').first().evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(ring).toBe('solid');
    await page.emulateMedia({ colorScheme: 'dark' });
    await settled(page);
    await form.screenshot({ path: join(SHOTS, `${PREFIX}file-picker-${locale}-focus-dark.png`) });
    await page.emulateMedia({ colorScheme: 'light' });
    await settled(page);
  });
});

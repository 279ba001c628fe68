/**
 * The personal security phrase (issue 7, section 1): chosen in Options → Security phrase, kept by the
 * extension, and shown by secure.html; the webmail frame shows it too (hostile-frame.test.ts).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, ROOT, type LaunchedExtension } from './support/browser';
import { service } from './support/service';

const SHOTS = join(ROOT, 'artifacts/e2e');

describe('security phrase', () => {
  let ext: LaunchedExtension;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ext = await launchExtension();
  });
  afterAll(async () => ext?.close());

  it('is missing at first, and every DirectSeal page says where to choose one', async () => {
    expect(await service(ext, 'indicator.get')).toBeNull();
    const page = await ext.context.newPage();
    await page.goto(ext.url('secure.html?view=write'));
    await expect.poll(() => page.getByTestId('security-indicator').innerText()).toContain('No security phrase yet');
    await page.close();
  });

  it('is chosen in Options, kept, and shown by secure.html', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.url('options.html#indicator'));
    const form = page.getByRole('form', { name: 'Security phrase' });
    await form.getByLabel('Your phrase').fill('x');
    await form.getByRole('button', { name: 'Save phrase' }).click();
    await form.getByText('at least 3 characters').waitFor();
    await form.getByLabel('Your phrase').fill('  lighthouse   at dawn ');
    await form.getByLabel('Forest').check();
    await form.getByRole('button', { name: 'Save phrase' }).click();
    await form.getByText('Every DirectSeal window will show this phrase').waitFor();
    await page.locator('#indicator').screenshot({ path: join(SHOTS, 'options-indicator.png') });
    expect(await service(ext, 'indicator.get')).toEqual({ phrase: 'lighthouse at dawn', color: 'forest' });
    await page.reload();
    // The kept phrase fills the field once the key service answered.
    await expect.poll(() => page.getByRole('form', { name: 'Security phrase' }).getByLabel('Your phrase').inputValue()).toBe('lighthouse at dawn');
    await page.goto(ext.url('secure.html?view=write'));
    await expect.poll(() => page.getByTestId('security-indicator').innerText()).toContain('lighthouse at dawn');
    await page.screenshot({ path: join(SHOTS, 'secure-indicator.png') });
    await page.close();
  });

  it('refuses a phrase of the wrong length or an unknown colour', async () => {
    await expect(service(ext, 'indicator.set', { phrase: 'ab', color: 'teal' })).rejects.toThrow(/USAGE/);
    await expect(service(ext, 'indicator.set', { phrase: 'a fine phrase', color: 'javascript:alert(1)' })).rejects.toThrow(/USAGE/);
    await expect(service(ext, 'indicator.set', { phrase: 'x'.repeat(41), color: 'teal' })).rejects.toThrow(/USAGE/);
  });
});

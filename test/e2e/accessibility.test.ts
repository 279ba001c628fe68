/**
 * The accessibility basics over every view of the built extension in Chromium, checked by axe-core
 * (@axe-core/playwright: WCAG 2.1 A and AA rules: labels, names, roles, contrast of at least 4.5:1, landmarks,
 * focusable content), in the light and the dark scheme. Each view is shown as a person meets it: set up, with
 * data, a message opened. Focus return to the button that opened the frame is tested in webmail-frame.test.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { launchExtension, ROOT, type LaunchedExtension } from './support/browser';
import { provisionDoctorAndPatient } from './support/fixture-site';
import { service } from './support/service';

// `chrome` as an extension page sees it (the functions passed to evaluate() run there).
declare const chrome: typeof import('wxt/browser').browser;

const VIEWS = join(ROOT, 'artifacts/e2e/views');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Each rule broken, with the elements that break it: what a failing test prints. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

describe('accessibility of every view (axe-core, WCAG 2.1 AA)', () => {
  let ext: LaunchedExtension;
  let pki: TestPki;
  let work: string;
  let sealedPath: string;

  beforeAll(async () => {
    mkdirSync(VIEWS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), 'directseal-a11y-'));
    [pki, ext] = await Promise.all([makeTestPki(join(work, 'pki')), launchExtension()]);
    await provisionDoctorAndPatient(ext, pki);
    await service(ext, 'indicator.set', { phrase: 'blue heron', color: 'teal' });
    const message = Buffer.from(
      `From: ${pki.doctor.address}\r\nTo: ${pki.patient.address}\r\nSubject: Lab results\r\nContent-Type: text/plain\r\n\r\nYour results are normal.\r\n`,
    ).toString('base64');
    const { sealed } = await service(ext, 'message.seal', { message });
    sealedPath = join(work, 'sealed.eml');
    writeFileSync(sealedPath, Buffer.from(sealed, 'base64'));
  }, 300_000);

  afterAll(async () => {
    await ext?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** setup.html as on a first visit: the progress a previous view left (components/setup/progress.ts) forgotten. */
  async function freshSetup(page: Page): Promise<void> {
    await page.goto(ext.url('setup.html'));
    await page.evaluate(() => chrome.storage.local.remove('setup'));
    await page.reload();
  }

  const views: [string, (page: Page) => Promise<void>][] = [
    ['the options page', async (page) => {
      await page.goto(ext.url('options.html'));
      await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
      await page.getByText(pki.doctor.address).first().waitFor();
    }],
    ['the popup', async (page) => {
      await page.goto(ext.url('popup.html'));
      await page.getByText(pki.doctor.address).first().waitFor();
    }],
    ['the write view', async (page) => {
      await page.goto(ext.url('secure.html?view=write'));
      await page.getByRole('form', { name: 'Write a secure message' }).waitFor();
    }],
    ['the read view with a verified message', async (page) => {
      await page.goto(ext.url('secure.html?view=read'));
      await page.getByLabel('Sealed message file (.eml or .p7m)').setInputFiles(sealedPath);
      await page.locator('.ds-verdict[data-status="verified"]').waitFor({ timeout: 60_000 });
      await page.getByText('Technical details', { exact: true }).click();
    }],
    ['setup: the role chooser', async (page) => {
      await freshSetup(page);
      await page.getByRole('heading', { level: 1, name: 'Welcome to DirectSeal' }).waitFor();
    }],
    ['setup: a patient\'s first step', async (page) => {
      await freshSetup(page);
      await page.getByRole('button', { name: /I am a patient/ }).click();
      await page.getByRole('navigation', { name: 'Setup progress' }).waitFor();
      await page.getByRole('heading', { level: 1 }).filter({ hasNotText: 'Welcome to DirectSeal' }).waitFor();
    }],
  ];

  for (const scheme of ['light', 'dark'] as const) {
    for (const [name, show] of views) {
      it(`${name}, ${scheme}`, async () => {
        const page = await ext.context.newPage();
        try {
          // Reduced motion: no colour transition (ui.css, 120 ms) is caught half-way when a view's data arrives and a
          // button changes its look; axe measures the colours the view settles on.
          await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
          await show(page);
          await domSettled(page);
          expect(await violations(page)).toEqual([]);
          // Every view, wide and narrow, light and dark, for a person to look at (artifacts/e2e/views/).
          const slug = `${name.replace(/[^a-z]+/gi, '-').replace(/^-|-$/g, '')}-${scheme}`;
          await page.screenshot({ path: join(VIEWS, `${slug}.png`), fullPage: true });
          await page.setViewportSize({ width: 390, height: 844 });
          await page.screenshot({ path: join(VIEWS, `${slug}-narrow.png`), fullPage: true });
          expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} overflows at 390 px`).toBeLessThanOrEqual(390);
        } finally {
          await page.close();
        }
      });
    }
  }

  it('the unlock prompt, when the keys are locked', async () => {
    await service(ext, 'lock.lock', {});
    const page = await ext.context.newPage();
    try {
      await page.goto(ext.url('secure.html?view=read'));
      await page.getByLabel('Sealed message file (.eml or .p7m)').setInputFiles(sealedPath);
      await page.getByText(/locked/i).first().waitFor({ timeout: 30_000 });
      expect(await violations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('the checker finds a real problem (an input without a label, a grey on white of 2.3:1)', async () => {
    const page = await ext.context.newPage();
    try {
      await page.goto(ext.url('options.html'));
      await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
      await page.evaluate(() => {
        const p = document.createElement('p');
        p.textContent = 'faint words';
        p.style.cssText = 'color:#aaaaaa;background:#ffffff';
        document.body.append(document.createElement('input'), p);
      });
      const found = (await violations(page)).join('\n');
      expect(found).toMatch(/^label /m);
      expect(found).toMatch(/^color-contrast /m);
    } finally {
      await page.close();
    }
  });
});

/**
 * Waits until the page's markup stops changing (the same twice, 250 ms apart): a view shows its first part
 * before every list it asks for has answered, and axe must see the sections that come later too. A page that
 * never settles (re-rendering in a loop) fails.
 */
async function domSettled(page: Page): Promise<void> {
  let last = '';
  for (let i = 0; i < 40; i++) {
    const now = await page.evaluate(() => document.body.outerHTML);
    if (now === last) return;
    last = now;
    await page.waitForTimeout(250);
  }
  throw new Error('the view never settled: its markup kept changing for 10 s');
}

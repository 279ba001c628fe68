import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, ROOT, type LaunchedExtension } from './support/browser';

// `chrome` as the page and the service worker see it (the functions passed to evaluate() run there).
declare const chrome: typeof import('wxt/browser').browser;

const SHOTS = join(ROOT, 'artifacts/e2e');

describe('the built extension in Chromium', () => {
  let ext: LaunchedExtension;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ext = await launchExtension();
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('runs its service worker', async () => {
    expect(ext.extensionId).toMatch(/^[a-p]{32}$/);
    expect(ext.context.serviceWorkers().map((w) => w.url())).toContain(ext.url('background.js'));
    const manifest = await ext.serviceWorker.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.name).toBe('DirectSeal');
    expect(manifest.manifest_version).toBe(3);
  });

  it('shows the options page with its three sections', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.url('options.html'));
    await expect.poll(() => page.title()).toBe('DirectSeal settings');
    for (const name of ['Your Direct identity', 'Trust anchors', 'Contacts']) {
      const heading = page.getByRole('heading', { level: 2, name });
      expect(await heading.isVisible(), name).toBe(true);
      // Each heading names its region, so assistive technology lists the three sections.
      expect(await page.getByRole('region', { name }).count(), name).toBe(1);
    }
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Settings');
    expect(await page.getByRole('banner').count()).toBe(1);
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'Settings sections' }).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'options.png'), fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SHOTS, 'options-narrow.png'), fullPage: true });
    await page.close();
  });

  it('answers its own pages and refuses unknown requests', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.url('popup.html'));
    const send = (message: unknown) => page.evaluate((m) => chrome.runtime.sendMessage(m), message);
    expect(await send({ type: 'status' })).toEqual({ ok: true, value: { version: '0.1.0' } });
    expect(await send({ type: 'nope' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_REQUEST' } });
    expect(await send('status')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_REQUEST' } });
    await page.close();
  });

  it('shows the popup with a live status and a way to the settings', async () => {
    const page = await ext.context.newPage();
    await page.setViewportSize({ width: 320, height: 360 });
    await page.goto(ext.url('popup.html'));
    await page.getByText('Running · v0.1.0').waitFor();
    await page.screenshot({ path: join(SHOTS, 'popup.png'), fullPage: true });

    // "Open a file": the read view, where a patient drops a .p7m or .eml.
    const reader = ext.context.waitForEvent('page', { predicate: (p) => p.url().includes('/secure.html?view=read') });
    await page.getByRole('button', { name: 'Open a secure message file' }).click();
    const read = await reader;
    await read.getByLabel('Sealed message file (.eml or .p7m)').waitFor({ state: 'attached' });
    await read.close();
    // The popup closed itself: open it again for the settings button.
    const again = await ext.context.newPage();
    await again.goto(ext.url('popup.html'));

    const opened = ext.context.waitForEvent('page', { predicate: (p) => p.url().endsWith('/options.html') });
    await again.getByRole('button', { name: 'Open settings' }).click();
    const options = await opened;
    await options.getByRole('heading', { level: 2, name: 'Contacts' }).waitFor();
    await options.close();
  });
});

/**
 * Options → certificate discovery → "Fetch missing issuers and revocation lists": the optional host permission
 * (http://*\/*, https://*\/*) asked for with chrome.permissions.request inside the click (FetchOnlinePanel).
 *
 * What is real and what is not: Chromium draws its own permission prompt, which Playwright cannot click, and this
 * Chromium has no switch that answers it. So:
 * - the prompt itself is real in the first test: the click really asks, Chromium really shows its prompt and keeps
 *   the request pending, and the test looks at the panel while it waits (nothing saved, the box not ticked);
 * - "granted" is the real API answering true: the extension is loaded from a copy of the build whose manifest
 *   already holds those hosts (granted at install), so Chromium grants the request without a prompt;
 * - "refused" is the one stand-in: chrome.permissions.request (and browser.permissions.request) in the Options
 *   page answers false, as Chromium does when the user declines; the request it was given is recorded and checked.
 * Everything after the answer (the setting saved in the key service, the sentence shown, the box) is the real code.
 * Screenshots: artifacts/e2e/ui/fetch-online-*.png.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../utils/i18n';
import { ensureBuilt, EXTENSION_DIR, launchExtension, ROOT, type LaunchedExtension } from './support/browser';
import { askedPermissions, denyPermissionRequests } from './support/permissions';
import { provision, serviceOn } from './support/service';
import { atPhoneWidth, politeStatus } from './support/ui';

const SHOTS = join(ROOT, 'artifacts/e2e/ui');
const CA_SERVERS = ['http://*/*', 'https://*/*'];
const say = (id: Parameters<typeof translate>[1]) => translate('en', id);

/** The panel, its box, and the sentence in its polite live region (without the ✓). */
function panelOf(page: Page) {
  const panel = page.getByRole('group', { name: say('trust.fetch.title') });
  return {
    panel,
    box: panel.getByRole('checkbox', { name: say('trust.fetch.choice') }),
    status: () => politeStatus(panel),
  };
}

async function openOptions(ext: LaunchedExtension): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(ext.url('options.html#discovery'));
  await panelOf(page).box.waitFor();
  await expect.poll(() => panelOf(page).box.isEnabled()).toBe(true);
  return page;
}

const shoot = (page: Page, panel: Locator, name: string) => atPhoneWidth(page, panel, join(SHOTS, `fetch-online-${name}`));

describe('fetching online, with the build as shipped (the hosts optional)', () => {
  let ext: LaunchedExtension;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ext = await launchExtension();
    await provision(ext);
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('the click asks Chromium, whose prompt is up: the panel waits, nothing is saved', async () => {
    const page = await openOptions(ext);
    const { panel, box } = panelOf(page);
    expect(await box.isChecked()).toBe(false);
    expect(await page.evaluate((o) => chrome.permissions.contains({ origins: o }), CA_SERVERS)).toBe(false);
    await box.click();
    // The request stays pending while Chromium's prompt is shown: the box is held, unticked, and nothing is saved.
    await expect.poll(() => box.isDisabled()).toBe(true);
    expect(await box.isChecked()).toBe(false);
    expect(await serviceOn(page, 'pki.settings')).toEqual({ fetchOnline: false });
    // The page says what it waits for: Chromium's prompt is easy to miss at the top of the window.
    expect(await panel.getByRole('status').filter({ hasText: say('trust.fetch.asking') }).count()).toBe(1);
    await shoot(page, panel, 'prompt-up');
    // Still waiting after the pictures: no refusal came back (a call outside the click would have thrown at once).
    expect(await box.isDisabled()).toBe(true);
    expect(await panel.getByRole('alert').count()).toBe(0);
    await page.close();
  });

  it('refused: says the browser did not allow it and how to try again; the setting stays off', async () => {
    const page = await ext.context.newPage();
    // The stand-in for the user's "Deny" (see the top of this file): the answer is false, the request is kept.
    await denyPermissionRequests(page);
    await page.goto(ext.url('options.html#discovery'));
    const { panel, box } = panelOf(page);
    await expect.poll(() => box.isEnabled()).toBe(true);
    await box.click();
    const alert = panel.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain(say('trust.fetch.notAllowed'));
    expect(await askedPermissions(page)).toEqual([{ origins: CA_SERVERS }]);
    expect(await box.isChecked()).toBe(false);
    expect(await box.isEnabled()).toBe(true);
    expect(await panel.getByText(say('trust.fetch.asking')).count()).toBe(0); // no longer waiting
    expect(await serviceOn(page, 'pki.settings')).toEqual({ fetchOnline: false });
    await shoot(page, panel, 'refused');
    await page.close();
  });
});

describe('fetching online, with the CA servers granted at install', () => {
  let ext: LaunchedExtension;
  let dir: string;

  beforeAll(async () => {
    ensureBuilt();
    // A copy of the build whose manifest holds the CA servers already: Chromium grants them when it loads it.
    dir = mkdtempSync(join(tmpdir(), 'ds-ext-granted-'));
    cpSync(EXTENSION_DIR, dir, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    manifest.host_permissions = [...manifest.host_permissions, ...CA_SERVERS];
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    ext = await launchExtension({ extensionDir: dir });
    await provision(ext);
  });
  afterAll(async () => {
    await ext?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('granted: the setting is on, said plainly, and stays on after a reload; turning it off asks nothing', async () => {
    const page = await openOptions(ext);
    const { panel, box, status } = panelOf(page);
    expect(await page.evaluate((o) => chrome.permissions.contains({ origins: o }), CA_SERVERS)).toBe(true);
    await box.click();
    await expect.poll(status).toBe(say('trust.fetch.on'));
    expect(await box.isChecked()).toBe(true);
    expect(await panel.getByRole('alert').count()).toBe(0);
    expect(await serviceOn(page, 'pki.settings')).toEqual({ fetchOnline: true });
    await shoot(page, panel, 'granted');

    await page.reload();
    await expect.poll(() => panelOf(page).box.isChecked()).toBe(true);

    await panelOf(page).box.click();
    await expect.poll(panelOf(page).status).toBe(say('trust.fetch.off'));
    expect(await panelOf(page).box.isChecked()).toBe(false);
    expect(await serviceOn(page, 'pki.settings')).toEqual({ fetchOnline: false });
    await page.close();
  });
});

declare const chrome: typeof import('wxt/browser').browser;

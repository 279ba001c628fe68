/**
 * Options → Sites, a site the browser no longer allows ("Not allowed"), in Chromium with the built extension, in
 * English and Spanish: its card says so and offers "Allow again" and "Disable"; asking again shows Chromium's real
 * prompt while the button waits; a refusal is said on the card and nothing is registered; disabling takes the card
 * away. A loopback site enabled through the form (granted by the manifest, no prompt) shows "On" beside it.
 *
 * What is real and what is not: the "Not allowed" state is what a user leaves by withdrawing a site in the
 * browser's own settings: the site stays in DirectSeal's list (storage.local "sites.field", written here by the
 * test) while the browser holds no permission for it (chrome.permissions.contains really answers false). Chromium's
 * prompt cannot be clicked by Playwright, so the refusal is the page's permissions.request answering false, as
 * Chromium does when the user declines (the request it got is checked). Screenshots: artifacts/e2e/ui/sites-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../utils/i18n';
import { launchExtension, ROOT, type LaunchedExtension } from './support/browser';
import { englishLeft, openInLocale, textsIn } from './support/language';
import { askedPermissions, denyPermissionRequests } from './support/permissions';
import { atPhoneWidth, politeStatus } from './support/ui';

declare const chrome: typeof import('wxt/browser').browser;

const SHOTS = join(ROOT, 'artifacts/e2e/ui');
const WITHDRAWN = 'https://ehr.riverside.example';
const LOOPBACK = 'http://127.0.0.1:8080';

describe.each(['en', 'es'] as const)('a site the browser no longer allows, in %s', (locale) => {
  let ext: LaunchedExtension;
  const say = (id: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(locale, id, params);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ext = await launchExtension();
    const page = await openInLocale(ext, 'options.html', locale);
    // The list as a user leaves it after withdrawing the site in the browser's settings.
    await page.evaluate((o) => chrome.storage.local.set({ 'sites.field': [o] }), WITHDRAWN);
    await page.close();
  });
  afterAll(async () => {
    await ext?.close();
  });

  async function openSites(deny = false): Promise<{ page: Page; sites: Locator; card: Locator }> {
    const page = await ext.context.newPage();
    // The stand-in for the user's "Deny" (see the top of this file).
    if (deny) await denyPermissionRequests(page);
    await page.goto(ext.url('options.html#sites'));
    const sites = page.getByRole('region', { name: say('practice.sites.title') });
    const card = sites.getByRole('list', { name: say('practice.sites.list') }).getByRole('article', { name: WITHDRAWN });
    await card.waitFor();
    return { page, sites, card };
  }

  const shoot = (page: Page, part: Locator, name: string) => atPhoneWidth(page, part, join(SHOTS, `sites-${name}-${locale}`));

  it('shows the withdrawn site as not allowed, with a way back and a way out, beside a site that is on', async () => {
    const { page, sites, card } = await openSites();
    // A loopback site through the form: the manifest grants it, so Chromium answers yes without a prompt.
    await sites.getByLabel(say('practice.sites.address')).fill(LOOPBACK);
    await sites.getByRole('button', { name: say('practice.sites.enable') }).click();
    const on = sites.getByRole('article', { name: LOOPBACK });
    await on.getByText(say('practice.sites.badge.on'), { exact: true }).waitFor();

    expect(await page.evaluate((o) => chrome.permissions.contains({ origins: [`${o}/*`] }), WITHDRAWN)).toBe(false);
    await card.getByText(say('practice.sites.badge.notAllowed'), { exact: true }).waitFor();
    expect(await card.textContent()).toContain(say('practice.sites.withdrawn', { host: 'ehr.riverside.example' }));
    expect(await card.getByRole('button', { name: say('practice.sites.allowAgain.label', { origin: WITHDRAWN }) }).textContent()).toBe(say('practice.sites.allowAgain'));
    expect(await card.getByRole('button', { name: say('practice.sites.disable.label', { origin: WITHDRAWN }) }).textContent()).toBe(say('practice.sites.disable'));
    expect(await on.getByRole('button', { name: say('practice.sites.allowAgain.label', { origin: LOOPBACK }) }).count()).toBe(0);
    if (locale === 'es') expect(englishLeft(await textsIn(page, ['#sites']), [WITHDRAWN, LOOPBACK, 'ehr.riverside.example', '127.0.0.1:8080'])).toEqual([]);
    await shoot(page, sites.getByRole('list', { name: say('practice.sites.list') }), 'not-allowed');
    await page.close();
  });

  it('"Allow again" asks Chromium: its prompt is up while the button waits', async () => {
    const { page, card } = await openSites();
    await card.getByRole('button', { name: say('practice.sites.allowAgain.label', { origin: WITHDRAWN }) }).click();
    const waiting = card.getByRole('button', { name: say('practice.sites.allowAgain.label', { origin: WITHDRAWN }) });
    await expect.poll(() => waiting.getAttribute('aria-busy')).toBe('true');
    expect(await waiting.textContent()).toBe(say('practice.sites.asking'));
    await shoot(page, card, 'asking');
    // Still waiting after the pictures: no answer came back, and nothing was registered.
    expect(await waiting.getAttribute('aria-busy')).toBe('true');
    expect(await page.evaluate(() => chrome.scripting.getRegisteredContentScripts())).not.toContainEqual(expect.objectContaining({ id: `field:${WITHDRAWN}` }));
    await page.close();
  });

  it('refused again: the card says it stays off there, and nothing is registered', async () => {
    const { page, card } = await openSites(true);
    await card.getByRole('button', { name: say('practice.sites.allowAgain.label', { origin: WITHDRAWN }) }).click();
    await expect.poll(() => card.getByRole('alert').textContent()).toContain(say('practice.sites.stillRefused', { origin: WITHDRAWN }));
    expect(await askedPermissions(page)).toEqual([{ origins: [`${WITHDRAWN}/*`] }]);
    await card.getByText(say('practice.sites.badge.notAllowed'), { exact: true }).waitFor();
    const ids = (await page.evaluate(() => chrome.scripting.getRegisteredContentScripts())).map((s) => s.id);
    expect(ids).not.toContain(`field:${WITHDRAWN}`);
    expect(ids).toContain(`field:${LOOPBACK}`);
    await shoot(page, card, 'still-refused');
    await page.close();
  });

  it('"Disable" takes the site off the list and says so; the site that is on stays', async () => {
    const { page, sites, card } = await openSites();
    await card.getByRole('button', { name: say('practice.sites.disable.label', { origin: WITHDRAWN }) }).click();
    await expect.poll(() => card.count()).toBe(0);
    const form = sites.getByRole('form', { name: say('practice.sites.add') });
    await expect.poll(() => politeStatus(form)).toBe(say('practice.sites.off', { origin: WITHDRAWN }));
    expect(await page.evaluate(() => chrome.storage.local.get('sites.field'))).toEqual({ 'sites.field': [LOOPBACK] });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sites-heading');
    await sites.getByRole('article', { name: LOOPBACK }).getByText(say('practice.sites.badge.on'), { exact: true }).waitFor();
    await shoot(page, sites, 'disabled');
    await page.close();
  });
});

/**
 * Languages (issue 11, item 6), the practice's views: the Options page frame (header, navigation, intro,
 * footer), Options → Delivery notifications and → Sites (empty with an address refused, then with a site on),
 * and the setup page for a practice and for a physician (role choice, each step's own words around the
 * sections it embeds, glossary lines, finished page). In Spanish no English word is left; in the pseudo
 * locale no letter is outside the ⟦ ⟧ markers; `lang` follows. Only this area's elements are judged: the
 * sections other areas convert (identity, trust anchors, contacts, practice CA, discovery, lock, outgoing)
 * are left out by selector. Screenshots in Spanish (wide, 390 px, dark) go to artifacts/e2e/spanish/practice-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, ROOT, setupTab, type LaunchedExtension } from './support/browser';
import { expectInLocale, inLocale, setLocale, textsIn } from './support/language';
import { atPhoneWidth, languageShots } from './support/ui';

const SHOTS = join(ROOT, 'artifacts/e2e/spanish');
const SITE = 'http://127.0.0.1:8765';
const PHRASE = 'garza sobre el lago';
/** Data and names that stay as they are: the brand, the webmail and field buttons (converted elsewhere), a site. */
const ALLOWED = ['DirectSeal', 'Language / Idioma', 'English', 'Español', 'https://', SITE, PHRASE];

/** The Options page's own elements: the sections other areas convert are not judged here. */
const OPTIONS_OWN = ['.skip-link', '.page-header', '.page-nav', '.intro', '.page-footer', '#indicator', '#delivery', '#sites', '#language'];
/** The setup page's own elements; a step's body is judged only where it is this area's (passphrase, phrase). */
const SETUP_FRAME = ['.page-header', '.setup-roles', '.setup-progress', '.setup-step__count', '#setup-step-title', '.setup-glossary', '.setup-step__nav', '.setup-finished'];
const SETUP_WITH_BODY = [...SETUP_FRAME, '.setup-step__body'];


describe.each(['es', 'pseudo'] as const)('the practice views in the %s locale', (locale) => {
  let ext: LaunchedExtension;
  let setup: Page;
  let options: Page;

  async function expectTranslated(page: Page, view: string, own: readonly string[]): Promise<void> {
    await expectInLocale(page, locale, [await page.title(), ...(await textsIn(page, own))], ALLOWED, view);
  }

  /** Wide, 390 px (and no horizontal overflow there), dark; of the whole page, or of one element of it. */
  const shoot = languageShots(locale, { dir: SHOTS, prefix: 'practice-' });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ext = await launchExtension({ keepSetup: true });
    setup = await setupTab(ext);
    await setup.setViewportSize({ width: 1280, height: 860 });
    await setLocale(setup, locale);
    await inLocale(setup, locale);
  });
  afterAll(async () => {
    await ext?.close();
  });

  const stepTitle = () => setup.locator('#setup-step-title');
  const skip = async () => {
    const before = await stepTitle().textContent();
    await setup.locator('.setup-step__nav .ds-button--quiet').click();
    await expect.poll(() => setup.locator('.setup-finished, #setup-step-title').first().textContent()).not.toBe(before);
  };

  it('setup: the role choice', async () => {
    await setup.locator('.setup-role').first().waitFor();
    await expectTranslated(setup, 'role choice', SETUP_FRAME);
    await shoot(setup, 'setup-role');
    await setup.locator('.setup-role').nth(0).click();
  });

  it('setup as a practice: the passphrase and the security phrase, with their own words', async () => {
    const form = setup.locator('form.ds-lock-form');
    await form.waitFor();
    await expectTranslated(setup, 'practice: passphrase', SETUP_WITH_BODY);
    await shoot(setup, 'setup-passphrase');
    await form.locator('input[type="password"]').nth(0).fill('practice lock passphrase');
    await form.locator('input[type="password"]').nth(1).fill('practice lock passphrase');
    await form.locator('button[type="submit"]').click();
    await setup.locator('.setup-done').waitFor();
    await expectTranslated(setup, 'practice: passphrase set', SETUP_WITH_BODY);
    await setup.locator('.setup-step__nav .ds-button--primary').click();

    await setup.locator('#indicator').waitFor();
    await expectTranslated(setup, 'practice: security phrase', SETUP_WITH_BODY);
    await shoot(setup, 'setup-phrase');
    await setup.locator('#indicator input.ds-input').fill(PHRASE);
    await setup.locator('#indicator button[type="submit"]').click();
    await setup.locator('#indicator .ds-notice--ok').waitFor();
    await expectTranslated(setup, 'practice: phrase saved', SETUP_WITH_BODY);
    await setup.locator('.setup-step__nav .ds-button--primary').click();
  });

  it('setup as a practice: each later step, its title, glossary and buttons, skipped; then the finished page', async () => {
    // Identity, trust anchors, patients without a HISP, first contact: their bodies are other areas' sections.
    for (const [n, name] of [[3, 'identity'], [4, 'anchors'], [5, 'practice-ca'], [6, 'contacts']] as const) {
      await setup.locator('.setup-step__count').filter({ hasText: String(n) }).waitFor();
      await setup.locator('.setup-step__nav .ds-button--quiet').waitFor();
      await expectTranslated(setup, `practice: ${name}`, SETUP_FRAME);
      if (name === 'identity' || name === 'practice-ca') await shoot(setup, `setup-${name}`);
      await skip();
    }
    await setup.locator('.setup-finished').waitFor();
    // The steps left for later are listed by name, and marked in the progress.
    await setup.locator('.setup-steps__later').first().waitFor();
    await expectTranslated(setup, 'practice: finished', SETUP_FRAME);
    await shoot(setup, 'setup-finished-practice');
  });

  it('setup as a physician: the role changed, the steps skipped, the finished page', async () => {
    await setup.locator('.setup-progress__role .setup-link').click();
    await setup.locator('.setup-role').nth(1).click();
    // The passphrase and phrase are done: the physician resumes at the identity.
    await setup.locator('.setup-step__count').filter({ hasText: '3' }).waitFor();
    await expectTranslated(setup, 'physician: identity', SETUP_FRAME);
    await shoot(setup, 'setup-physician-identity');
    await skip();
    await setup.locator('.setup-step__count').filter({ hasText: '4' }).waitFor();
    await expectTranslated(setup, 'physician: anchors', SETUP_FRAME);
    await skip();
    await setup.locator('.setup-step__count').filter({ hasText: '5' }).waitFor();
    await skip();
    await setup.locator('.setup-finished').waitFor();
    await expectTranslated(setup, 'physician: finished', SETUP_FRAME);
    await shoot(setup, 'setup-finished-physician');
  });

  it('Options: the page frame and its navigation, with what DirectSeal protects open', async () => {
    options = await ext.context.newPage();
    await options.setViewportSize({ width: 1280, height: 860 });
    await options.goto(ext.url('options.html'));
    await options.locator('#delivery form').waitFor();
    await options.locator('.intro__protects summary').click();
    await options.locator('.intro__protects li').first().waitFor();
    await expectTranslated(options, 'options frame', OPTIONS_OWN);
    await shoot(options, 'options-frame');
    // The page's top as it first shows, where the navigation is.
    if (locale === 'es') await atPhoneWidth(options, options, join(SHOTS, 'practice-options-top'), { phoneName: 'narrow' });
  });

  it('Options → Delivery notifications, a timeout refused', async () => {
    const section = options.locator('#delivery');
    await section.locator('input[type="number"]').fill('0');
    await section.locator('button[type="submit"]').click();
    await section.locator('.ds-notice--error').waitFor();
    await expectTranslated(options, 'delivery', ['#delivery']);
    await shoot(section, 'delivery');
    await section.locator('input[type="number"]').fill('45');
    await section.locator('button[type="submit"]').click();
    await section.locator('.ds-notice--ok').waitFor();
    await expectTranslated(options, 'delivery saved', ['#delivery']);
  });

  it('Options → Sites: none yet, an address refused, then a site on', async () => {
    const section = options.locator('#sites');
    await section.locator('.ds-empty').waitFor();
    await section.locator('input[type="url"]').fill('ftp://files.example.org');
    await section.locator('form button[type="submit"]').click();
    await section.locator('.ds-notice--error').waitFor();
    await expectTranslated(options, 'sites: none, refused', ['#sites']);
    await shoot(section, 'sites-empty');

    await section.locator('input[type="url"]').fill(`${SITE}/chart.html`);
    await section.locator('form button[type="submit"]').click();
    await section.locator('article.ds-site').waitFor({ timeout: 15_000 });
    await section.locator('form .ds-notice--ok').waitFor();
    await expectTranslated(options, 'sites: one on', ['#sites']);
    await shoot(section, 'sites-on');
  });
});

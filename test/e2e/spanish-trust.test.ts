/**
 * Languages (issue 11, item 6), the trust views: Options → trust anchors (empty; a bundle imported, its details,
 * the remove dialog), contacts (empty; a missing chain; a certificate to accept by its fingerprint; cards trusted,
 * accepted and expired), certificate discovery (a refused resolver, a certificate found in a real DNS, a refused
 * one; the fetch-online panel), patients without a HISP (empty; the CA made; a certificate issued from a bare
 * request; the welcome file from a patient's request file), and the same sections as setup's practice steps.
 * In Spanish no English word is left; in the pseudo locale no letter stands outside the ⟦ ⟧ markers. Only these
 * sections are judged: the rest of the Options page belongs to other parts of the catalog. Screenshots in
 * Spanish (wide, 390 px, dark) go to artifacts/e2e/spanish/trust-*.png.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../utils/i18n';
import { directseal } from '../support/directseal-process';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { startLoopbackDns, zoneFile, type LoopbackDns } from '../unit/discovery/support/loopback-dns';
import { launchExtension, ROOT, type LaunchedExtension } from './support/browser';
import { expectInLocale, openInLocale, textsIn } from './support/language';
import { serviceOn } from './support/service';
import { languageShots } from './support/ui';

const SHOTS = join(ROOT, 'artifacts/e2e/spanish');
const SECTIONS = ['#anchors', '#contacts', '#practice-ca', '#discovery'] as const;
const PRACTICE = 'Clínica del Lago';
const PATIENT = 'paciente@correo.example.test';
const PATIENT_NAME = 'Paz Lago';
const CA_PASS = 'copia de seguridad 2026';


// Made once for both locales: the test PKI, a real DNS that publishes two certificates, a patient's requests.
let pki: TestPki;
let dns: LoopbackDns;
let work: string;
const at = (f: string) => join(work, f);

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  work = mkdtempSync(join(tmpdir(), 'ds-trust-'));
  pki = await makeTestPki(join(work, 'pki'));
  dns = startLoopbackDns({
    'patient.test': zoneFile('patient.test', [
      { name: 'pat', type: 'PKIX', data: readFileSync(pki.patient.certDer) },
      // Bound to dr.house@doctor.test, not to mallory: refused.
      { name: 'mallory', type: 'PKIX', data: readFileSync(pki.doctor.certDer) },
    ]),
  });
  // A patient's requests as their DirectSeal (or the command line) makes them: a bare one and a request file.
  const requests = await Promise.all([
    directseal(['request', '--address', PATIENT, '--name', PATIENT_NAME, '--key-out', at('bare.p12'), '--pass', CA_PASS, '--out', at('bare.csr')]),
    directseal(['request', '--address', PATIENT, '--name', PATIENT_NAME, '--key-out', at('enrolled.p12'), '--pass', CA_PASS,
      '--enrollment', at('paz.directseal-request'), '--phone', '555 0100', '--dob', '1980-04-02']),
  ]);
  for (const r of requests) expect(r.code, r.stderr).toBe(0);
});
afterAll(() => {
  dns?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.each(['es', 'pseudo'] as const)('the trust views in the %s locale', (locale) => {
  let ext: LaunchedExtension;
  let page: Page;
  /** Data the views show as it is: names in certificates, addresses, file names, the brand. */
  const allowed: string[] = [];
  const say = (id: Parameters<typeof translate>[1]) => translate(locale, id);

  /** The names the key service holds now (certificate subjects and issuers), which the cards show as they are. */
  async function serviceNames(): Promise<string[]> {
    const anchors = await serviceOn<{ subject: string }[]>(page, 'anchors.list');
    const contacts = await serviceOn<{ certificates: { subject: string; issuer: string; missingIssuer?: string }[] }[]>(page, 'contacts.list');
    const dns = contacts.flatMap((c) => c.certificates.flatMap((x) => [x.subject, x.issuer, x.missingIssuer ?? '']));
    const ca = await serviceOn<{ subject: string } | undefined>(page, 'ca.status');
    const all = [...anchors.map((a) => a.subject), ...dns, ca?.subject ?? ''].filter(Boolean);
    // Each name whole, and each of its parts ("CN=Pat Patient" shows as "Pat Patient").
    return [...all, ...all.flatMap((n) => n.split(/[,/]\s*/).map((part) => part.replace(/^\w+=/, '')))];
  }

  /** Fails on any English word (es) or any letter outside the markers (pseudo) in `selectors`, and checks `lang`. */
  async function expectTranslated(view: string, selectors: readonly string[] = SECTIONS): Promise<void> {
    await expectInLocale(page, locale, await textsIn(page, selectors), [...allowed, ...(await serviceNames())], view);
  }

  /** The element wide, at 390 px (the page must not scroll sideways) and dark; pseudo: one wide picture. */
  const shoot = languageShots(locale, { dir: SHOTS, prefix: 'trust-' });

  beforeAll(async () => {
    ext = await launchExtension();
    // Eve's issuer (test/interop/support/pki.ts), named while her certificate waits for its missing chain.
    allowed.push('CN=Stranger Root, O=Evil Test', 'DirectSeal', PRACTICE, PATIENT_NAME, 'practice-ca-backup.p12', `${PATIENT}-certificate.pem`,
      'pat.patient.test', 'mallory.patient.test', dns.doh, ...[pki.bundleP7bDer, pki.eve.certPem, pki.eve.chainPem, pki.expired.certPem,
        pki.doctor.certPem, at('bare.csr'), at('paz.directseal-request')].map((f) => basename(f)));
    page = await openInLocale(ext, 'options.html', locale);
  });
  afterAll(async () => {
    await ext?.close();
  });

  it("setup's practice path: the trust anchors, patients without a HISP and first contact steps", async () => {
    const setup = page;
    await setup.goto(ext.url('setup.html'));
    await setup.locator('.setup-role').first().click(); // the practice
    const title = setup.locator('#setup-step-title');
    const shown = { anchors: '.ds-empty', 'practice-ca': 'form', contacts: '.ds-empty' } as const;
    for (const step of ['anchors', 'practice-ca', 'contacts'] as const) {
      // Steps before it (the security phrase, the identity) are left for later.
      for (let i = 0; i < 4 && (await title.textContent()) !== say(`setup.step.${step}`); i++) {
        const before = await title.textContent();
        await setup.locator('.setup-step__nav .ds-button--quiet').click();
        await expect.poll(() => title.textContent()).not.toBe(before);
      }
      expect(await title.textContent()).toBe(say(`setup.step.${step}`));
      await setup.locator(`.setup-step__body .ds-section__body ${shown[step]}`).waitFor();
      await expectTranslated(`setup step ${step}`, ['.setup-step']);
      await shoot(setup.locator('.setup-step'), `setup-${step}`);
    }
  });

  it('the four Options sections before anything is added, with what a form says when its file is missing', async () => {
    await page.goto(ext.url('options.html#anchors'));
    await page.locator('#anchors .ds-empty').waitFor();
    await page.locator('#contacts .ds-empty').waitFor();
    await page.locator('#discovery .ds-panel__note').filter({ hasText: 'cloudflare-dns.com' }).waitFor();
    await page.locator('#discovery input[type="checkbox"]:not([disabled])').waitFor();
    await page.locator('#anchors button[type="submit"]').click();
    await page.locator('#anchors [role="alert"]').waitFor();
    await page.locator('#contacts button[type="submit"]').click();
    await page.locator('#contacts [role="alert"]').waitFor();
    await page.locator('#practice-ca button[type="submit"]').click();
    await page.locator('#practice-ca [role="alert"]').waitFor();
    await expectTranslated('empty sections');
    for (const s of SECTIONS) await shoot(page.locator(s), `${s.slice(1)}-empty`);
  });

  it('trust anchors: a bundle imported through the form, each anchor with its details, the remove dialog', async () => {
    const section = page.locator('#anchors');
    await section.locator('input[type="file"]').setInputFiles(pki.bundleP7bDer);
    await section.locator('button[type="submit"]').click();
    await section.locator('.ds-notice--ok').waitFor();
    await section.locator('.ds-list article').nth(1).waitFor();
    await expectTranslated('anchors imported', ['#anchors']);
    await shoot(section, 'anchors');
    await section.locator('.ds-list article .ds-button--quiet').first().click();
    const dialog = section.locator('dialog[open]');
    await dialog.waitFor();
    await expectTranslated('remove dialog', ['#anchors']);
    if (locale === 'es') await page.screenshot({ path: join(SHOTS, 'trust-anchors-remove-dialog.png') });
    await dialog.locator('.ds-button--secondary').click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('contacts: a missing chain, a certificate accepted by its fingerprint, an expired and a trusted one', async () => {
    const section = page.locator('#contacts');
    const add = async (file: string) => {
      await section.locator('input[type="file"]').setInputFiles(file);
      await section.locator('button[type="submit"]').click();
    };
    // Eve's certificate alone: its issuer (a root nobody here has) is missing.
    await add(pki.eve.certPem);
    await section.locator('#missing-chain-heading').waitFor();
    await expectTranslated('missing chain', ['#contacts']);
    await shoot(section, 'contacts-missing-chain');
    await section.locator('.ds-accept .ds-button--quiet').click();
    await section.locator('#accept-heading').waitFor();
    await expectTranslated('accept by fingerprint', ['#contacts']);
    await shoot(section, 'contacts-accept');
    await section.locator('.ds-accept .ds-button--primary').click();
    await section.locator('.ds-notice--ok').filter({ hasText: pki.eve.address }).waitFor();
    await add(pki.expired.certPem);
    await section.locator('.ds-notice--ok').filter({ hasText: pki.expired.address }).waitFor();
    await add(pki.doctor.certPem);
    await section.locator('.ds-notice--ok').filter({ hasText: pki.doctor.address }).waitFor();
    await section.locator('.ds-list > li').nth(2).waitFor();
    await section.locator('.ds-contact__problem').waitFor(); // the expired one says why
    await expectTranslated('contact cards', ['#contacts']);
    await shoot(section, 'contacts');
  });

  it('certificate discovery: a refused resolver, a certificate found in DNS, one refused; the fetch-online panel', async () => {
    const section = page.locator('#discovery');
    const resolver = section.locator('input[type="url"]');
    await resolver.fill('http://dns.example.org/dns-query');
    await section.locator('form').first().locator('button[type="submit"]').click();
    await section.locator('[role="alert"]').waitFor();
    await expectTranslated('refused resolver', ['#discovery']);
    await resolver.fill(dns.doh);
    await section.locator('form').first().locator('button[type="submit"]').click();
    await section.locator('.ds-panel__note').filter({ hasText: dns.doh }).waitFor();

    const find = section.locator('form').nth(1);
    await find.locator('input[type="email"]').fill(pki.patient.address);
    await find.locator('button[type="submit"]').click();
    await find.locator('.ds-list li').waitFor({ timeout: 30_000 });
    await expectTranslated('certificate found', ['#discovery']);
    await shoot(section, 'discovery');

    await find.locator('input[type="email"]').fill('mallory@patient.test');
    await find.locator('button[type="submit"]').click();
    await find.locator('[role="alert"]').waitFor({ timeout: 30_000 });
    await expectTranslated('certificate refused', ['#discovery']);
    await shoot(find, 'discovery-refused');
  });

  it('patients without a HISP: the CA made and its backup confirmed, a certificate and a welcome file issued', async () => {
    const section = page.locator('#practice-ca');
    const create = section.locator('form');
    await create.locator('input[type="text"]').fill(PRACTICE);
    await create.locator('input[type="password"]').nth(0).fill(CA_PASS);
    await create.locator('input[type="password"]').nth(1).fill(CA_PASS);
    const backup = page.waitForEvent('download');
    await create.locator('button[type="submit"]').click();
    expect((await backup).suggestedFilename()).toBe('practice-ca-backup.p12');
    await section.locator('.ds-badge--warn').waitFor();
    await expectTranslated('CA created', ['#practice-ca']);
    await shoot(section, 'practice-ca-created');

    await section.locator('.ds-practice-ca > .ds-actions .ds-button--primary').click();
    const issue = section.locator('form');
    await issue.waitFor();
    await issue.locator('input[type="file"]').setInputFiles(at('bare.csr'));
    await issue.locator('input[type="email"]').fill(PATIENT);
    const certificate = page.waitForEvent('download');
    await issue.locator('button[type="submit"]').click();
    expect((await certificate).suggestedFilename()).toBe(`${PATIENT}-certificate.pem`);
    await issue.locator('.ds-notice--ok').waitFor();
    await expectTranslated('certificate issued', ['#practice-ca']);
    await shoot(section, 'practice-ca-issued');

    // The welcome file names the practice's own Direct identity as the patient's contact.
    await serviceOn(page, 'identities.importP12', { p12: readFileSync(pki.doctor.p12).toString('base64'), passphrase: pki.password });
    await issue.locator('input[type="file"]').setInputFiles(at('paz.directseal-request'));
    await issue.locator('[role="group"] .ds-fingerprint').waitFor();
    await expectTranslated('request file read', ['#practice-ca']);
    await shoot(section, 'practice-ca-welcome');
    const welcome = page.waitForEvent('download');
    await issue.locator('button[type="submit"]').click();
    allowed.push((await welcome).suggestedFilename());
    await issue.locator('.ds-notice--ok').filter({ hasText: allowed.at(-1)! }).waitFor();
    await expectTranslated('welcome file issued', ['#practice-ca']);
  });
});

/**
 * Languages in other sites' pages (issue 11, item 6): what DirectSeal puts into webmail and EHR pages speaks the
 * chosen language. On the saved-page fixtures (Gmail, Outlook) and an EHR page with the field script, each
 * control and guard state is checked in Spanish (no English word) and in the pseudo locale (no letter outside
 * the markers): "Open securely" and "Reply securely", the question before a plain reply, the sealed mark, the
 * note beside Secure on a sealed draft, the warning after sealing and its question, the held text, "Secure this
 * field", the armored block's button and the sealed reply, and the frame's refusal. Only DirectSeal's own
 * elements (their shadow roots) are read, never the host page's words; our elements carry `lang`, the page's
 * <html lang> is left as it was. Screenshots in artifacts/e2e/spanish/webmail-*.png.
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate, type MessageId } from '../../utils/i18n';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { launchExtension, ROOT, type LaunchedExtension } from './support/browser';
import { englishLeft, pageTexts, setLocale, unmarked } from './support/language';
import { secureFrame, service } from './support/service';
import { gmailPlainReply, provisionDoctorAndPatient, serveFolder } from './support/fixture-site';
import { languageShots } from './support/ui';

declare const chrome: typeof import('wxt/browser').browser;

const SHOTS = join(ROOT, 'artifacts/e2e/spanish');
const FIXTURES = join(ROOT, 'test/fixtures/webmail');
/** DirectSeal's elements in a host page (components/content). */
const OWN = 'directseal-button, directseal-sealed, directseal-confirm, directseal-held';

/** The texts of DirectSeal's own elements (their shadow roots), and the `lang` each carries. */
async function ownTexts(page: Page): Promise<{ texts: string[]; langs: string[] }> {
  return page.evaluate((own) => {
    const texts: string[] = [];
    const langs: string[] = [];
    for (const host of Array.from(document.querySelectorAll(own))) {
      langs.push(host.getAttribute('lang') ?? '');
      const root = host.shadowRoot;
      if (!root) continue;
      const holders = new Set<Element>();
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const parent = n.parentElement;
        if (parent && !['STYLE', 'TEXTAREA'].includes(parent.tagName) && n.textContent?.trim()) holders.add(parent);
      }
      for (const el of holders) texts.push(el.textContent?.trim() ?? '');
      for (const el of Array.from(root.querySelectorAll('*'))) {
        for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
          const value = el.getAttribute(name)?.trim();
          if (value) texts.push(value);
        }
      }
    }
    return { texts, langs };
  }, OWN);
}

/** Text inside our elements that is wider than its box (cut off or spilling over the page). */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate((own) => {
    const out: string[] = [];
    for (const host of Array.from(document.querySelectorAll(own))) {
      for (const el of Array.from(host.shadowRoot?.querySelectorAll('*') ?? [])) {
        if (el instanceof HTMLElement && el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1 && !['TEXTAREA', 'svg'].includes(el.tagName)) {
          out.push(`${host.tagName.toLowerCase()} ${el.tagName.toLowerCase()}.${el.className}: ${el.scrollWidth} > ${el.clientWidth}`);
        }
      }
    }
    return out;
  }, OWN);
}

describe.each(['es', 'pseudo'] as const)('DirectSeal in webmail and EHR pages, %s', (locale) => {
  let pki: TestPki;
  let ext: LaunchedExtension;
  let server: Server;
  let base: string;
  let armored: string;
  const tr = (id: MessageId, params?: Record<string, string>) => translate(locale, id, params);
  /** What may stay as it is: the brand, file names, the API's documentation path. */
  const allowed = ['DirectSeal', 'smime.p7m', 'lab-results.pdf', 'docs/ehr-api.md', 'Ctrl+C', 'Outlook', 'Roundcube'];

  /** Fails on any English word (es) or any letter outside the markers (pseudo) in our elements, and checks `lang`. */
  async function expectOwnTranslated(page: Page, view: string, pageLang = 'en'): Promise<void> {
    const { texts, langs } = await ownTexts(page);
    expect(texts.length, `${view}: none of DirectSeal's texts found`).toBeGreaterThan(0);
    const left = locale === 'es' ? englishLeft(texts, allowed) : unmarked(texts, allowed);
    expect(left, `${view}: text not in ${locale}`).toEqual([]);
    expect(new Set(langs), `${view}: lang of DirectSeal's elements`).toEqual(new Set([locale === 'es' ? 'es' : 'en']));
    // The host page's own language is the page's: never changed by DirectSeal.
    expect(await page.evaluate(() => document.documentElement.getAttribute('lang'))).toBe(pageLang);
  }

  /** Wide, then 390 px (nothing of ours overflows its box: the host page's width is its own), then dark. */
  const shoot = languageShots(locale, { dir: SHOTS, prefix: 'webmail-', pseudoPrefix: 'webmail-pseudo-', fullPage: false, overflowing });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const work = mkdtempSync(join(tmpdir(), `ds-${locale}-webmail-`));
    const site = join(work, 'site');
    mkdirSync(site);
    for (const f of ['gmail-compose.html', 'gmail-read.html', 'gmail-thread.html', 'outlook-compose.html']) copyFileSync(join(FIXTURES, f), join(site, f));
    [pki, ext] = await Promise.all([makeTestPki(join(work, 'pki')), launchExtension()]);
    await provisionDoctorAndPatient(ext, pki);
    // A message the doctor sealed for the patient: the Gmail fixture's attachment, and armored for the EHR page.
    const message = Buffer.from(`From: ${pki.doctor.address}\r\nTo: ${pki.patient.address}\r\nSubject: Cita\r\nContent-Type: text/plain\r\n\r\nHola.\r\n`).toString('base64');
    const eml = Buffer.from((await service(ext, 'message.seal', { message })).sealed, 'base64').toString('latin1');
    const der = Buffer.from(eml.slice(eml.indexOf('\r\n\r\n') + 4).replace(/\s+/g, ''), 'base64');
    writeFileSync(join(site, 'smime.p7m'), der);
    armored = `-----BEGIN PKCS7-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END PKCS7-----`;
    writeFileSync(
      join(site, 'ehr.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Chart</title>
       <style>body { font: 15px/1.45 system-ui, sans-serif; margin: 24px; } textarea { width: 100%; box-sizing: border-box; }
       pre { white-space: pre-wrap; word-break: break-all; font-size: 12px; }</style></head>
       <body><label for="note">Note</label><textarea id="note" rows="4"></textarea><pre id="stored">${armored}</pre></body></html>`,
    );
    ({ base, server } = await serveFolder(site));
    const setup = await ext.context.newPage();
    await setup.goto(ext.url('options.html'));
    await setLocale(setup, locale);
    // The EHR site enabled as Options → Sites does it (the field script, registered at run time).
    const origin = new URL(base).origin;
    await setup.evaluate(
      (o) => chrome.scripting.registerContentScripts([{ id: `field:${o}`, matches: [`${o}/*`], js: ['content-scripts/field.js'], allFrames: true, runAt: 'document_idle' }]),
      origin,
    );
    await setup.close();
  });
  afterAll(async () => {
    await ext?.close();
    server?.close();
  });

  it('a received sealed message: "Open securely" and "Reply securely"', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${base}gmail-read.html`);
    await page.locator('directseal-button[data-directseal="open"] button').waitFor();
    await page.locator('directseal-button[data-directseal="reply"] button').waitFor();
    expect(await page.locator('directseal-button[data-directseal="open"] button').innerText()).toBe(tr('webmail.button.open'));
    await expectOwnTranslated(page, 'read buttons');
    await shoot(page, 'read-buttons');
    await page.close();
  });

  it('a plain reply in a secure conversation: the question before Send', async () => {
    const page = await ext.context.newPage();
    const reply = await gmailPlainReply(page, base);
    await reply.locator('[role="button"].aoO').click();
    const question = page.locator('directseal-confirm').getByRole('alertdialog');
    await question.getByText(tr('webmail.ask.plainTitle')).waitFor();
    await question.getByRole('button', { name: tr('webmail.ask.sendPlain') }).waitFor();
    await expectOwnTranslated(page, 'plain reply question');
    await shoot(page, 'plain-reply-question');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('directseal-confirm').count()).toBe(0);
    await page.close();
  });

  it('a sealed compose: the mark, the note beside Secure, the warning after sealing and its question', async () => {
    // A sealed reply waiting for the webmail's compose (as "Reply securely" leaves it): attached and marked there.
    const page = await ext.context.newPage();
    await page.goto(ext.url('options.html'));
    await page.evaluate(() =>
      chrome.storage.local.set({
        'directseal.pendingReply': { p7m: [48, 3, 2, 1, 0], filename: 'smime.p7m', coverSubject: 'Secure message', coverBody: 'Cover note', createdAt: Date.now() },
      }),
    );
    await page.goto(`${base}gmail-compose.html`);
    const mark = page.locator('directseal-sealed');
    await expect.poll(() => mark.getAttribute('data-state'), { timeout: 15_000 }).toBe('sealed');
    await mark.getByText(tr('webmail.sealed.title')).waitFor();
    const compose = page.locator('.M9', { has: mark });
    await compose.locator('directseal-button[data-directseal="secure"] button').click();
    await compose.locator('directseal-button').getByText(tr('webmail.secure.alreadySealed')).waitFor();
    await expectOwnTranslated(page, 'sealed compose');
    await shoot(page, 'sealed-mark');

    await compose.evaluate((root) => {
      const chip = Object.assign(document.createElement('div'), { className: 'dL' });
      chip.append(Object.assign(document.createElement('div'), { className: 'vI', textContent: 'lab-results.pdf' }));
      root.querySelector('.GM')!.append(chip);
    });
    await expect.poll(() => mark.getAttribute('data-state')).toBe('warning');
    await mark.getByText(tr('webmail.sealed.addedFile', { file: 'lab-results.pdf' })).waitFor();
    await expectOwnTranslated(page, 'added after sealing');
    await shoot(page, 'added-after-sealing');

    await compose.locator('[role="button"].aoO').click();
    const question = page.locator('directseal-confirm').getByRole('alertdialog');
    await question.getByRole('button', { name: tr('webmail.ask.sendAnyway') }).waitFor();
    await expectOwnTranslated(page, 'send after sealing question');
    await shoot(page, 'added-question');
    await question.getByRole('button', { name: tr('webmail.ask.cancel') }).click();
    await page.close();
  });

  it('text held by DirectSeal after the frame was closed unsent', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${base}outlook-compose.html`);
    await page.locator('directseal-button[data-directseal="secure"] button').click();
    const frame: Frame = await secureFrame(page);
    await frame.getByRole('form', { name: tr('compose.form') }).waitFor();
    await frame.getByRole('button', { name: tr('frame.close'), exact: true }).click();
    const held = page.locator('directseal-held');
    await held.getByText(tr('webmail.held.title')).waitFor({ timeout: 10_000 });
    await held.getByRole('button', { name: tr('webmail.held.putBack') }).waitFor();
    await expectOwnTranslated(page, 'held text');
    await shoot(page, 'held');
    await page.close();
  });

  it('an EHR page: "Secure this field", the armored block\'s button, and the sealed reply to copy', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${base}ehr.html`);
    await page.locator('directseal-button[data-directseal="open-armored"] button').waitFor({ timeout: 10_000 });
    await page.locator('#note').focus();
    await page.locator('directseal-button[data-directseal="secure-field"] button').waitFor({ timeout: 10_000 });
    expect(await page.locator('directseal-button[data-directseal="secure-field"] button').innerText()).toBe(tr('webmail.button.field'));
    await expectOwnTranslated(page, 'EHR page');
    await shoot(page, 'ehr-field');

    await page.locator('directseal-button[data-directseal="open-armored"] button').click();
    const frame = await secureFrame(page);
    await frame.getByRole('button', { name: tr('read.reply') }).click({ timeout: 30_000 });
    const form = frame.getByRole('form', { name: tr('compose.form') });
    await form.waitFor();
    await form.getByLabel(tr('compose.from'), { exact: true }).selectOption(pki.patient.address);
    await expect.poll(() => form.locator('input[inputmode="email"]').inputValue()).toContain(pki.doctor.address);
    await form.locator('textarea').fill('Gracias.');
    await form.locator('.ds-recipients .ds-badge--ok').waitFor();
    await form.getByRole('button', { name: tr('compose.seal') }).click();
    await expect.poll(() => page.frames().some((f) => f.url().includes('/secure.html')), { timeout: 30_000 }).toBe(false);
    const reply = page.getByRole('group', { name: tr('webmail.armor.reply') });
    await reply.getByRole('textbox', { name: tr('webmail.armor.field') }).waitFor();
    await reply.getByRole('button', { name: tr('webmail.armor.copy') }).click();
    await reply.getByRole('status').filter({ hasText: /\S/ }).waitFor();
    await expectOwnTranslated(page, 'sealed reply');
    await shoot(page, 'ehr-reply');
    await page.close();
  });

  it('a frame DirectSeal did not open refuses, in the chosen language', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.url('secure.html?view=write&embed=1#made-up-token'));
    await page.getByRole('alert').filter({ hasText: tr('webmail.refusal.notOpened') }).waitFor({ timeout: 10_000 });
    // The document's title (secure.html's own, never shown inside a frame) is the secure page's, not checked here.
    const texts = (await pageTexts(page)).slice(1);
    expect(locale === 'es' ? englishLeft(texts, allowed) : unmarked(texts, allowed)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale === 'es' ? 'es' : 'en');
    await shoot(page, 'frame-refused');
    await page.close();
  });

  it('a language chosen in Options reaches the buttons already in a page at once', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${base}gmail-read.html`);
    const open = page.locator('directseal-button[data-directseal="open"]');
    await expect.poll(() => open.locator('button').innerText()).toBe(tr('webmail.button.open'));
    const options = await ext.context.newPage();
    await options.goto(ext.url('options.html'));
    await setLocale(options, 'en');
    await expect.poll(() => open.locator('button').innerText()).toBe('Open securely');
    expect(await open.getAttribute('lang')).toBe('en');
    await setLocale(options, locale);
    await expect.poll(() => open.locator('button').innerText()).toBe(tr('webmail.button.open'));
    await options.close();
    await page.close();
  });
});


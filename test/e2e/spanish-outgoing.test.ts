/**
 * Languages (issue 11, item 6), outgoing mail: Options → Outgoing mail (fields, cover note language, preview,
 * saved notice), the verdict's warnings in the read view's technical details (a message signed without a
 * signing time), and the cover note a sealed draft carries on the Gmail fixture: Spanish when the pages are.
 * In Spanish no English word is left; in the pseudo locale no letter outside the ⟦ ⟧ markers. Screenshots
 * (wide, 390 px, dark) go to artifacts/e2e/spanish/outgoing-*.png.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOk } from '../interop/support/exec';
import { envelopedEml, toCrlf } from '../interop/support/mime';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { translate } from '../../utils/i18n';
import { launchExtension, ROOT, type LaunchedExtension } from './support/browser';
import { directMessage } from './support/direct-message';
import { provisionDoctorAndPatient, serveFolder } from './support/fixture-site';
import { expectInLocale, inLocale, setLocale, textsIn } from './support/language';
import { secureFrame, service } from './support/service';
import { languageShots } from './support/ui';

const SHOTS = join(ROOT, 'artifacts/e2e/spanish');
const PRACTICE = 'Consultorio San Rafael';
const PHONE = '+34 600 100 200';
const OWN_WORDS = 'Abierto de lunes a viernes, de 8 a 15 h.';
const SUBJECT = 'Resultados de laboratorio';
const BODY = 'Su potasio está bien.';
const NOTE = 'nota.txt';


/** A Direct message signed without signed attributes (so without a signing time), sealed for the doctor. */
async function sealedWithoutSigningTime(pki: TestPki, work: string): Promise<string> {
  const inner = join(work, 'inner.eml');
  const signed = join(work, 'signed.eml');
  const der = join(work, 'enveloped.der');
  writeFileSync(inner, directMessage({ from: pki.patient, to: pki.doctor, subject: SUBJECT, text: BODY, note: { name: NOTE, text: 'K 4.1' }, messageId: 'e2e-no-signing-time@patient.test' }));
  await runOk('openssl', ['cms', '-sign', '-noattr', '-binary', '-md', 'sha256', '-in', inner, '-signer', pki.patient.certPem, '-inkey', pki.patient.keyPem, '-certfile', pki.intermediatePem, '-outform', 'SMIME', '-crlfeol', '-out', signed]);
  writeFileSync(signed, toCrlf(readFileSync(signed)));
  await runOk('openssl', ['cms', '-encrypt', '-binary', '-in', signed, '-aes-256-cbc', '-outform', 'DER', '-out', der, pki.doctor.certPem]);
  const sealed = join(work, 'no-signing-time.eml');
  writeFileSync(sealed, envelopedEml(readFileSync(der), pki.patient.address, [pki.doctor.address]));
  return sealed;
}

describe.each(['es', 'pseudo'] as const)('outgoing mail and the verdict warnings in the %s locale', (locale) => {
  let ext: LaunchedExtension;
  let pki: TestPki;
  let work: string;
  let server: Server;
  let base: string;
  let page: Page;
  /** The practice's own words and data, the brand, language names (named in their own words), file names. */
  const allowed = ['DirectSeal', PRACTICE, PHONE, OWN_WORDS, SUBJECT, BODY, NOTE, 'smime.p7m', 'Direct/S/MIME', 'Direct', 'English', 'Español', 'https://'];

  async function expectTranslated(texts: string[], view: string): Promise<void> {
    await expectInLocale(page, locale, texts, allowed, view);
  }

  /** Wide, 390 px (no horizontal overflow) and dark in Spanish; one wide shot in the pseudo locale. */
  const shoot = languageShots(locale, { dir: SHOTS, prefix: 'outgoing-' });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), `ds-outgoing-${locale}-`));
    const site = join(work, 'site');
    mkdirSync(site);
    copyFileSync(join(ROOT, 'test/fixtures/webmail/gmail-compose.html'), join(site, 'gmail-compose.html'));
    ({ base, server } = await serveFolder(site));
    [pki, ext] = await Promise.all([makeTestPki(join(work, 'pki')), launchExtension()]);
    await provisionDoctorAndPatient(ext, pki);
    page = await ext.context.newPage();
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.goto(ext.url('options.html#outgoing'));
    await setLocale(page, locale);
    await inLocale(page, locale);
  });
  afterAll(async () => {
    await ext?.close();
    server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("Options → Outgoing mail: fields, the cover note language, the preview in the pages' language, saved", async () => {
    const section = page.locator('#outgoing');
    const form = section.locator('form');
    const inputs = form.locator('input');
    await inputs.nth(0).fill(PRACTICE);
    await inputs.nth(1).fill(PHONE);
    await form.locator('textarea').fill(OWN_WORDS);
    // The standard subject template is shown in the note's language; the practice may type its own.
    expect(await inputs.nth(2).inputValue()).toBe(locale === 'es' ? 'Mensaje seguro de {practice}' : 'Secure message from {practice}');
    expect(await form.locator('select').inputValue()).toBe('auto');
    const preview = section.locator('.ds-outgoing-preview');
    if (locale === 'es') {
      await preview.getByText(`Mensaje seguro de ${PRACTICE}`).waitFor();
      expect(await preview.locator('pre').innerText()).toBe(
        [
          `Este correo trae un mensaje Direct seguro de ${PRACTICE} (smime.p7m), firmado y cifrado para usted.`,
          '',
          'Para leerlo, abra el archivo adjunto con DirectSeal o con su programa de correo Direct/S/MIME.',
          '',
          OWN_WORDS,
          '',
          `¿Tiene preguntas sobre este mensaje? Llame a ${PRACTICE} al ${PHONE}.`,
        ].join('\n'),
      );
    } else {
      await expect.poll(() => preview.locator('pre').innerText()).toContain(PHONE);
    }
    // A link that is not https is said in the preview, in the page's language.
    await inputs.nth(3).fill('http://consultorio.example/leer');
    await preview.locator('.ds-field__hint').waitFor();
    await expectTranslated(await textsIn(page, ['#outgoing']), 'outgoing mail, a link that is not https');
    await inputs.nth(3).fill('');
    await form.locator('button[type="submit"]').click();
    await section.locator('.ds-notice--ok').waitFor();
    expect(await service(ext, 'outgoing.get')).toMatchObject({ practice: PRACTICE, phone: PHONE, coverNote: OWN_WORDS, coverLanguage: 'auto' });
    await expectTranslated(await textsIn(page, ['#outgoing']), 'outgoing mail, saved');
    await section.scrollIntoViewIfNeeded();
    await shoot(section, 'options');

    // "Both, English first" shows both notes in the preview; the choice is kept only when saved, so go back.
    await form.locator('select').selectOption('both');
    await expect.poll(() => preview.locator('pre').innerText()).toMatch(/^This email carries a secure Direct message from Consultorio San Rafael[\s\S]*\n\nEste correo trae un mensaje Direct seguro de Consultorio San Rafael/);
    await form.locator('select').selectOption('auto');
  });

  it('the verdict of a message signed without a signing time: its warning in the technical details', async () => {
    const sealed = await sealedWithoutSigningTime(pki, work);
    await page.goto(ext.url('secure.html?view=read'));
    await page.locator('input[type="file"]').setInputFiles(sealed);
    const verdict = page.locator('.ds-verdict[data-status="verified"]');
    await verdict.waitFor({ timeout: 60_000 });
    await verdict.locator('details summary').click();
    const warning = verdict.locator('.ds-verdict__warnings li[data-code="NO_SIGNING_TIME"]');
    await warning.waitFor();
    expect(await warning.innerText()).toBe(
      locale === 'es' ? 'La firma no indica cuándo se hizo; la validez se comprobó con la hora actual.' : translate('pseudo', 'outgoing.warning.NO_SIGNING_TIME'),
    );
    await expectTranslated(await textsIn(page, ['body']), 'read view with a warning');
    await shoot(verdict, 'warning');
  });

  it('a message sealed on the Gmail fixture carries the subject and cover note in the pages\' language', async () => {
    const gmail = await ext.context.newPage();
    await gmail.goto(`${base}gmail-compose.html`);
    const dialog = gmail.locator('#dialog');
    await dialog.locator('directseal-button button').click();
    const frame = await secureFrame(gmail);
    const form = frame.locator('form.ds-compose');
    await form.waitFor();
    await form.locator('input[inputmode="email"]').fill(pki.patient.address);
    await form.locator('.ds-recipients .ds-badge--ok').waitFor();
    await form.locator('button[type="submit"]').click();
    const subject = locale === 'es' ? `Mensaje seguro de ${PRACTICE}` : translate('pseudo', 'outgoing.cover.subject', { practice: PRACTICE });
    await expect.poll(() => dialog.locator('input[name="subjectbox"]').inputValue(), { timeout: 30_000 }).toBe(subject);
    const body = await dialog.locator('[g_editable="true"]').innerText();
    expect(body).toContain(
      locale === 'es'
        ? `Este correo trae un mensaje Direct seguro de ${PRACTICE} (smime.p7m), firmado y cifrado para usted.`
        : translate('pseudo', 'outgoing.cover.carriesFrom', { practice: PRACTICE }),
    );
    expect(body).toContain(OWN_WORDS);
    expect(body).toContain(locale === 'es' ? `Llame a ${PRACTICE} al ${PHONE}.` : PHONE);
    expect(body).not.toContain('This email carries');
    // Closed, so the screenshot shows the draft as the webmail will send it.
    await frame.locator('.embedded__close').click();
    await expect.poll(() => gmail.frames().some((f) => f.url().includes('/secure.html')), { timeout: 10_000 }).toBe(false);
    await dialog.screenshot({ path: join(SHOTS, `${locale === 'es' ? '' : 'pseudo-'}outgoing-gmail-cover-note.png`) });
    await gmail.close();
  });
});

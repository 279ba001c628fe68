/**
 * Options → trust anchors, several files at once where some are refused, in Chromium with the built extension,
 * in English and Spanish: every good file is imported (the polite status counts them, the list shows them), each
 * refused file is named on its own line with the reason in the chosen language, and the picker is cleared. When
 * every file is refused nothing is said to be added and the picker keeps the files for another try; one refused
 * file alone is said the same way. A root imported again is said to be trusted already.
 * Screenshots: artifacts/e2e/ui/anchors-*.png.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSentence, translate } from '../../utils/i18n';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { launchExtension, ROOT, type LaunchedExtension } from './support/browser';
import { englishLeft, openInLocale, textsIn } from './support/language';
import { serviceOn } from './support/service';
import { atPhoneWidth, politeStatus } from './support/ui';

const SHOTS = join(ROOT, 'artifacts/e2e/ui');

let pki: TestPki;
let work: string;
/** The files as a practice would pick them: two roots, a doctor's own certificate (not a CA) and a stray note. */
const file: Record<'root' | 'stranger' | 'leaf' | 'note', string> = { root: '', stranger: '', leaf: '', note: '' };

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  work = mkdtempSync(join(tmpdir(), 'ds-ui-anchors-'));
  pki = await makeTestPki(join(work, 'pki'));
  const put = (name: string, body: string | Uint8Array) => (writeFileSync(join(work, name), body), join(work, name));
  file.root = put('riverside-community-root.pem', readFileSync(pki.anchorPem));
  file.stranger = put('other-hisp-root.pem', readFileSync(pki.strangerAnchorPem));
  file.leaf = put('dr-house-certificate.pem', readFileSync(pki.doctor.certPem));
  file.note = put('read-me-first.pem', 'Install these roots before Monday.\n');
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.each(['en', 'es'] as const)('several anchor files, some refused, in %s', (locale) => {
  let ext: LaunchedExtension;
  let page: Page;
  let section: Locator;
  const say = (id: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(locale, id, params);

  beforeAll(async () => {
    ext = await launchExtension();
    page = await openInLocale(ext, 'options.html', locale);
    section = page.getByRole('region', { name: say('trust.anchors.title') });
    await section.getByText(say('trust.anchors.empty')).waitFor();
  });
  afterAll(async () => {
    await ext?.close();
  });

  const form = () => section.getByRole('form', { name: say('trust.anchors.add') });
  const status = () => politeStatus(form());
  const shoot = (name: string) => atPhoneWidth(page, form(), join(SHOTS, `anchors-${name}-${locale}`));

  it('every file refused: each named with its reason, nothing said to be added, the files kept', async () => {
    await form().getByLabel(say('trust.anchors.files')).setInputFiles([file.leaf, file.note]);
    await form().getByRole('button', { name: say('trust.anchors.import') }).click();
    const alert = form().getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain(say('trust.anchors.refused.other', { count: 2 }));
    const lines = await alert.getByRole('listitem').allTextContents();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`dr-house-certificate.pem: ${errorSentence(locale, 'ANCHOR_NOT_CA')}`);
    expect(lines[1]).toMatch(/^read-me-first\.pem: \S/);
    expect(await status()).toBe('');
    expect(await form().locator('.ds-file__names').textContent()).toBe('dr-house-certificate.pem, read-me-first.pem');
    expect(await serviceOn(page, 'anchors.list')).toEqual([]);
    await shoot('all-refused');
  });

  it('good and bad together: the good ones imported, each refused file on its own line', async () => {
    await form().getByLabel(say('trust.anchors.files')).setInputFiles([file.root, file.leaf, file.stranger, file.note]);
    await form().getByRole('button', { name: say('trust.anchors.import') }).click();
    await expect.poll(status).toBe(say('trust.anchors.added.other', { count: 2 }));
    const alert = form().getByRole('alert');
    expect(await alert.locator('p').textContent()).toBe(say('trust.anchors.refused.other', { count: 2 }));
    const lines = await alert.getByRole('listitem').allTextContents();
    expect(lines.map((l) => l.split(':')[0])).toEqual(['dr-house-certificate.pem', 'read-me-first.pem']);
    expect(lines[0]).toBe(`dr-house-certificate.pem: ${errorSentence(locale, 'ANCHOR_NOT_CA')}`);

    // Both roots are trusted now, in the service and on the page; the picker is empty for the next batch.
    const anchors = await serviceOn<{ subject: string }[]>(page, 'anchors.list');
    expect(anchors).toHaveLength(2);
    const list = section.getByRole('list', { name: say('trust.anchors.title') });
    await expect.poll(() => list.getByRole('article').count()).toBe(2);
    expect(await form().locator('.ds-file__names').textContent()).toBe(say('ui.noFiles'));
    if (locale === 'es') {
      const names = anchors.flatMap((a) => [a.subject, ...a.subject.split(/,\s*/).map((p) => p.replace(/^\w+=/, ''))]);
      expect(englishLeft(await textsIn(page, ['#anchors']), [...names, 'dr-house-certificate.pem', 'read-me-first.pem'])).toEqual([]);
    }
    await shoot('some-refused');
  });

  it('a root imported again is said to be trusted already, not added, and nothing is refused', async () => {
    await form().getByLabel(say('trust.anchors.files')).setInputFiles([file.root]);
    await form().getByRole('button', { name: say('trust.anchors.import') }).click();
    await expect.poll(status).toBe(say('trust.anchors.nothingNew.one'));
    expect(await form().getByRole('alert').count()).toBe(0);
    expect(await serviceOn(page, 'anchors.list')).toHaveLength(2);
    await shoot('already-trusted');
  });

  it('one file refused alone: said as several are, once, and the file kept for another try', async () => {
    await form().getByLabel(say('trust.anchors.files')).setInputFiles([file.leaf]);
    await form().getByRole('button', { name: say('trust.anchors.import') }).click();
    const alert = form().getByRole('alert');
    await expect.poll(() => alert.locator('p').textContent()).toBe(say('trust.anchors.refused.one'));
    expect(await alert.count()).toBe(1);
    expect(await alert.getByRole('listitem').allTextContents()).toEqual([`dr-house-certificate.pem: ${errorSentence(locale, 'ANCHOR_NOT_CA')}`]);
    expect(await status()).toBe('');
    expect(await form().locator('.ds-file__names').textContent()).toBe('dr-house-certificate.pem');
    expect(await serviceOn(page, 'anchors.list')).toHaveLength(2);
    await shoot('one-refused');
  });
});

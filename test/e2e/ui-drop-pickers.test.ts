/**
 * The two drop zones with a pick button on secure.html: the write view's attachments
 * (components/compose/AttachmentPicker.tsx) and the read view's message file (components/read/ReadView.tsx), in
 * English and Spanish, wide, at 390 px and dark. The button and the hint under or beside it stay inside the zone, the
 * hint starts where the button does when it wraps, and each attached file shows its name whole (a long one wraps,
 * never cut and never widening the page) with its size and Remove beside it. Screenshots: artifacts/e2e/ui/drop-*.png.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../utils/i18n';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { launchExtension, ROOT, type LaunchedExtension } from './support/browser';
import { provisionDoctorAndPatient } from './support/fixture-site';
import { openInLocale } from './support/language';
import { service } from './support/service';
import { atPhoneWidth } from './support/ui';

const SHOTS = join(ROOT, 'artifacts/e2e/ui');
/** Set UI_SHOT_PREFIX=before- to keep pictures of the pickers as they were, beside the ones of a fix. */
const PREFIX = process.env.UI_SHOT_PREFIX ?? '';
/** A name as a lab's export makes them: longer than a phone's line. */
const LONG_NAME = 'hemograma-completo-y-perfil-metabolico-paciente-lee-2026-11-30.pdf';
const SHORT_NAME = 'nota.txt';

let work: string;
let pki: TestPki;
let ext: LaunchedExtension;
const at = (f: string) => join(work, f);

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  work = mkdtempSync(join(tmpdir(), 'ds-ui-drop-'));
  [pki, ext] = await Promise.all([makeTestPki(join(work, 'pki')), launchExtension()]);
  await provisionDoctorAndPatient(ext, pki);
  writeFileSync(at(LONG_NAME), Buffer.alloc(245_760, 1));
  writeFileSync(at(SHORT_NAME), 'Presión 120/80.');
  // A message the doctor sealed for the patient, whose key this profile holds: the read view opens it.
  const message = Buffer.from(`From: ${pki.doctor.address}\r\nTo: ${pki.patient.address}\r\nSubject: Lab\r\nContent-Type: text/plain\r\n\r\nK 4.1\r\n`).toString('base64');
  writeFileSync(at('sealed.eml'), Buffer.from((await service(ext, 'message.seal', { message })).sealed, 'base64'));
});
afterAll(async () => {
  await ext?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Where the zone's button and hint sit, and whether anything sticks out of the zone or is cut off. */
async function zoneLayout(zone: Locator) {
  return zone.evaluate((box) => {
    const outer = box.getBoundingClientRect();
    const button = box.querySelector('.ds-button')!.getBoundingClientRect();
    const hintEl = box.querySelector('.ds-drop__hint')!;
    const hint = hintEl.getBoundingClientRect();
    return {
      inside: button.right <= outer.right + 0.5 && hint.right <= outer.right + 0.5 && box.scrollWidth <= box.clientWidth,
      uncut: hintEl.scrollWidth <= hintEl.clientWidth + 1,
      // The hint reads on from the button: on its line after it, or on the next line from the same left edge.
      follows: (hint.left >= button.right - 1 && hint.top < button.bottom) || (hint.top >= button.bottom - 1 && Math.abs(hint.left - button.left) <= 1),
    };
  });
}

/** Each row of the file list: its name whole (wrapped, never cut), then its size and Remove beside it, all inside the row. */
async function fileRows(list: Locator) {
  return list.locator('li').evaluateAll((rows) =>
    rows.map((row) => {
      const outer = row.getBoundingClientRect();
      const nameEl = row.querySelector('.ds-files__name')!;
      const [name, size, remove] = [nameEl, row.querySelector('.ds-files__size')!, row.querySelector('button')!].map((el) => el.getBoundingClientRect()) as [DOMRect, DOMRect, DOMRect];
      return {
        whole: nameEl.scrollWidth <= nameEl.clientWidth + 1,
        beside: name.right <= size.left + 1 && size.right <= remove.left + 1,
        inside: name.left >= outer.left && remove.right <= outer.right + 0.5,
      };
    }),
  );
}

describe.each(['en', 'es'] as const)('the drop zones of secure.html in %s', (locale) => {
  let page: Page;
  const say = (id: Parameters<typeof translate>[1], params?: Record<string, string>) => translate(locale, id, params);
  const shotsOf = (name: string) => join(SHOTS, `${PREFIX}drop-${name}-${locale}`);

  beforeAll(async () => {
    page = await openInLocale(ext, 'secure.html?view=write', locale);
  });
  afterAll(async () => {
    await page?.close();
  });

  /** The zone tidy wide and at a phone's width, with the pictures of `part`. */
  async function expectTidy(part: Locator, name: string): Promise<void> {
    const zone = part.locator('.ds-drop');
    await atPhoneWidth(page, part, shotsOf(name), {
      dark: true,
      look: async () => {
        const width = page.viewportSize()!.width;
        const layout = await zoneLayout(zone);
        expect(layout.inside && layout.uncut && layout.follows, `${name} at ${width} px: ${JSON.stringify(layout)}`).toBe(true);
      },
    });
  }

  it('write view: the attachment picker empty, then with a long-named file and a short one', async () => {
    const picker = page.locator('.ds-field', { has: page.locator('.ds-drop') });
    await picker.getByLabel(say('compose.attach.label')).waitFor({ state: 'attached' });
    expect(await picker.locator('.ds-drop__pick .ds-button').textContent()).toBe(say('compose.attach.pick'));
    await expectTidy(picker, 'attach-empty');

    await picker.getByLabel(say('compose.attach.label')).setInputFiles([at(LONG_NAME), at(SHORT_NAME)]);
    const list = picker.getByRole('list', { name: say('compose.attachments') });
    await expect.poll(() => list.locator('.ds-files__name').allTextContents()).toEqual([LONG_NAME, SHORT_NAME]);
    await atPhoneWidth(page, picker, shotsOf('attach-files'), {
      dark: true,
      look: async () => {
        const rows = await fileRows(list);
        const tidy = { whole: true, beside: true, inside: true };
        expect(rows, `file rows at ${page.viewportSize()!.width} px`).toEqual([tidy, tidy]);
      },
    });
    expect(await list.getByRole('button', { name: say('compose.attach.removeNamed', { name: LONG_NAME }) }).isVisible()).toBe(true);
  });

  it('write view: a file dragged over the zone is told what dropping does, and dropped it is attached', async () => {
    const picker = page.locator('.ds-field', { has: page.locator('.ds-drop') });
    const zone = picker.locator('.ds-drop');
    const files = await page.evaluateHandle(() => {
      const t = new DataTransfer();
      t.items.add(new File(['Glucosa 92 mg/dL.'], 'glucosa.txt', { type: 'text/plain' }));
      return t;
    });
    await zone.dispatchEvent('dragenter', { dataTransfer: files });
    await zone.dispatchEvent('dragover', { dataTransfer: files });
    await zone.locator('xpath=self::*[contains(@class, "ds-drop--over")]').waitFor();
    const said = await zone.evaluate((el) => getComputedStyle(el, '::after').content);
    expect(said).toBe(JSON.stringify(say('compose.attach.drop')));
    await atPhoneWidth(page, picker, shotsOf('attach-dragging'));
    // Onto the button inside: still over the zone (it must not flicker off and on).
    await zone.dispatchEvent('dragleave', { dataTransfer: files, relatedTarget: await picker.locator('.ds-drop__pick .ds-button').elementHandle() });
    expect(await zone.getAttribute('class')).toContain('ds-drop--over');
    await zone.dispatchEvent('drop', { dataTransfer: files });
    expect(await zone.getAttribute('class')).not.toContain('ds-drop--over');
    const list = picker.getByRole('list', { name: say('compose.attachments') });
    await expect.poll(() => list.locator('.ds-files__name').allTextContents()).toContain('glucosa.txt');
  });

  it('read view: the message file picker, then stepped back once a message is open', async () => {
    await page.goto(ext.url('secure.html?view=read'));
    const form = page.getByRole('form', { name: say('read.form') });
    await form.getByLabel(say('read.file')).waitFor({ state: 'attached' });
    expect(await form.locator('.ds-drop__pick .ds-button').textContent()).toBe(say('read.choose'));
    await expectTidy(form, 'read-empty');

    await form.getByLabel(say('read.file')).setInputFiles(at('sealed.eml'));
    await form.locator('.ds-drop--compact').waitFor();
    expect(await form.locator('.ds-drop__pick .ds-button').textContent()).toBe(say('read.another'));
    await expectTidy(form, 'read-opened');
  });
});

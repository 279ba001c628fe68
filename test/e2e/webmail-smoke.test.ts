/**
 * The real webmail the end-to-end tests run on: Roundcube (elastic) + Dovecot + Postfix on loopback, driven
 * by plain Chromium (no extension). A doctor sends the patient a mail with a non-ASCII subject and a PDF;
 * the patient reads it and downloads the same bytes. Also checks the DOM facts docs/roundcube.md gives the
 * Roundcube adapter: a file set on the upload input from an isolated world (as a content script does)
 * really uploads, and the read view's attachment links fetch the raw bytes with `_download=1`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, ROOT } from './support/browser';
import {
  RC,
  attachFile,
  attachmentLinks,
  downloadAttachment,
  fetchAttachment,
  fillCompose,
  login,
  openCompose,
  openMessage,
  send,
  sendRawMail,
  startWebmail,
  waitForMessage,
  waitForUpload,
  waitIdle,
  type Webmail,
} from './support/webmail';

const SHOTS = join(ROOT, 'artifacts/e2e');

/** A tiny but valid one-page PDF, with a correct cross-reference table. */
function tinyPdf(text: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null, // the content stream, below
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = `BT /F1 12 Tf 20 50 Td (${text}) Tj ET`;
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

describe('Roundcube on loopback (webmail smoke)', () => {
  let webmail: Webmail;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const run = randomUUID().slice(0, 8);

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, acceptDownloads: true });
    contexts.push(context);
    return context.newPage();
  }

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: run \`bash scripts/ensure-chromium.sh\` (npm test does it)`);
    }
    mkdirSync(SHOTS, { recursive: true });
    webmail = await startWebmail();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
    });
  });

  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    // Keep what shows why: every open page, and the servers' logs' tails.
    let n = 0;
    for (const c of contexts) {
      for (const p of c.pages()) await p.screenshot({ path: join(SHOTS, `roundcube-failed-${++n}.png`) }).catch(() => {});
    }
    console.error(webmail?.tailLogs(15));
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close().catch(() => {});
    await webmail?.stop();
  });

  it('the doctor sends a PDF with a non-ASCII subject; the patient opens it and downloads the same bytes', async () => {
    const started = Date.now();
    const subject = `Résultats d’analyse — Ünïcødé ✓ Анализ ${run}`;
    const pdf = tinyPdf(`DirectSeal ${run}`);
    const pdfPath = join(webmail.dir, 'lab-result.pdf');
    writeFileSync(pdfPath, pdf);

    const doctor = await newPage();
    await login(doctor, webmail.accounts.doctor);
    await openCompose(doctor);
    expect(new URL(doctor.url()).searchParams.get('_action')).toBe('compose');
    await fillCompose(doctor, { to: webmail.accounts.patient.address, subject, body: `Hello Pat,\n\nsee the attached result (${run}).` });
    // The widget shows one recipient box, and the hidden textarea carries the address for the form.
    expect(await doctor.locator(RC.compose.toRecipient).allTextContents()).toEqual([`${webmail.accounts.patient.address},`]);
    expect(await doctor.inputValue(RC.compose.toTextarea)).toBe(`${webmail.accounts.patient.address},`);
    await attachFile(doctor, pdfPath);
    await doctor.screenshot({ path: join(SHOTS, 'roundcube-compose.png') });
    await send(doctor);

    const patient = await newPage();
    await login(patient, webmail.accounts.patient);
    const listed = await waitForMessage(patient, subject);
    expect(listed.from).toContain(webmail.accounts.doctor.address);
    const frame = await openMessage(patient, subject);
    const frameUrl = new URL(frame.url());
    expect(frameUrl.searchParams.get('_action')).toBe('preview');
    expect(frameUrl.searchParams.get('_uid')).toBe(String(listed.uid));
    expect(await frame.locator(RC.read.subject).innerText()).toContain(subject);
    expect(await frame.locator(RC.read.body).innerText()).toContain(run);

    const links = await attachmentLinks(frame);
    expect(links.map((l) => l.name)).toEqual(['lab-result.pdf']);
    const [first] = links;
    if (!first) throw new Error('no attachment listed');
    const link = new URL(first.href);
    expect(link.searchParams.get('_action')).toBe('get');
    expect(link.searchParams.get('_uid')).toBe(String(listed.uid));
    expect(first.part).toMatch(/^\d+(\.\d+)*$/);
    await patient.screenshot({ path: join(SHOTS, 'roundcube-read.png') });

    const downloaded = await downloadAttachment(patient, 'lab-result.pdf');
    expect(downloaded.equals(pdf)).toBe(true);
    const fetched = await fetchAttachment(frame, 'lab-result.pdf');
    expect(fetched.equals(pdf)).toBe(true);
    console.log(`webmail smoke: send and read in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it('a file set on the upload input from an isolated world (like a content script) is uploaded and sent', async () => {
    const subject = `Sealed ${run}`;
    const sealed = randomBytes(4096);
    const doctor = await newPage();
    await login(doctor, webmail.accounts.doctor);
    await openCompose(doctor);
    await fillCompose(doctor, { to: webmail.accounts.patient.address, subject, body: 'A secure message is attached.' });

    // Chromium runs content scripts in an isolated world: same DOM, no access to the page's `rcmail`.
    const cdp = await doctor.context().newCDPSession(doctor);
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const { executionContextId } = await cdp.send('Page.createIsolatedWorld', {
      frameId: frameTree.frame.id,
      worldName: 'directseal-content-script-probe',
    });
    const expression = `(() => {
      const bytes = Uint8Array.from(atob(${JSON.stringify(sealed.toString('base64'))}), (c) => c.charCodeAt(0));
      const input = document.querySelector(${JSON.stringify(RC.compose.fileInput)});
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'smime.p7m', { type: 'application/pkcs7-mime' }));
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      return typeof window.rcmail;
    })()`;
    await waitIdle(doctor); // a busy Roundcube ignores the input's change (docs/roundcube.md)
    const result = await cdp.send('Runtime.evaluate', { contextId: executionContextId, expression, returnByValue: true });
    expect(result.exceptionDetails).toBeUndefined();
    expect(result.result.value).toBe('undefined'); // really isolated: the page's globals are not visible
    await waitForUpload(doctor, 'smime.p7m');
    await send(doctor);

    const patient = await newPage();
    await login(patient, webmail.accounts.patient);
    await waitForMessage(patient, subject);
    const frame = await openMessage(patient, subject);
    const links = await attachmentLinks(frame);
    expect(links.map((l) => l.name)).toEqual(['smime.p7m']);
    // Roundcube types an upload by its own extension map, then by libmagic, never by the browser's File.type:
    // smime.p7m goes out as application/octet-stream (the adapter must match the file name, not the type).
    expect(await frame.locator(RC.read.attachment).getAttribute('class')).toContain('octet-stream');
    expect((await fetchAttachment(frame, 'smime.p7m')).equals(sealed)).toBe(true);
  });

  it('a whole-message S/MIME mail (as a HISP delivers it) lists smime.p7m as part 1, and _download=1 gives its DER', async () => {
    const subject = `Direct ${run}`;
    const der = randomBytes(2048);
    const b64 = der.toString('base64').replace(/.{1,76}/g, '$&\n');
    const { doctor, patient } = webmail.accounts;
    await sendRawMail(webmail, doctor.address, [patient.address],
      `From: ${doctor.address}\nTo: ${patient.address}\nSubject: ${subject}\nMIME-Version: 1.0\n` +
      'Content-Disposition: attachment; filename="smime.p7m"\n' +
      'Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name="smime.p7m"\n' +
      `Content-Transfer-Encoding: base64\n\n${b64}`);
    const page = await newPage();
    await login(page, patient);
    await waitForMessage(page, subject);
    const frame = await openMessage(page, subject);
    const links = await attachmentLinks(frame);
    expect(links.map((l) => [l.name, l.part])).toEqual([['smime.p7m', '1']]);
    // Roundcube marks the list item with the part's MIME type as classes.
    expect(await frame.locator(RC.read.attachment).getAttribute('class')).toContain('pkcs7-mime');
    expect((await fetchAttachment(frame, 'smime.p7m')).equals(der)).toBe(true);
  });
});

/**
 * The attacker's side of the DirectSeal frame, in Chromium with the built extension (issue 7, sections 1 and
 * 5). A hostile web page frames secure.html itself and feeds it inits; a compromised webmail page listens to
 * and forges frame messages while the doctor writes; a page reads what it can of the frame and its shadow
 * root; a page draws a look-alike frame. Each attack worked against the window.postMessage protocol this
 * replaced; each is refused here.
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { launchExtension, ROOT, type LaunchedExtension } from './support/browser';
import { E2E_LOCK_PASSPHRASE, secureFrame, service } from './support/service';
import { provisionDoctorAndPatient, serveFolder } from './support/fixture-site';

const SHOTS = join(ROOT, 'artifacts/e2e');
const MARKER = 'MARKER-hostile-frame-creatinine-2.9';
const PHRASE = 'heron over Lake Mendota';

/** A page of the attacker's: frames secure.html with a made-up token and posts old-style inits into it. */
const HOSTILE_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Totally a clinic</title></head><body>
<h1>Patient portal</h1>
<script>
  window.__seen = [];
  window.addEventListener('message', (e) => window.__seen.push(JSON.stringify(e.data)));
  window.frameIt = (src, inits) => {
    const f = document.createElement('iframe');
    f.id = 'stolen';
    f.style.cssText = 'width:700px;height:500px';
    f.src = src;
    document.body.append(f);
    // Whatever the frame says, answer with inits carrying any nonce it might accept; keep at it.
    const push = () => { for (const init of inits) { try { f.contentWindow.postMessage(init, '*'); } catch (e) {} } };
    f.addEventListener('load', push);
    window.addEventListener('message', (e) => { if (e.source === f.contentWindow) push(); });
    setInterval(push, 100);
  };
</script></body></html>`;

describe('hostile pages against the DirectSeal frame', () => {
  let pki: TestPki;
  let ext: LaunchedExtension;
  let server: Server;
  let base: string;
  let site: string;
  /** A message the doctor can open: sealed by the patient, to the doctor. */
  let sealedToDoctor: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    pki = await makeTestPki(mkdtempSync(join(tmpdir(), 'ds-hostile-pki-')));
    site = mkdtempSync(join(tmpdir(), 'ds-hostile-site-'));
    copyFileSync(join(ROOT, 'test/fixtures/webmail/gmail-compose.html'), join(site, 'gmail-compose.html'));
    writeFileSync(join(site, 'hostile.html'), HOSTILE_PAGE);
    ({ base, server } = await serveFolder(site));
    ext = await launchExtension();
    await provisionDoctorAndPatient(ext, pki);
    await service(ext, 'indicator.set', { phrase: PHRASE, color: 'plum' });
    const message = Buffer.from(`From: ${pki.patient.address}\r\nTo: ${pki.doctor.address}\r\nSubject: Labs\r\nContent-Type: text/plain\r\n\r\n${MARKER}\r\n`).toString('base64');
    sealedToDoctor = (await service(ext, 'message.seal', { message })).sealed;
  });
  afterAll(async () => {
    await ext?.close();
    server?.close();
  });

  async function hostilePage(): Promise<Page> {
    const page = await ext.context.newPage();
    await page.goto(`${base}hostile.html`);
    return page;
  }

  /** The frame the hostile page made, once something (our page, or Chromium's error page) is in it. */
  async function stolenFrame(page: Page): Promise<Frame | undefined> {
    const handle = await page.waitForSelector('#stolen');
    await page.waitForTimeout(1500);
    return (await handle.contentFrame()) ?? undefined;
  }

  const oldInits = (nonce: string, extras: object[] = []) => [
    { ds: 'init', nonce, view: 'write', recipients: ['exfil@clinic.test'], provider: 'gmail' },
    { ds: 'init', nonce, view: 'read', sealed: Array.from(Buffer.from(sealedToDoctor, 'base64')), name: 'x.p7m', provider: 'gmail' },
    ...extras,
  ];

  it('a web page cannot load secure.html at all: it is web-accessible only under a per-session address', async () => {
    const page = await hostilePage();
    const nonce = 'made-up-token';
    await page.evaluate(([src, inits]) => (window as any).frameIt(src, inits), [ext.url(`secure.html?view=write&embed=1#${nonce}`), oldInits(nonce)] as const);
    const frame = await stolenFrame(page);
    await page.screenshot({ path: join(SHOTS, 'hostile-framed.png') });
    // use_dynamic_url: the extension's fixed address is refused to web pages (Chromium's error page instead).
    expect(frame?.url() ?? '').not.toMatch(/^chrome-extension:/);
    // And the page heard nothing: no nonce, no "ready", no content.
    const seen = (await page.evaluate(() => (window as any).__seen as string[])).join('\n');
    expect(seen).not.toContain('"ds"');
    expect(seen).not.toContain(MARKER);
    await page.close();
  });

  it('secure.html without a session DirectSeal opened stays inert (where a browser does load it)', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.url('secure.html?view=write&embed=1#made-up-token'));
    await page.getByRole('alert').filter({ hasText: 'was not opened by DirectSeal' }).waitFor({ timeout: 10_000 });
    expect(await page.getByRole('form', { name: 'Write a secure message' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Close DirectSeal' }).count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'frame-refused.png') });
    await page.close();
  });

  it('a page cannot replay the token of a frame DirectSeal opened: a token is claimed once', async () => {
    const mail = await ext.context.newPage();
    await mail.goto(`${base}gmail-compose.html`);
    await mail.locator('#reply directseal-button button').click();
    const real = await secureFrame(mail);
    await real.getByRole('form', { name: 'Write a secure message' }).waitFor();
    const token = new URL(real.url()).hash.slice(1);
    expect(token.length).toBeGreaterThan(20);
    // Even if a page had learned the token (it cannot read our closed shadow root), it is spent.
    const page = await ext.context.newPage();
    await page.goto(ext.url(`secure.html?view=write&embed=1#${token}`));
    await page.getByRole('alert').filter({ hasText: 'was not opened by DirectSeal' }).waitFor({ timeout: 10_000 });
    expect(await page.getByRole('form', { name: 'Write a secure message' }).count()).toBe(0);
    await page.close();
    await mail.close();
  });

  it('a webmail page that forges frame messages cannot change the recipients, and hears nothing', async () => {
    const page = await ext.context.newPage();
    // The compromised webmail: records every message, and answers each (and every frame, all the time) with
    // an init that adds the attacker as a recipient, and a read init of a message sealed to the doctor.
    await page.addInitScript(
      ([sealed]) => {
        (window as any).__seen = [];
        const forged = (nonce: unknown) => [
          { ds: 'init', nonce, view: 'write', recipients: ['pat@patient.test', 'exfil@clinic.test'], provider: 'gmail' },
          { ds: 'init', nonce, view: 'read', sealed, name: 'x.p7m', provider: 'gmail' },
          { ds: 'done', nonce, ok: true, message: 'all good' },
        ];
        const spray = (nonce: unknown) => {
          for (let i = 0; i < window.frames.length; i++) for (const m of forged(nonce)) window.frames[i]!.postMessage(m, '*');
        };
        window.addEventListener('message', (e) => {
          (window as any).__seen.push(JSON.stringify(e.data));
          spray((e.data as { nonce?: unknown })?.nonce);
        });
        setInterval(() => spray(undefined), 100);
      },
      [Array.from(Buffer.from(sealedToDoctor, 'base64'))] as const,
    );
    await page.goto(`${base}gmail-compose.html`);
    await page.locator('#reply directseal-button button').click();
    const frame = await secureFrame(page);
    const form = frame.getByRole('form', { name: 'Write a secure message' });
    await form.waitFor();
    await form.getByLabel('Message').fill(`Dear Pat, ${MARKER}`);
    await page.waitForTimeout(1500);
    const to = await form.getByLabel('To', { exact: true }).inputValue();
    expect(to).toBe(pki.patient.address);
    expect(await frame.getByTestId('suggested-recipients').innerText()).toContain('Suggested by the web page');
    expect(await frame.locator('body').innerText()).not.toContain('all good');
    await page.screenshot({ path: join(SHOTS, 'hostile-forged-inits.png') });
    expect(await page.evaluate(() => (window as any).__seen as string[])).toEqual([]);
    await page.close();
  });

  it('a page can read neither the frame nor the shadow root around it, nor reach the background', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${base}gmail-compose.html`);
    await page.locator('#reply directseal-button button').click();
    const frame = await secureFrame(page);
    await frame.getByRole('form', { name: 'Write a secure message' }).waitFor();
    await frame.getByRole('form', { name: 'Write a secure message' }).getByLabel('Message').fill(MARKER);
    const seen = await page.evaluate(async (id) => {
      const host = document.querySelector('directseal-frame');
      const attempts: Record<string, string> = {};
      const tryIt = (name: string, f: () => unknown) => {
        try {
          attempts[name] = `read: ${String(f())}`;
        } catch (e) {
          attempts[name] = `refused: ${(e as Error).name}`;
        }
      };
      tryIt('shadowRoot', () => host?.shadowRoot);
      // An iframe in a shadow root is not even among window.frames; any frame that is cannot be read.
      for (let i = 0; i < window.frames.length; i++) {
        tryIt(`frames[${i}].document`, () => window.frames[i]!.document.body.innerText);
        tryIt(`frames[${i}].location`, () => window.frames[i]!.location.href);
      }
      tryIt('iframe in the closed root', () => host?.querySelector('iframe')?.src);
      const runtime = (window as any).chrome?.runtime;
      attempts.runtime = typeof runtime?.sendMessage;
      if (runtime?.sendMessage) {
        try {
          await runtime.sendMessage(id, { ds: 'frame.open', start: { view: 'write', provider: 'x', suggestedRecipients: [] } });
          attempts.sendMessage = 'answered';
        } catch (e) {
          attempts.sendMessage = `refused: ${(e as Error).message}`;
        }
      }
      return { attempts, html: document.documentElement.outerHTML };
    }, ext.extensionId);
    expect(seen.attempts.shadowRoot).toBe('read: null');
    expect(seen.attempts['iframe in the closed root']).toBe('read: undefined');
    for (const [name, outcome] of Object.entries(seen.attempts).filter(([n]) => n.startsWith('frames['))) {
      expect(`${name} ${outcome}`).toMatch(/refused: SecurityError/);
    }
    expect(seen.attempts.sendMessage ?? 'no runtime for web pages').not.toBe('answered');
    expect(seen.html).not.toContain(MARKER);
    expect(seen.html).not.toContain(PHRASE);
    await page.close();
  });

  it('the real frame shows the user\'s security phrase; a look-alike drawn by the page cannot', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${base}gmail-compose.html`);
    // The page's fake: DirectSeal's name, a lock, and a passphrase box, but no phrase (it cannot know it).
    await page.evaluate(() => {
      const fake = document.createElement('div');
      fake.id = 'fake';
      fake.style.cssText = 'position:fixed;right:40px;bottom:40px;width:420px;padding:16px;background:#fff;border:1px solid #ccc;border-radius:14px;font:15px system-ui';
      fake.innerHTML = '<b>DirectSeal</b><p>Your keys are locked. Type your DirectSeal lock passphrase.</p><input type="password" aria-label="DirectSeal lock passphrase">';
      document.body.append(fake);
    });
    await page.screenshot({ path: join(SHOTS, 'hostile-lookalike.png') });
    expect(await page.locator('#fake').innerText()).not.toContain(PHRASE);
    await page.locator('#reply directseal-button button').click();
    const frame = await secureFrame(page);
    const indicator = frame.getByTestId('security-indicator');
    await indicator.waitFor();
    expect(await indicator.innerText()).toContain(PHRASE);
    await page.screenshot({ path: join(SHOTS, 'frame-indicator.png') });
    // The prompt for the lock passphrase, where a look-alike would ask for it, shows the phrase too.
    await service(ext, 'lock.lock');
    const form = frame.getByRole('form', { name: 'Write a secure message' });
    await form.getByLabel('Message').fill('Dear Pat, see you Tuesday.');
    await form.getByRole('button', { name: 'Seal message' }).click();
    const prompt = frame.getByRole('group', { name: 'Unlock your keys' });
    await prompt.waitFor();
    expect(await prompt.getByTestId('security-indicator').innerText()).toContain(PHRASE);
    await page.screenshot({ path: join(SHOTS, 'frame-unlock-indicator.png') });
    // The page cannot read it from anywhere it can reach.
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(PHRASE);
    await prompt.getByLabel('DirectSeal lock passphrase').fill(E2E_LOCK_PASSPHRASE);
    await prompt.getByRole('button', { name: 'Unlock and continue' }).click();
    await frame.getByRole('status').filter({ hasText: 'Attached to your draft' }).waitFor({ timeout: 30_000 });
    await page.close();
  });
});

/**
 * Issue 4 item 7: the provider adapters in a real Firefox, with the Firefox build (.output/firefox-mv2) loaded.
 * Debian's Firefox ESR (scripts/ensure-firefox.sh) is driven by puppeteer-core over WebDriver BiDi: no
 * geckodriver, no browser download. The saved-page fixtures of test/unit/adapters are served on 127.0.0.1, where
 * the webmail content script runs; for each provider this checks that the content script (adapters included,
 * as bundled for Firefox) placed its buttons where the adapter says, that "Secure" and "Open securely" open the
 * DirectSeal frame (secure.html from moz-extension://), and that attach() and setCoverNote() work on each
 * fixture's stand-in webmail script in Firefox (through the waiting sealed reply, which needs no keys).
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, ElementHandle, Frame, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

// puppeteer-core's ESM entry re-exports CommonJS-only internals; its `main` loads cleanly everywhere.
const puppeteer = createRequire(import.meta.url)('puppeteer-core') as typeof import('puppeteer-core').default;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FIREFOX = '/usr/bin/firefox-esr';
const EXTENSION_DIR = join(ROOT, '.output/firefox-mv2');
const FIXTURES = join(ROOT, 'test/fixtures/webmail');
const SHOTS = join(ROOT, 'artifacts/firefox');
const GECKO_ID = 'directseal@directseal.example';
/** Pinned so that the frame's address is known: moz-extension://<this>/secure.html. */
const EXTENSION_UUID = '5eed5ea1-0d1e-4c7a-9e2b-f1ef0c0a5e41';
const P7M = readFileSync(join(FIXTURES, 'smime.p7m'));

/** Builds the Firefox version unless a build is already there (npm test builds it in `build + lint firefox`). */
function ensureFirefoxBuild(): void {
  if (existsSync(join(EXTENSION_DIR, 'manifest.json'))) return;
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], { cwd: ROOT, stdio: 'inherit' });
}

/**
 * A private copy of the build, which Firefox then reads (a temporary add-on is read from its folder as it
 * runs): a `wxt build -b firefox` started meanwhile empties .output/firefox-mv2 and would pull the files away.
 * Copies again while the copy is incomplete (taken in the middle of such a rebuild).
 */
async function snapshotBuild(): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), 'directseal-firefox-'));
    try {
      cpSync(EXTENSION_DIR, dir, { recursive: true });
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { content_scripts?: { js: string[] }[]; background?: { scripts: string[] } };
      const files = ['secure.html', ...(manifest.background?.scripts ?? []), ...(manifest.content_scripts ?? []).flatMap((c) => c.js)];
      if (manifest.content_scripts?.length && files.every((f) => existsSync(join(dir, f)))) return dir;
    } catch {
      // Read in the middle of a rebuild: try again.
    }
    rmSync(dir, { recursive: true, force: true });
    if (attempt >= 10) throw new Error(`${EXTENSION_DIR} stayed incomplete (a build running all along?)`);
    await new Promise((r) => setTimeout(r, 3000));
  }
}

describe('webmail adapters in Firefox ESR with the Firefox build', () => {
  let server: Server;
  let base: string;
  let browser: Browser;
  let extensionCopy: string | undefined;
  /** Every request the fixture server got, as path + query. */
  const requests: string[] = [];
  const pages: Page[] = [];

  beforeAll(async () => {
    if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} is missing: run \`bash scripts/ensure-firefox.sh\` (npm test does it)`);
    ensureFirefoxBuild();
    extensionCopy = await snapshotBuild();
    mkdirSync(SHOTS, { recursive: true });
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      requests.push(url.pathname + url.search);
      // Roundcube's download link is a query on "/": `?_task=mail&_action=get...` answers with the sealed part.
      const name = url.pathname === '/' && url.searchParams.get('_action') === 'get' ? 'smime.p7m' : url.pathname.slice(1);
      try {
        const body = readFileSync(join(FIXTURES, name.replace(/[/\\]/g, '')));
        res.writeHead(200, { 'content-type': extname(name) === '.html' ? 'text/html; charset=utf-8' : 'application/pkcs7-mime' }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;

    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      defaultViewport: { width: 1280, height: 860 },
      extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }) },
    });
    expect(await browser.installExtension(extensionCopy)).toBe(GECKO_ID);
  }, 120_000);

  afterEach(async () => {
    await Promise.all(pages.splice(0).map((p) => p.close().catch(() => {})));
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
    if (extensionCopy) rmSync(extensionCopy, { recursive: true, force: true });
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage();
    pages.push(page);
    await page.goto(base + path, { waitUntil: 'load' });
    return page;
  }

  /** Waits until the content script placed `count` buttons of `kind`; returns, for each, the id of the nearest ancestor with one. */
  async function buttons(page: Page, kind: 'secure' | 'open' | 'reply', count: number): Promise<string[]> {
    const selector = `directseal-button[data-directseal="${kind}"]`;
    await page.waitForFunction((s, n) => document.querySelectorAll(s).length >= n, { timeout: 15_000 }, selector, count);
    // The scan is throttled (150 ms): give a stray second button the time to show up before counting.
    await new Promise((r) => setTimeout(r, 500));
    return page.$$eval(selector, (els) => els.map((el) => el.parentElement?.closest('[id]')?.id ?? ''));
  }

  async function click(host: ElementHandle<Element>): Promise<void> {
    const button = (await host.evaluateHandle((h) => h.shadowRoot!.querySelector('button')!)) as ElementHandle<HTMLButtonElement>;
    await button.click();
  }

  /** The note a button shows next to itself (in its open shadow root), once it says something. */
  async function noteOf(page: Page, host: ElementHandle<Element>): Promise<string> {
    await page.waitForFunction((h) => !!h.shadowRoot?.querySelector('.note')?.textContent, { timeout: 15_000 }, host);
    return host.evaluate((h) => h.shadowRoot!.querySelector('.note')!.textContent ?? '');
  }

  /**
   * The DirectSeal frame over the page. It sits in a closed shadow root, so the page cannot see its src; the
   * child browsing context can, from inside. (puppeteer's Frame.url() stays "about:blank" here: it takes the
   * URL from BiDi load events, and it got none for this moz-extension document, though Firefox's
   * browsingContext.getTree lists the frame with its moz-extension URL; so we ask the frame's own location.)
   */
  async function directSealFrame(page: Page): Promise<{ frame: Frame; href: string }> {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      for (const frame of page.frames()) {
        if (frame === page.mainFrame()) continue;
        const href = await frame.evaluate(() => location.href).catch(() => '');
        if (href.startsWith('moz-extension://') && href.includes('/secure.html')) return { frame, href };
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`no DirectSeal frame; frames: ${page.frames().map((f) => f.url()).join(', ')}`);
  }

  /**
   * The text secure.html shows once it has rendered. Polled with `evaluate` from the test's side: puppeteer's
   * waitForFunction builds a Function inside the page, which the moz-extension page's CSP refuses.
   */
  async function frameText(frame: Frame, expected: RegExp): Promise<string> {
    const deadline = Date.now() + 20_000;
    let text = '';
    while (Date.now() < deadline) {
      text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
      if (expected.test(text)) return text;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`secure.html never showed ${expected}; it showed: ${text.slice(0, 300)}`);
  }

  describe('buttons where each adapter finds a compose or a sealed message', () => {
    it('Gmail compose: "Secure" in the inline reply and in the compose dialog, after Send', async () => {
      const page = await open('gmail-compose.html');
      expect((await buttons(page, 'secure', 2)).sort()).toEqual(['dialog', 'reply']);
      // In the cell that holds Gmail's Send button, right after it (the adapter's toolbar).
      expect(await page.$$eval('directseal-button', (els) => els.map((el) => [el.parentElement?.matches('td.gU.Up'), el.previousElementSibling?.textContent]))).toEqual([
        [true, 'Send'],
        [true, 'Send'],
      ]);
      expect(await page.$$('directseal-button[data-directseal="open"]')).toHaveLength(0);
    });

    it('Gmail read: "Open securely" on the message with smime.p7m only', async () => {
      const page = await open('gmail-read.html');
      await buttons(page, 'open', 1);
      const owners = await page.$$eval('directseal-button[data-directseal="open"]', (els) => els.map((el) => el.closest('[data-legacy-message-id]')?.getAttribute('data-legacy-message-id')));
      expect(owners).toEqual(['18d7000000000002']);
      expect(await page.$$('directseal-button[data-directseal="secure"]')).toHaveLength(0);
    });

    it('Outlook compose: "Secure" after the Send split button', async () => {
      const page = await open('outlook-compose.html');
      await buttons(page, 'secure', 1);
      expect(await page.$eval('directseal-button', (el) => [el.parentElement?.getAttribute('aria-label'), el.previousElementSibling?.className])).toEqual(['Compose actions', 'fui-Button']);
    });

    it('Outlook read: "Open securely" on both listed smime.p7m chips (with and without a link), none on the S/MIME notice', async () => {
      const page = await open('outlook-read.html');
      expect(await buttons(page, 'open', 2)).toEqual(['m1', 'm2']);
    });

    it('Roundcube compose (_action=compose): "Secure" after Send', async () => {
      const page = await open('roundcube-compose.html?_task=mail&_action=compose&_id=1');
      await buttons(page, 'secure', 1);
      expect(await page.$eval('directseal-button', (el) => el.previousElementSibling?.matches('button.send'))).toBe(true);
    });

    it('Roundcube read (_action=preview): "Open securely" and "Reply securely" for smime.p7m', async () => {
      const page = await open('roundcube-read.html?_task=mail&_action=preview&_uid=7&_mbox=INBOX');
      await buttons(page, 'open', 1);
      await buttons(page, 'reply', 1);
      expect(await page.$$eval('directseal-button', (els) => els.map((el) => [el.parentElement?.tagName, el.getAttribute('data-directseal')]))).toEqual([
        ['H2', 'open'],
        ['H2', 'reply'],
      ]);
    });

    it('no button where no adapter applies: a Roundcube page without _task', async () => {
      const page = await open('roundcube-compose.html');
      // Let the content script run (document_idle) and its first scans pass.
      await new Promise((r) => setTimeout(r, 1500));
      expect(await page.$$('directseal-button')).toHaveLength(0);
    });
  });

  describe('the buttons open the DirectSeal frame from the extension', () => {
    it('"Secure" in Gmail\'s compose dialog opens secure.html (write view) over the page', async () => {
      const page = await open('gmail-compose.html');
      await buttons(page, 'secure', 2);
      await click((await page.$('#dialog directseal-button'))!);
      const { frame, href } = await directSealFrame(page);
      expect(href).toMatch(new RegExp(`^moz-extension://${EXTENSION_UUID}/secure\\.html\\?view=write&embed=1#`));
      // secure.html ran in Firefox and got its init from the content script: with no identity yet it says so.
      expect(await frameText(frame, /Direct identity/)).toMatch(/You need a Direct identity/);
      expect(await page.$$('directseal-frame')).toHaveLength(1);
      await page.screenshot({ path: join(SHOTS, 'gmail-compose-secure-frame.png') });
    });

    it('"Secure" in Outlook takes the typed subject and text out of the page before the frame shows', async () => {
      const page = await open('outlook-compose.html');
      await buttons(page, 'secure', 1);
      expect(await page.content()).toContain('potassium');
      await click((await page.$('directseal-button'))!);
      await directSealFrame(page);
      expect(await page.$eval('input[aria-label="Add a subject"]', (el) => (el as HTMLInputElement).value)).toBe('');
      expect(await page.content()).not.toContain('potassium');
    });

    it('"Open securely" in Roundcube fetches smime.p7m with _download=1 and opens secure.html (read view)', async () => {
      requests.length = 0;
      const page = await open('roundcube-read.html?_task=mail&_action=preview&_uid=7&_mbox=INBOX');
      await buttons(page, 'open', 1);
      await click((await page.$('directseal-button'))!);
      const { frame, href } = await directSealFrame(page);
      expect(href).toMatch(new RegExp(`^moz-extension://${EXTENSION_UUID}/secure\\.html\\?view=read&embed=1#`));
      // The frame got the bytes and tried to open them: with no identity in this profile, it says so.
      expect(await frameText(frame, /No Direct identity/)).toMatch(/No Direct identity is set up for this address/);
      const get = requests.filter((r) => r.includes('_action=get'));
      expect(get).toHaveLength(1);
      expect(Object.fromEntries(new URL(get[0]!, base).searchParams)).toMatchObject({ _part: '3', _download: '1', _token: 'tok123' });
      await page.screenshot({ path: join(SHOTS, 'roundcube-read-open-frame.png') });
    });

    it('"Open securely" on the Outlook chip without a link says how to get the file, and opens nothing', async () => {
      const page = await open('outlook-read.html');
      await buttons(page, 'open', 2);
      const host = (await page.$('#m1 directseal-button'))!;
      await click(host);
      expect(await noteOf(page, host)).toMatch(/Download command.*Open a file/);
      expect(await page.$$('directseal-frame')).toHaveLength(0);
    });
  });

  describe("attach() and setCoverNote() against each fixture's webmail stand-in", () => {
    /**
     * A sealed reply waiting in the extension's storage is attached by the content script to the next compose
     * view it finds, with the cover note (entrypoints/webmail.content/pending-reply.ts). It is planted from
     * inside the extension (the frame's secure.html, which has the `browser` API), so no keys are needed.
     */
    async function plantReply(): Promise<void> {
      const page = await open('gmail-read.html');
      await buttons(page, 'open', 1);
      await click((await page.$('directseal-button'))!);
      const { frame } = await directSealFrame(page);
      await frame.evaluate(
        (p7m) =>
          (globalThis as unknown as { browser: { storage: { local: { set(v: object): Promise<void> } } } }).browser.storage.local.set({
            'directseal.pendingReply': { p7m, filename: 'smime.p7m', coverSubject: 'Secure message', coverBody: 'You have a secure message.', createdAt: Date.now() },
          }),
        [...P7M],
      );
      await page.close();
    }

    /** Opens a fixture, recording in the page's own world how many files each drop event hands it. */
    async function openRecordingDrops(path: string): Promise<Page> {
      const page = await browser.newPage();
      pages.push(page);
      await page.evaluateOnNewDocument(() => {
        const w = window as unknown as { __drops: number[] };
        w.__drops = [];
        window.addEventListener('drop', (e) => w.__drops.push(e.dataTransfer?.files.length ?? -1), true);
      });
      await page.goto(base + path, { waitUntil: 'load' });
      return page;
    }

    async function dropsSeenByPage(page: Page): Promise<number[]> {
      await page.waitForFunction(() => (window as unknown as { __drops: number[] }).__drops.length > 0, { timeout: 15_000 });
      return page.evaluate(() => (window as unknown as { __drops: number[] }).__drops);
    }

    it('Roundcube: the file goes through the upload input, and the subject and body become the cover note', async () => {
      await plantReply();
      const page = await open('roundcube-compose.html?_task=mail&_action=compose&_id=1');
      await page.waitForSelector('#attachment-list li[id^="rcmfile"] .attachment-name', { timeout: 15_000 });
      expect(await page.$$eval('#attachment-list li', (lis) => lis.map((li) => li.textContent?.trim().split(/\s/)[0]))).toEqual(['smime.p7m']);
      await page.waitForFunction(() => document.querySelector<HTMLInputElement>('#compose-subject')!.value === 'Secure message', { timeout: 15_000 });
      expect(await page.$eval('#composebody', (el) => (el as HTMLTextAreaElement).value)).toBe('You have a secure message.');
      // Sealed: marked, and the cover note locked.
      await page.waitForSelector('directseal-sealed[data-state="sealed"]', { timeout: 15_000 });
      expect(await page.$eval('#compose-subject', (el) => (el as HTMLInputElement).readOnly)).toBe(true);
      expect(await page.$eval('#composebody', (el) => (el as HTMLTextAreaElement).readOnly)).toBe(true);
    });

    /*
     * Gmail and Outlook take the file by a synthetic drop. Firefox hides a content script's own DataTransfer
     * items from the page, so files.ts builds it with the page's constructor there (pageDataTransfer); and a
     * waiting reply goes into one compose only (pending-reply.ts serializes takeReply). Both were found here.
     */
    it('Outlook: the file is dropped on the body, uploaded, and the subject and body become the cover note', async () => {
      await plantReply();
      const page = await openRecordingDrops('outlook-compose.html');
      expect(await dropsSeenByPage(page)).toEqual([1]);
      await page.waitForSelector('[role="listbox"][aria-label="Attachments"] [role="option"][title="smime.p7m"]:not(:has([role="progressbar"]))', { timeout: 15_000 });
      await page.waitForFunction(() => document.querySelector<HTMLInputElement>('input[aria-label="Add a subject"]')!.value === 'Secure message', { timeout: 15_000 });
      expect(await page.$eval('[aria-label^="Message body"]', (el) => (el as HTMLElement).innerText.trim())).toBe('You have a secure message.');
      expect(await page.content()).not.toContain('potassium');
    });

    it('Gmail: the file is dropped on the drop zone Gmail shows, into one compose only, with its cover note', async () => {
      await plantReply();
      const page = await openRecordingDrops('gmail-compose.html');
      expect(await dropsSeenByPage(page)).toEqual([1]);
      await page.waitForSelector('.M9 .GM .dL:not(:has([role="progressbar"]))', { timeout: 15_000 });
      await new Promise((r) => setTimeout(r, 1000));
      const chips = await page.$$eval('.M9 .GM .dL', (els) => els.map((el) => [el.closest('.M9')!.id, el.textContent]));
      expect(chips).toHaveLength(1);
      expect(chips[0]![1]).toBe('smime.p7m');
      const compose = chips[0]![0];
      await page.waitForFunction((id) => document.querySelector<HTMLInputElement>(`#${id} input.aoT`)!.value === 'Secure message', { timeout: 15_000 }, compose);
      expect(await page.$eval(`#${compose} [role="textbox"][contenteditable]`, (el) => (el as HTMLElement).innerText.trim())).toBe('You have a secure message.');
      await page.screenshot({ path: join(SHOTS, 'gmail-compose-attached.png') });
    });
  });
});

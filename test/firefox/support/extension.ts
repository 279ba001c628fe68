/**
 * The Firefox build in Firefox ESR through puppeteer-core (WebDriver BiDi), as the Firefox suites drive it: a
 * private copy of the add-on installed at a fixed moz-extension UUID, a page of its own, the key service asked
 * from that page, and the page's text polled from the test's side (a moz-extension page's CSP refuses
 * puppeteer's waitForFunction).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';

const puppeteer = createRequire(import.meta.url)('puppeteer-core') as typeof import('puppeteer-core').default;
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const FIREFOX = '/usr/bin/firefox-esr';
const GECKO_ID = 'directseal@directseal.example';
const UUID = '0b1c5ea1-9d1e-4c7a-9e2b-f1ef0c0a5e42';

export interface FirefoxExtension {
  browser: Browser;
  page: Page;
  url(path: string): string;
  /** Navigates the page to one of the add-on's pages and waits for `expected` in its text. */
  show(path: string, expected: RegExp): Promise<string>;
  /** Asks the key service from the page; fails the test on a refusal. */
  service<T = unknown>(type: string, request?: object): Promise<T>;
  textUntil(expected: RegExp): Promise<string>;
}

/**
 * `profileDir`: a profile of the test's own, kept after the browser closes (the disk test reads its files, and
 * a second launch on it finds the add-on's storage as it was left: same UUID, storage kept when the temporary
 * add-on is removed at shutdown).
 */
export async function launchFirefoxExtension(work: string, options: { profileDir?: string } = {}): Promise<FirefoxExtension> {
  if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} is missing: run \`bash scripts/ensure-firefox.sh\` (npm test does it)`);
  if (!existsSync(join(ROOT, '.output/firefox-mv2/manifest.json'))) execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], { cwd: ROOT, stdio: 'inherit' });
  // A private copy: a rebuild meanwhile would pull the files away from the running add-on.
  cpSync(join(ROOT, '.output/firefox-mv2'), join(work, 'ext'), { recursive: true });
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }),
      'extensions.webextensions.keepStorageOnUninstall': true,
      'extensions.webextensions.keepUuidOnUninstall': true,
    },
    ...(options.profileDir ? { userDataDir: options.profileDir } : {}),
  });
  await browser.installExtension(join(work, 'ext'));
  const page = await browser.newPage();
  const url = (path: string) => `moz-extension://${UUID}/${path}`;
  const textUntil = async (expected: RegExp): Promise<string> => {
    let text = '';
    for (let i = 0; i < 120; i++) {
      text = await page.evaluate(() => document.body?.innerText ?? '');
      if (expected.test(text)) return text;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`not shown: ${expected}; the page says: ${text.slice(0, 500)}`);
  };
  return {
    browser,
    page,
    url,
    textUntil,
    async show(path, expected) {
      // WebDriver BiDi does not report a moz-extension page's load: navigate, then wait for the page's own text.
      await page.goto(url(path), { waitUntil: 'domcontentloaded', timeout: 5000 }).catch(() => undefined);
      return textUntil(expected);
    },
    async service<T>(type: string, request: object = {}): Promise<T> {
      const out = (await page.evaluate((m) => (globalThis as any).browser.runtime.sendMessage(m), { ...request, type })) as { ok: boolean; value?: T; error?: unknown };
      if (!out.ok) throw new Error(`${type}: ${JSON.stringify(out.error)}`);
      return out.value as T;
    },
  };
}

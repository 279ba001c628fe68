/**
 * Loads the built extension into Debian's Chromium through playwright-core (no browser download).
 * Used by the e2e tests and by `npm start`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3');

export interface LaunchedExtension {
  context: BrowserContext;
  /** The id Chromium derives from the extension folder's path: stable between runs. */
  extensionId: string;
  serviceWorker: Worker;
  /** `chrome-extension://ID/path` */
  url(path: string): string;
  close(): Promise<void>;
}

/** Builds the Chromium extension unless a build is already there. */
/** The pseudo-locale build (`npm run build:pseudo`), which test/e2e/pseudo-build.test.ts loads. */
export const PSEUDO_EXTENSION_DIR = join(ROOT, '.output/chrome-mv3-pseudo');

export function ensureBuilt(dir = EXTENSION_DIR): void {
  if (existsSync(join(dir, 'manifest.json'))) return;
  execFileSync('npx', ['wxt', 'build', ...(dir === PSEUDO_EXTENSION_DIR ? ['--mode', 'pseudo'] : [])], { cwd: ROOT, stdio: 'inherit' });
}

/**
 * `keepSetup`: leave the setup tab a new install opens (entrypoints/background.ts) for the test to drive;
 * otherwise it is closed before this returns, so tests start from the pages they open themselves.
 */
export async function launchExtension(
  opts: { profileDir?: string; headless?: boolean; keepSetup?: boolean; extensionDir?: string } = {},
): Promise<LaunchedExtension> {
  const extensionDir = opts.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run \`bash scripts/ensure-chromium.sh\` (npm test does it)`);
  }
  ensureBuilt(extensionDir);
  const headless = opts.headless ?? true;
  const ownProfile = opts.profileDir === undefined;
  const profileDir = opts.profileDir ?? mkdtempSync(join(tmpdir(), 'directseal-profile-'));
  const freshInstall = ownProfile || !existsSync(join(profileDir, 'Default'));

  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless,
    viewport: { width: 1280, height: 860 },
    args: [
      ...(headless ? ['--headless=new'] : []),
      // Playwright passes --disable-extensions itself; this flag is what lets ours load.
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

  const removeProfile = () => {
    if (ownProfile) rmSync(profileDir, { recursive: true, force: true });
  };
  try {
    const serviceWorker =
      context.serviceWorkers().find(isOurs) ??
      (await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 30_000 }));
    const extensionId = new URL(serviceWorker.url()).host;
    if (freshInstall && !opts.keepSetup) await closeSetupTab(context);
    return {
      context,
      extensionId,
      serviceWorker,
      url: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
      async close() {
        await context.close();
        removeProfile();
      },
    };
  } catch (e) {
    await context.close().catch(() => {});
    removeProfile();
    throw e;
  }
}

/** The setup tab opens a moment after install; it is closed once it appears (or after 10 s without it). */
async function closeSetupTab(context: BrowserContext): Promise<void> {
  const isSetup = (p: Page) => p.url().endsWith('/setup.html');
  for (let waited = 0; waited < 10_000; waited += 100) {
    const setup = context.pages().find(isSetup);
    if (setup) return setup.close();
    await new Promise((r) => setTimeout(r, 100));
  }
}

function isOurs(worker: Worker): boolean {
  return worker.url().startsWith('chrome-extension://') && worker.url().endsWith('/background.js');
}

/** The setup tab the background opened at install. */
export async function setupTab(ext: LaunchedExtension): Promise<Page> {
  for (let waited = 0; waited < 15_000; waited += 100) {
    const page = ext.context.pages().find((p) => p.url().endsWith('/setup.html'));
    if (page) return page;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the install did not open setup.html');
}

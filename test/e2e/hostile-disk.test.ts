/**
 * Someone with the disk: after each flow that handles a private key (import, key creation, the passphrase set
 * on an earlier version's install, an earlier version's lock turned on after its import, a draft saved, a
 * backup exported), the browser is closed and every file of
 * its profile is searched for the key's PKCS#8, p, q and d: raw, hex, base64 (each byte alignment), as bytes
 * and as UTF-16 (how IndexedDB stores strings). None may be there.
 *
 * The scanner is shown to work on the way earlier versions stored keys: an install planted exactly as they
 * wrote it (the KEK and clear CryptoKeys in IndexedDB) is found, and is clean after the passphrase is set,
 * every file included, even with the clear key planted in a file that LevelDB would keep in its directory
 * (the rewrite stages the sealed records in the extension's Cache Storage and removes IndexedDB's files whole).
 */
import { createPrivateKey } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { earlierInstallOf, lockAsEarlierVersionIn, plantEarlierInstall } from '../support/earlier-version';
import { publicModulus, secretsOf, secretsOnDisk, type KeySecrets } from '../support/profile-scan';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { launchExtension, ROOT, type LaunchedExtension } from './support/browser';
import { serveFolder } from './support/fixture-site';
import { E2E_LOCK_PASSPHRASE, provision, service } from './support/service';


declare const chrome: typeof import('wxt/browser').browser;

const b64 = (path: string) => readFileSync(path).toString('base64');

/**
 * The vault secrets the unlocked sessions held (read from storage.session before each close): with one of
 * them a disk reader could open every key, so they must not be on disk either; nor the passphrase.
 */
const seenVaults: Buffer[] = [];
/** The doctor's public modulus, which every profile scanned here holds (set in the describe's beforeAll). */
let doctorModulus: Buffer;

/** The secrets found in the profile's files ("label part form @ file"); the doctor's public modulus must be there. */
function scanProfile(profileDir: string, keys: KeySecrets[], extra: Record<string, string> = {}): string[] {
  const texts = { ...extra, 'lock passphrase': E2E_LOCK_PASSPHRASE };
  return secretsOnDisk(profileDir, { secrets: keys, vaults: seenVaults, texts, present: { 'doctor modulus': doctorModulus } });
}

/** Runs `flow` in a browser on `profileDir`, then closes it, so the profile's files are what a disk holds. */
async function inBrowser<T>(profileDir: string, flow: (ext: LaunchedExtension) => Promise<T>): Promise<T> {
  const ext = await launchExtension({ profileDir });
  try {
    const result = await flow(ext);
    const kept = await sessionVault(ext);
    if (kept) seenVaults.push(kept);
    return result;
  } finally {
    await ext.context.close();
  }
}

/** The vault secret the background keeps in storage.session while unlocked (components/security/session-keeper.ts). */
async function sessionVault(ext: LaunchedExtension): Promise<Buffer | undefined> {
  const worker = ext.context.serviceWorkers().find((w) => w.url().endsWith('/background.js')) ?? ext.serviceWorker;
  const kept = (await worker.evaluate(() => chrome.storage.session.get('directseal.session'))) as Record<string, { vault?: string } | undefined>;
  const vault = kept['directseal.session']?.vault;
  return vault ? Buffer.from(vault, 'base64') : undefined;
}

describe('a disk reader finds no key in the profile', () => {
  let pki: TestPki;
  let doctor: KeySecrets;
  const dirs: string[] = [];
  const profile = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ds-hostile-disk-'));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    pki = await makeTestPki(mkdtempSync(join(tmpdir(), 'ds-e2e-pki-')));
    doctor = secretsOf('doctor', readFileSync(pki.doctor.keyPem));
    doctorModulus = publicModulus(readFileSync(pki.doctor.certPem));
  });
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('the scanner finds the key where an earlier version stored it, and nothing after the passphrase is set', async () => {
    const dir = profile();
    await inBrowser(dir, async (ext) => {
      await service(ext, 'lock.status'); // the background creates the database, as any version did at its first start
      await plantEarlierVersionInstall(ext, pki);
    });
    const before = scanProfile(dir, [doctor]);
    expect(before.some((h) => h.startsWith('doctor pkcs8 raw') || h.startsWith('doctor d raw'))).toBe(true);
    // What LevelDB was seen to do (clean CI runs, not every run): keep an earlier clear value in a file of
    // its directory after the database was rewritten. Made certain here: only removing the directory removes it.
    const kept = plantFileLevelDbKeeps(dir, readFileSync(pki.doctor.keyPem));
    expect(scanProfile(dir, [doctor]).some((h) => h.endsWith(kept))).toBe(true);

    await inBrowser(dir, async (ext) => {
      // It keeps working, and says its keys are not protected.
      expect(await service(ext, 'lock.status')).toMatchObject({ mode: 'unprotected', earlierVersion: true });
      expect(await service(ext, 'identities.list')).toMatchObject([{ address: pki.doctor.address, protection: 'none' }]);
      await shootOptions(ext, 'keys-earlier-install.png', pki.doctor.address);
      await provision(ext); // the passphrase set: the database is rewritten
      expect(await service(ext, 'lock.status')).toMatchObject({ mode: 'passphrase', unlocked: true, earlierVersion: false });
      expect(await service(ext, 'identities.list')).toMatchObject([{ address: pki.doctor.address, protection: 'passphrase' }]);
      const kept = await service(ext, 'identities.exportBackup', { id: 'legacy-1', lockPassphrase: E2E_LOCK_PASSPHRASE });
      expect(Buffer.from(kept.p12, 'base64').equals(readFileSync(pki.doctor.p12))).toBe(true);
      expect(await stagedRewrite(ext)).toBeUndefined(); // the sealed copy staged in Cache Storage is gone too
      await shootOptions(ext, 'keys-rewritten.png', pki.doctor.address);
    });
    expect(scanProfile(dir, [doctor])).toEqual([]);
  });

  it('an earlier version\'s lock turned on after the import left the key in LevelDB; the next unlock removes it', async () => {
    const dir = profile();
    await inBrowser(dir, async (ext) => {
      await service(ext, 'lock.status');
      await plantEarlierVersionInstall(ext, pki);
      await lockAsEarlierVersion(ext, E2E_LOCK_PASSPHRASE);
    });
    // The record now holds only the passphrase-wrapped key, but the old values are still in the files.
    expect(scanProfile(dir, [doctor]).some((h) => h.startsWith('doctor d raw'))).toBe(true);
    plantFileLevelDbKeeps(dir, readFileSync(pki.doctor.keyPem));

    await inBrowser(dir, async (ext) => {
      expect(await service(ext, 'lock.status')).toMatchObject({ mode: 'passphrase', unlocked: false, earlierVersion: true });
      await provision(ext); // unlock: the database is rewritten
      expect(await service(ext, 'lock.status')).toMatchObject({ mode: 'passphrase', unlocked: true, earlierVersion: false });
      expect(await service(ext, 'identities.list')).toMatchObject([{ address: pki.doctor.address, protection: 'passphrase' }]);
      expect(await stagedRewrite(ext)).toBeUndefined();
    });
    // Every file, LevelDB's sorted tables (.ldb) included: the rewrite removes the origin's IndexedDB directory.
    expect(scanProfile(dir, [doctor])).toEqual([]);
  });

  it('a rewrite stopped after the erase is finished at the next start from the staged copy', async () => {
    const dir = profile();
    await inBrowser(dir, async (ext) => {
      await provision(ext);
      await service(ext, 'identities.importP12', { p12: b64(pki.doctor.p12), passphrase: pki.password });
      await stageAndEraseAsACrashWould(ext);
    });
    await inBrowser(dir, async (ext) => {
      await provision(ext); // the start finished the move; unlock
      const [identity] = await service(ext, 'identities.list');
      expect(identity).toMatchObject({ address: pki.doctor.address, protection: 'passphrase' });
      const kept = await service(ext, 'identities.exportBackup', { id: identity.id, lockPassphrase: E2E_LOCK_PASSPHRASE });
      expect(Buffer.from(kept.p12, 'base64').equals(readFileSync(pki.doctor.p12))).toBe(true);
      expect(await stagedRewrite(ext)).toBeUndefined();
    });
    expect(scanProfile(dir, [doctor])).toEqual([]);
  });

  it('a "staged rewrite" a content script writes where it can (storage.local) is not taken for the key store', async () => {
    const dir = profile();
    const site = await serveFolder(join(ROOT, 'test/fixtures/webmail'));
    try {
      await inBrowser(dir, async (ext) => {
        await provision(ext);
        await service(ext, 'identities.importP12', { p12: b64(pki.doctor.p12), passphrase: pki.password });
        const page = await ext.context.newPage();
        await page.goto(`${site.base}gmail-read.html`);
        // A content script in the web page (its isolated world): it shares the extension's storage.local.
        const written = await ext.serviceWorker.evaluate(async (url: string) => {
          const [tab] = await chrome.tabs.query({ url: `${url}*` });
          const [result] = await chrome.scripting.executeScript({
            target: { tabId: tab!.id! },
            func: async () => {
              await chrome.storage.local.set({ 'directseal.rewrite': { ready: true, records: { identities: [], anchors: [] } } });
              return Object.keys(await chrome.storage.local.get('directseal.rewrite'));
            },
          });
          return result!.result;
        }, site.base);
        expect(written).toEqual(['directseal.rewrite']);
        await page.close();
      });
      await inBrowser(dir, async (ext) => {
        await provision(ext);
        const identities = await service(ext, 'identities.list');
        expect(identities.map((i: { address: string }) => i.address)).toEqual([pki.doctor.address]);
      });
    } finally {
      site.server.close();
    }
  });

  it('after a .p12 import, key creation, a draft saved and a backup exported', async () => {
    const dir = profile();
    await inBrowser(dir, async (ext) => {
      await provision(ext);
      await service(ext, 'identities.importP12', { p12: b64(pki.doctor.p12), passphrase: pki.password });
    });
    expect(seenVaults.length).toBeGreaterThan(0); // the unlocked session's secret is in the scan too
    expect(scanProfile(dir, [doctor]), 'after the import').toEqual([]);

    const backupPassphrase = 'backup passphrase for the disk test';
    const made = await inBrowser(dir, async (ext) => {
      await provision(ext); // a new browser session: unlock
      return service(ext, 'identities.generate', { address: 'new.key@doctor.test', modulusLength: 2048, backupPassphrase });
    });
    const backupPath = join(dir, '..', `ds-disk-backup-${Date.now()}.p12`);
    writeFileSync(backupPath, Buffer.from(made.backupP12, 'base64'));
    const generatedPem = execFileSync('openssl', ['pkcs12', '-in', backupPath, '-passin', `pass:${backupPassphrase}`, '-nocerts', '-nodes']);
    rmSync(backupPath);
    const generated = secretsOf('generated', generatedPem);
    expect(scanProfile(dir, [doctor, generated]), 'after key creation').toEqual([]);

    const marker = 'DRAFT-MARKER potassium 7.1 for the disk test';
    await inBrowser(dir, async (ext) => {
      await provision(ext);
      await service(ext, 'drafts.save', { id: 'disk-draft', draft: { from: pki.doctor.address, to: pki.patient.address, subject: marker, text: marker, attachments: [] } });
      expect(await service(ext, 'drafts.list')).toMatchObject([{ id: 'disk-draft' }]);
    });
    expect(scanProfile(dir, [doctor, generated], { draft: marker }), 'after a draft was saved').toEqual([]);

    await inBrowser(dir, async (ext) => {
      await provision(ext);
      const [identity] = await service(ext, 'identities.list');
      const fresh = await service(ext, 'identities.exportBackup', { id: identity.id, passphrase: 'a new backup passphrase', lockPassphrase: E2E_LOCK_PASSPHRASE });
      expect(fresh.p12.length).toBeGreaterThan(100);
    });
    expect(scanProfile(dir, [doctor, generated], { draft: marker }), 'after a backup export').toEqual([]);
  });
});

/** What the user sees of the move: the options page, saved under artifacts/e2e/. */
async function shootOptions(ext: LaunchedExtension, file: string, address: string): Promise<void> {
  const shots = join(ROOT, 'artifacts/e2e');
  mkdirSync(shots, { recursive: true });
  const page = await ext.context.newPage();
  await page.goto(ext.url('options.html'));
  await page.getByText(address).first().waitFor(); // the identity list has loaded
  await page.screenshot({ path: join(shots, file), fullPage: true });
  await page.close();
}

/** Where the rewrite stages its copy (components/security/rewrite-support.ts): the extension's Cache Storage. */
const STAGED = { cache: 'directseal-rewrite', url: `https://staging.directseal.invalid/${encodeURIComponent('directseal.rewrite')}` };

/** The rewrite's staged copy (utils/store/rewrite.ts STAGED_REWRITE_KEY), if any is left. */
async function stagedRewrite(ext: LaunchedExtension): Promise<unknown> {
  const worker = ext.context.serviceWorkers().find((w) => w.url().endsWith('/background.js')) ?? ext.serviceWorker;
  return worker.evaluate(async ({ cache, url }) => {
    const found = await (await caches.open(cache)).match(url);
    return found ? found.json() : undefined;
  }, STAGED);
}

/**
 * Leaves the profile as a rewrite that stopped between its erase and its refill would (utils/store/rewrite.ts):
 * every record staged in Cache Storage, ready, in the staging encoding (bytes as base64), and no database.
 */
async function stageAndEraseAsACrashWould(ext: LaunchedExtension): Promise<void> {
  const page = await ext.context.newPage();
  await page.goto(ext.url('popup.html'));
  await page.evaluate(async ({ cache, url }) => {
    const encode = (v: unknown): unknown => {
      if (v instanceof Uint8Array) return { $bytes: btoa(String.fromCharCode(...v)) };
      if (Array.isArray(v)) return v.map(encode);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, encode(x)]));
      return v;
    };
    const done = (r: IDBRequest | IDBTransaction) => new Promise((resolve, reject) => {
      if (r instanceof IDBTransaction) r.oncomplete = resolve;
      else r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const open = indexedDB.open('directseal');
    const db = (await done(open)) as IDBDatabase;
    const names = [...db.objectStoreNames];
    const records: Record<string, unknown> = {};
    for (const name of names) {
      const store = db.transaction(name).objectStore(name);
      const [keys, values] = [(await done(store.getAllKeys())) as unknown[], (await done(store.getAll())) as unknown[]];
      records[name] = keys.map((k, i) => [k, encode(values[i])]);
    }
    db.close();
    await (await caches.open(cache)).put(url, new Response(JSON.stringify({ ready: true, records })));
    await done(indexedDB.deleteDatabase('directseal')); // the background's connection closes on versionchange
  }, STAGED);
  await page.close();
}

/**
 * Puts the clear key, as an earlier version's records held it, into a file of the extension's IndexedDB
 * LevelDB directory that LevelDB itself never removes (its name is not one LevelDB manages), while the
 * browser is closed. Returns the file's name.
 */
function plantFileLevelDbKeeps(profileDir: string, keyPem: Buffer): string {
  const root = join(profileDir, 'Default', 'IndexedDB');
  const levelDb = readdirSync(root).find((name) => name.startsWith('chrome-extension_') && name.endsWith('.indexeddb.leveldb'));
  expect(levelDb, 'the extension\'s IndexedDB directory').toBeDefined();
  const name = 'kept-by-leveldb.ldb';
  writeFileSync(join(root, levelDb!, name), createPrivateKey(keyPem).export({ format: 'der', type: 'pkcs8' }));
  return name;
}

/** An earlier version's install (test/support/earlier-version.ts), planted from the popup page. */
async function plantEarlierVersionInstall(ext: LaunchedExtension, pki: TestPki): Promise<void> {
  const page = await ext.context.newPage();
  await page.goto(ext.url('popup.html'));
  await page.evaluate(plantEarlierInstall, earlierInstallOf(pki));
  await page.close();
}

/** The earlier version's lock turned on over the planted install (test/support/earlier-version.ts). */
async function lockAsEarlierVersion(ext: LaunchedExtension, passphrase: string): Promise<void> {
  const page = await ext.context.newPage();
  await page.goto(ext.url('popup.html'));
  await page.evaluate(lockAsEarlierVersionIn, passphrase);
  await page.close();
}



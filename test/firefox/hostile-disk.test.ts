/**
 * Someone with the disk, in Firefox ESR with the Firefox build: after each flow that handles a private key, the
 * browser is closed and every file of its profile (Firefox keeps IndexedDB in SQLite files, with their WAL) is
 * searched for the key's PKCS#8, p, q and d in every form (test/support/profile-scan.ts), for the unlocked
 * session's vault secret, the lock passphrase and a draft's text. None may be there.
 *
 * The scanner is shown to work on Firefox's files first: an earlier version's install, planted as it was
 * written (a KEK and clear CryptoKeys, which Firefox serializes with their key material), is found. Setting the
 * passphrase then rewrites the store, and Firefox deletes the database with its SQLite file: nothing is left.
 * What the search can miss: Firefox compresses each IndexedDB value (snappy), which turns repeated runs inside a
 * value into back-references, so a key written as text (hex, base64) could escape it. Key bytes themselves are
 * random, without such repeats, and are found (the planted install shows it); DirectSeal writes no key as text.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { earlierInstallOf, plantEarlierInstall } from '../support/earlier-version';
import { publicModulus, secretsOf, secretsOnDisk, type KeySecrets } from '../support/profile-scan';
import { provisionVia } from '../e2e/support/service';
import { launchFirefoxExtension, type FirefoxExtension } from './support/extension';

const LOCK_PASSPHRASE = 'firefox disk test lock passphrase';
/** Several Firefox starts in one test (each about 7 s here, more on a busy machine). */
const DISK_FLOW_TIMEOUT = 240_000;
const b64 = (path: string) => readFileSync(path).toString('base64');

let work: string;
let pki: TestPki;
let doctor: KeySecrets;
/** The vault secrets the unlocked sessions held (storage.session, read before each close): as good as every key. */
const seenVaults: Buffer[] = [];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'directseal-ff-disk-'));
  pki = await makeTestPki(join(work, 'pki'));
  doctor = secretsOf('doctor', readFileSync(pki.doctor.keyPem));
}, 120_000);
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

let profiles = 0;
const newProfile = () => join(work, `profile-${++profiles}`);

/** Runs `flow` in Firefox on `profileDir`, keeps the session's vault secret, then closes Firefox. */
async function inFirefox<T>(profileDir: string, flow: (ff: FirefoxExtension) => Promise<T>): Promise<T> {
  const ff = await launchFirefoxExtension(mkdtempSync(join(work, 'ext-')), { profileDir });
  try {
    await ff.show('popup.html', /DirectSeal/);
    const result = await flow(ff);
    const kept = (await ff.page.evaluate(() => (globalThis as any).browser.storage.session.get('directseal.session'))) as Record<string, { vault?: string } | undefined>;
    const vault = kept['directseal.session']?.vault;
    if (vault) seenVaults.push(Buffer.from(vault, 'base64'));
    return result;
  } finally {
    await ff.browser.close();
  }
}

/** Sets the lock passphrase on a new or unprotected install, or unlocks one that has it. */
function provision(ff: FirefoxExtension): Promise<void> {
  return provisionVia((type, request) => ff.service(type, request), LOCK_PASSPHRASE);
}

/**
 * The secrets found in the profile's files. The doctor's public modulus must be found raw: the add-on's store
 * was written and kept (Firefox removes a temporary add-on at shutdown; its storage must stay for this to mean
 * anything).
 */
function scan(profileDir: string, keys: KeySecrets[], extra: Record<string, string> = {}): string[] {
  const texts = { ...extra, 'lock passphrase': LOCK_PASSPHRASE };
  return secretsOnDisk(profileDir, { secrets: keys, vaults: seenVaults, texts, present: { 'doctor modulus': publicModulus(readFileSync(pki.doctor.certPem)) } });
}

describe('a disk reader finds no key in the Firefox profile', () => {
  it('the scanner finds the key where an earlier version stored it, and nothing after the passphrase is set', async () => {
    const dir = newProfile();
    await inFirefox(dir, async (ff) => {
      await ff.service('lock.status'); // the background has made its database, as every version did at its first start
      await ff.page.evaluate(plantEarlierInstall, earlierInstallOf(pki));
    });
    const before = scan(dir, [doctor]);
    // Found in the extension's own IndexedDB file: the clear CryptoKeys as Firefox wrote them.
    expect(before.filter((h) => /^doctor (pkcs8|p|q|d) raw(\[[^\]]*\])? @ storage\/default\/moz-extension\+\+\+[^/]+\/idb\/[^/]+\.sqlite/.test(h))).not.toEqual([]);

    await inFirefox(dir, async (ff) => {
      expect(await ff.service('lock.status')).toMatchObject({ mode: 'unprotected', earlierVersion: true });
      await provision(ff); // the passphrase set: the store is rewritten
      expect(await ff.service('lock.status')).toMatchObject({ mode: 'passphrase', unlocked: true, earlierVersion: false });
      expect(await ff.service('identities.list')).toMatchObject([{ address: pki.doctor.address, protection: 'passphrase' }]);
      const kept = await ff.service<{ p12: string }>('identities.exportBackup', { id: 'legacy-1', lockPassphrase: LOCK_PASSPHRASE });
      expect(Buffer.from(kept.p12, 'base64').equals(readFileSync(pki.doctor.p12))).toBe(true);
    });
    expect(scan(dir, [doctor])).toEqual([]);

    // And the key still opens after a restart, from the store as rewritten.
    await inFirefox(dir, async (ff) => {
      await provision(ff);
      expect(await ff.service('identities.list')).toMatchObject([{ address: pki.doctor.address, protection: 'passphrase' }]);
    });
  }, DISK_FLOW_TIMEOUT);

  it('after a .p12 import, key creation, a draft saved and a backup exported', async () => {
    const dir = newProfile();
    await inFirefox(dir, async (ff) => {
      await provision(ff);
      await ff.service('identities.importP12', { p12: b64(pki.doctor.p12), passphrase: pki.password });
    });
    expect(seenVaults.length).toBeGreaterThan(0); // the unlocked session's secret is in the scan too
    expect(scan(dir, [doctor]), 'after the import').toEqual([]);

    // One more session for the rest (each Firefox start costs CI time): key creation, a draft, a backup export.
    const backupPassphrase = 'backup passphrase for the Firefox disk test';
    const marker = 'DRAFT-MARKER potassium 7.1 for the Firefox disk test';
    const made = await inFirefox(dir, async (ff) => {
      await provision(ff); // a new browser session: unlock
      const made = await ff.service<{ backupP12: string }>('identities.generate', { address: 'new.key@doctor.test', modulusLength: 2048, backupPassphrase });
      await ff.service('drafts.save', { id: 'disk-draft', draft: { from: pki.doctor.address, to: pki.patient.address, subject: marker, text: marker, attachments: [] } });
      expect(await ff.service('drafts.list')).toMatchObject([{ id: 'disk-draft' }]);
      const identities = await ff.service<{ id: string; address: string }[]>('identities.list');
      const imported = identities.find((i) => i.address === pki.doctor.address)!;
      const fresh = await ff.service<{ p12: string }>('identities.exportBackup', { id: imported.id, passphrase: 'a new backup passphrase', lockPassphrase: LOCK_PASSPHRASE });
      expect(fresh.p12.length).toBeGreaterThan(100);
      return made;
    });
    const backupPath = join(work, 'generated-backup.p12');
    writeFileSync(backupPath, Buffer.from(made.backupP12, 'base64'));
    const generated = secretsOf('generated', execFileSync('openssl', ['pkcs12', '-in', backupPath, '-passin', `pass:${backupPassphrase}`, '-nocerts', '-nodes']));
    rmSync(backupPath);
    expect(scan(dir, [doctor, generated], { draft: marker }), 'after key creation, a draft and a backup export').toEqual([]);
  }, DISK_FLOW_TIMEOUT);
});

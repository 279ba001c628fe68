/**
 * Key custody in the real Chromium: keys imported through the background service survive a browser restart
 * on the same profile (locked until the passphrase is typed), IndexedDB holds no private key in the clear and
 * no CryptoKey at all (Chromium writes a stored CryptoKey's material to disk in the clear), the unlocked
 * session survives the service worker being stopped, and a content script asking for a key operation is
 * refused. (test/e2e/hostile-disk.test.ts reads the profile's files as a disk reader would.)
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { launchExtension, type LaunchedExtension } from './support/browser';
import { E2E_LOCK_PASSPHRASE, provision } from './support/service';

declare const chrome: typeof import('wxt/browser').browser;

const b64 = (path: string) => readFileSync(path).toString('base64');

/** Sends a key-service request from an extension page, as the options page does. */
async function request(ext: LaunchedExtension, message: Record<string, unknown>): Promise<{ ok: boolean; value?: any; error?: any }> {
  const page = ext.context.pages().find((p) => p.url().startsWith(ext.url(''))) ?? (await ext.context.newPage());
  if (!page.url().startsWith(ext.url(''))) await page.goto(ext.url('popup.html'));
  return page.evaluate((m) => chrome.runtime.sendMessage(m), message);
}

describe('key custody in Chromium', () => {
  let pki: TestPki;
  let profileDir: string;
  let server: Server;
  let pageUrl: string;

  beforeAll(async () => {
    pki = await makeTestPki(mkdtempSync(join(tmpdir(), 'ds-e2e-pki-')));
    profileDir = mkdtempSync(join(tmpdir(), 'ds-e2e-profile-'));
    server = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<title>webmail</title><p>inbox</p>'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    pageUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  });
  afterAll(() => server?.close());

  it('keeps identities, anchors and contacts across a browser restart', async () => {
    const first = await launchExtension({ profileDir });
    try {
      expect(await request(first, { type: 'identities.importP12', p12: b64(pki.doctor.p12), passphrase: pki.password })).toMatchObject({
        ok: false,
        error: { code: 'LOCK_NOT_SET' },
      });
      await provision(first);
      const imported = await request(first, { type: 'identities.importP12', p12: b64(pki.doctor.p12), passphrase: pki.password });
      expect(imported).toMatchObject({ ok: true, value: { address: pki.doctor.address, state: 'ready' } });
      expect((await request(first, { type: 'anchors.import', bytes: b64(pki.anchorPem) })).ok).toBe(true);
      expect((await request(first, { type: 'contacts.add', certificate: b64(pki.patient.chainPem) })).ok).toBe(true);
    } finally {
      await first.context.close();
    }
    const second = await launchExtension({ profileDir });
    try {
      expect((await request(second, { type: 'identities.list' })).value).toMatchObject([{ address: pki.doctor.address, state: 'ready' }]);
      expect((await request(second, { type: 'anchors.list' })).value).toHaveLength(1);
      expect((await request(second, { type: 'contacts.list' })).value).toMatchObject([{ address: pki.patient.address }]);
      // A new browser session starts locked: storage.session does not outlive the browser.
      expect((await request(second, { type: 'lock.status' })).value).toMatchObject({ enabled: true, unlocked: false });
      expect((await request(second, { type: 'lock.unlock', passphrase: E2E_LOCK_PASSPHRASE })).ok).toBe(true);
      // The key still works after the restart: it seals to the contact.
      const message = Buffer.from(
        `From: ${pki.doctor.address}\r\nTo: ${pki.patient.address}\r\nSubject: restart\r\nContent-Type: text/plain\r\n\r\nstill here\r\n`,
      ).toString('base64');
      const sealed = await request(second, { type: 'message.seal', message });
      expect(sealed.ok).toBe(true);
      // ...and openssl opens what the restarted browser sealed.
      const eml = join(profileDir, '..', `sealed-${Date.now()}.eml`);
      writeFileSync(eml, Buffer.from(sealed.value.sealed, 'base64'));
      const inner = execFileSync('openssl', ['cms', '-decrypt', '-in', eml, '-inkey', pki.patient.keyPem]).toString();
      expect(inner).toContain('still here');
    } finally {
      await second.context.close();
    }
  });

  it('stores no private key in the clear and no CryptoKey at all', async () => {
    const ext = await launchExtension({ profileDir });
    try {
      const keyDer = execFileSync('openssl', ['pkey', '-in', pki.doctor.keyPem, '-outform', 'DER']);
      const page = await ext.context.newPage();
      await page.goto(ext.url('popup.html'));
      const report = await page.evaluate(async (probeHex: string) => {
        const probe = probeHex.match(/../g)!.join('');
        const db: IDBDatabase = await new Promise((resolve, reject) => {
          const r = indexedDB.open('directseal');
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        const out = { records: 0, cryptoKeys: 0, clearKeyFound: false };
        const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
        const walk = (v: unknown): void => {
          if (v instanceof CryptoKey) out.cryptoKeys++;
          else if (v instanceof Uint8Array || v instanceof ArrayBuffer) {
            if (hex(new Uint8Array(v as ArrayBuffer)).includes(probe)) out.clearKeyFound = true;
          } else if (Array.isArray(v)) v.forEach(walk);
          else if (v && typeof v === 'object') Object.values(v).forEach(walk);
        };
        for (const name of Array.from(db.objectStoreNames)) {
          const all: unknown[] = await new Promise((resolve, reject) => {
            const r = db.transaction(name).objectStore(name).getAll();
            r.onsuccess = () => resolve(r.result);
            r.onerror = () => reject(r.error);
          });
          out.records += all.length;
          all.forEach(walk);
        }
        return out;
      }, keyDer.subarray(keyDer.length - 48, keyDer.length - 16).toString('hex'));
      expect(report.records).toBeGreaterThan(0);
      // No KEK, no signing or OAEP key: each operation opens the PKCS#8 in memory from the vault.
      expect(report.cryptoKeys).toBe(0);
      expect(report.clearKeyFound).toBe(false);
    } finally {
      await ext.context.close();
    }
  });

  it('keeps the keys unlocked when MV3 stops the service worker, within the idle time', async () => {
    const ext = await launchExtension({ profileDir });
    try {
      await provision(ext); // unlocks this new browser session
      await ext.serviceWorker.evaluate(() => void ((globalThis as { directsealTestMark?: string }).directsealTestMark = 'the worker before'));
      const page = await ext.context.newPage();
      await page.goto(ext.url('popup.html'));
      const cdp = await ext.context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      // The next request starts a new worker (the mark is gone), which finds the session in storage.session.
      const mark = async () => {
        const worker = ext.context.serviceWorkers().find((w) => w.url().endsWith('/background.js'));
        return worker?.evaluate(() => (globalThis as { directsealTestMark?: string }).directsealTestMark).catch(() => 'closing');
      };
      await expect.poll(async () => (await request(ext, { type: 'status' })).ok && (await mark()), { timeout: 15_000 }).toBeUndefined();
      expect((await request(ext, { type: 'lock.status' })).value).toMatchObject({ enabled: true, unlocked: true });
      const message = Buffer.from(`From: ${pki.doctor.address}\r\nTo: ${pki.patient.address}\r\nSubject: w\r\n\r\nafter a worker stop\r\n`).toString('base64');
      expect((await request(ext, { type: 'message.seal', message })).ok).toBe(true);
    } finally {
      await ext.context.close();
    }
  });

  it('refuses key operations asked for by a content script in a web page', async () => {
    const ext = await launchExtension({ profileDir });
    try {
      const page = await ext.context.newPage();
      await page.goto(pageUrl);
      const replies = await ext.serviceWorker.evaluate(async (url: string) => {
        const [tab] = await chrome.tabs.query({ url: `${url}*` });
        const results = await chrome.scripting.executeScript({
          target: { tabId: tab!.id! },
          // Runs as a content script (isolated world) inside the web page.
          func: async () =>
            Promise.all([
              chrome.runtime.sendMessage({ type: 'identities.list' }),
              chrome.runtime.sendMessage({ type: 'message.open', sealed: '' }),
              chrome.runtime.sendMessage({ type: 'identities.exportBackup', id: 'x', passphrase: 'steal-it-please' }),
              // The private-key operations pages use beside the background, and the requests added since.
              chrome.runtime.sendMessage({ type: 'message.sign', identity: 'x', signedAttributes: 'MQA=', scheme: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } }),
              chrome.runtime.sendMessage({ type: 'message.unwrapKey', identity: 'x', encryptedKey: 'AA==', keyLength: 32, scheme: { name: 'RSAES-PKCS1-v1_5' } }),
              chrome.runtime.sendMessage({ type: 'pki.fetch', url: 'http://127.0.0.1:1/x', kind: 'crl' }),
              chrome.runtime.sendMessage({ type: 'delivery.noteNotification', message: 'AA==' }),
              chrome.runtime.sendMessage({ type: 'identities.importWelcome', welcome: 'AA==' }),
              chrome.runtime.sendMessage({ type: 'outgoing.set', outgoing: {} }),
              // The practice CA's private key signs this one; the practice's cover-note settings are read by this one.
              chrome.runtime.sendMessage({ type: 'ca.issueWelcome', request: 'AA==' }),
              chrome.runtime.sendMessage({ type: 'outgoing.get' }),
            ]),
        });
        return results[0]!.result;
      }, pageUrl);
      expect(replies).toHaveLength(11);
      for (const reply of replies as unknown[]) expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    } finally {
      await ext.context.close();
    }
  });
});

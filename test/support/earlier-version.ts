/**
 * An install of an earlier version, as it was on disk, planted from one of the extension's pages (Chromium's or
 * Firefox's: the functions run in the page, so they carry everything they use). Earlier versions stored an
 * imported .p12 without the lock as: the KEK (a non-extractable CryptoKey) in meta, the PKCS#8 under it,
 * non-extractable signing and OAEP CryptoKeys beside it, and the .p12 as imported. Their lock, turned on after
 * the import, rewrote the record with the key under the passphrase.
 */
import { createPrivateKey } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { TestPki } from '../interop/support/pki';

export interface EarlierInstall {
  pkcs8B64: string;
  certB64: string;
  p12B64: string;
  address: string;
}

/** The doctor's key, certificate and .p12 as the planting needs them. */
export function earlierInstallOf(pki: TestPki): EarlierInstall {
  const pkcs8 = createPrivateKey(readFileSync(pki.doctor.keyPem)).export({ format: 'der', type: 'pkcs8' });
  const cert = execFileSync('openssl', ['x509', '-in', pki.doctor.certPem, '-outform', 'DER']);
  return { pkcs8B64: pkcs8.toString('base64'), certB64: cert.toString('base64'), p12B64: readFileSync(pki.doctor.p12).toString('base64'), address: pki.doctor.address };
}

/** Runs in an extension page: writes the earlier version's records for `install` into the "directseal" database. */
export const plantEarlierInstall = async ({ pkcs8B64, certB64, p12B64, address }: EarlierInstall): Promise<void> => {
  const bytes = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  const key = bytes(pkcs8B64);
  const kek = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const aad = new TextEncoder().encode('directseal/pkcs8/v1');
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, kek, key));
  const sign = await crypto.subtle.importKey('pkcs8', key, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
  const oaep = await crypto.subtle.importKey('pkcs8', key, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['decrypt', 'unwrapKey']);
  const db: IDBDatabase = await new Promise((resolve, reject) => {
    const r = indexedDB.open('directseal');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const tx = db.transaction(['identities', 'meta'], 'readwrite');
  tx.objectStore('identities').put({
    id: 'legacy-1',
    address,
    certificateChain: [bytes(certB64)],
    wrappedKey: { kind: 'kek', alg: 'AES-GCM', iv, ciphertext },
    cryptoKeys: { sign, oaep },
    backup: { kind: 'p12', bytes: bytes(p12B64), createdAt: 1 },
    backupConfirmed: true,
    createdAt: 1,
  });
  tx.objectStore('meta').put(kek, 'kek');
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  db.close();
};

/** Runs in an extension page: turns the earlier version's lock on, as it did, over a planted install. */
export const lockAsEarlierVersionIn = async (pass: string): Promise<void> => {
  const lock = async (plain: Uint8Array<ArrayBuffer>) => {
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(pass.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
    const key = await crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000, salt }, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt']);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const additionalData = new TextEncoder().encode('directseal/pkcs8/v1');
    const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData }, key, plain));
    return { kind: 'passphrase', alg: 'AES-GCM', kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000, salt }, iv, ciphertext };
  };
  const db: IDBDatabase = await new Promise((resolve, reject) => {
    const r = indexedDB.open('directseal');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const read = <T,>(store: string, key: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const r = db.transaction(store).objectStore(store).get(key);
      r.onsuccess = () => resolve(r.result as T);
      r.onerror = () => reject(r.error);
    });
  const record = await read<{ wrappedKey: { iv: Uint8Array; ciphertext: Uint8Array }; cryptoKeys?: unknown }>('identities', 'legacy-1');
  const kek = await read<CryptoKey>('meta', 'kek');
  const additionalData = new TextEncoder().encode('directseal/pkcs8/v1');
  const pkcs8 = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: record.wrappedKey.iv as Uint8Array<ArrayBuffer>, additionalData }, kek, record.wrappedKey.ciphertext as Uint8Array<ArrayBuffer>));
  const { cryptoKeys: _dropped, ...rest } = record;
  const locked = { ...rest, wrappedKey: await lock(pkcs8) };
  const lockCheck = await lock(crypto.getRandomValues(new Uint8Array(32)));
  const tx = db.transaction(['identities', 'settings'], 'readwrite');
  tx.objectStore('identities').put(locked);
  tx.objectStore('settings').put(lockCheck, 'lockCheck');
  tx.objectStore('settings').put(true, 'lockEnabled');
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  db.close();
};

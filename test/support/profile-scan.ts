/**
 * What a reader of a browser profile's files would find: every form a secret could take (raw, hex, base64 at
 * each byte alignment, as bytes and as UTF-16, how IndexedDB stores strings), searched in every file under the
 * profile. The Chromium and the Firefox disk tests read profiles with it.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'vitest';

/** The secrets of one key, each under its name. */
export interface KeySecrets {
  label: string;
  parts: Record<string, Buffer>;
  /**
   * The parts also searched in pieces (see PIECE): only those with nothing public inside (a PKCS#8 holds the
   * public modulus, which the certificate keeps in the clear).
   */
  pieces?: readonly string[];
}

/** An RSA key's PKCS#8, p, q and d: any one of them on disk gives the key away. */
export function secretsOf(label: string, keyPem: string | Buffer): KeySecrets {
  const key = createPrivateKey(keyPem);
  const jwk = key.export({ format: 'jwk' });
  const num = (v: string | undefined) => Buffer.from(v!, 'base64url');
  return { label, parts: { pkcs8: key.export({ format: 'der', type: 'pkcs8' }), p: num(jwk.p), q: num(jwk.q), d: num(jwk.d) }, pieces: ['p', 'q', 'd'] };
}

/**
 * A stored value is not always one run of bytes: SQLite spreads a long record over pages, and Firefox's snappy
 * compression can break a run with a back-reference or a block's header (Firefox was seen to break a stored
 * modulus once in 256 bytes). So raw bytes are also searched in pieces: any 32 random bytes of a key are as
 * telling as all of them.
 */
const PIECE = 32;

/** Every form a secret could take in a file; base64 at each of the three byte alignments, trimmed to what is stable. */
function needles(secret: Buffer, inPieces: boolean): Record<string, Buffer> {
  const out: Record<string, Buffer> = { raw: secret };
  if (inPieces && secret.length >= 2 * PIECE) {
    for (let at = 0; at + PIECE <= secret.length; at += PIECE) out[`raw[${at}..${at + PIECE})`] = secret.subarray(at, at + PIECE);
  }
  const hex = secret.toString('hex');
  const texts: Record<string, string> = { hex, HEX: hex.toUpperCase() };
  for (let k = 0; k < 3; k++) {
    texts[`base64+${k}`] = secret.subarray(k).toString('base64').slice(4, -4);
    texts[`base64url+${k}`] = secret.subarray(k).toString('base64url').slice(4, -4);
  }
  for (const [name, text] of Object.entries(texts)) {
    out[name] = Buffer.from(text, 'latin1');
    out[`${name} utf-16`] = Buffer.from(text, 'utf16le');
  }
  return out;
}

interface ProfileScan {
  /** "label part form @ file", one for each form of each secret found in a file. */
  hits: string[];
  /** How many files were read (a real profile has many: a scan of an empty folder proves nothing). */
  files: number;
}

/** Where each form of each key secret, and each text of `extra` (UTF-8 and UTF-16), occurs among the profile's files. */
function scanProfileFiles(profileDir: string, keys: KeySecrets[], extra: Record<string, string> = {}): ProfileScan {
  const all: [string, Buffer][] = [];
  for (const k of keys) for (const [part, secret] of Object.entries(k.parts)) for (const [form, n] of Object.entries(needles(secret, k.pieces?.includes(part) ?? false))) all.push([`${k.label} ${part} ${form}`, n]);
  for (const [label, text] of Object.entries(extra)) {
    all.push([`${label} utf-8`, Buffer.from(text, 'utf8')]);
    all.push([`${label} utf-16`, Buffer.from(text, 'utf16le')]);
  }
  const scan: ProfileScan = { hits: [], files: 0 };
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const st = statSync(path, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) walk(path);
      else if (st.isFile()) {
        scan.files++;
        const bytes = readFileSync(path);
        for (const [what, n] of all) if (bytes.includes(n)) scan.hits.push(`${what} @ ${relative(profileDir, path)}`);
      }
    }
  };
  walk(profileDir);
  return scan;
}

/** A certificate's RSA modulus: public, stored in the clear with the identity, so a scan that reads the store finds it. */
export function publicModulus(certPem: string | Buffer): Buffer {
  return Buffer.from(createPublicKey(certPem).export({ format: 'jwk' }).n!, 'base64url');
}

export interface DiskSearch {
  /** What must not be on disk: keys (every part, every form), vault secrets, and texts such as a passphrase or a draft. */
  secrets: KeySecrets[];
  vaults?: readonly Buffer[];
  texts?: Record<string, string>;
  /**
   * What must be on disk, raw (whole or a piece): public values the store keeps in the clear. Found, they show the scan read the
   * files the store wrote (a profile whose extension storage was wiped, or never written, would pass otherwise).
   */
  present: Record<string, Buffer>;
}

/**
 * The disk tests' search: where each form of each secret occurs ("label part form @ file"). It fails the test
 * when a present value is not found or the profile has few files (a scan of an empty folder proves nothing).
 */
export function secretsOnDisk(profileDir: string, search: DiskSearch): string[] {
  const vaults = (search.vaults ?? []).map((v, i) => ({ label: `vault#${i}`, parts: { secret: v } }));
  const present = Object.entries(search.present).map(([label, bytes]) => ({ label: `present ${label}`, parts: { value: bytes }, pieces: ['value'] }));
  const scan = scanProfileFiles(profileDir, [...search.secrets, ...vaults, ...present], search.texts);
  const missing = present.filter((p) => !scan.hits.some((h) => h.startsWith(`${p.label} value raw`))).map((p) => p.label);
  expect(scan.files).toBeGreaterThan(10);
  expect(missing, 'public values the store keeps, not found: the scan did not read its files').toEqual([]);
  return scan.hits.filter((h) => !h.startsWith('present '));
}

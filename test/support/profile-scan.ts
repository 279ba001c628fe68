/**
 * What a reader of a browser profile's files would find: every form a secret could take (raw, hex, base64 at
 * each byte alignment, as bytes and as UTF-16, how IndexedDB stores strings), searched in every file under the
 * profile. The Chromium and the Firefox disk tests read profiles with it.
 */
import { createPrivateKey } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The secrets of one key, each under its name. */
export interface KeySecrets {
  label: string;
  parts: Record<string, Buffer>;
}

/** An RSA key's PKCS#8, p, q and d: any one of them on disk gives the key away. */
export function secretsOf(label: string, keyPem: string | Buffer): KeySecrets {
  const key = createPrivateKey(keyPem);
  const jwk = key.export({ format: 'jwk' });
  const num = (v: string | undefined) => Buffer.from(v!, 'base64url');
  return { label, parts: { pkcs8: key.export({ format: 'der', type: 'pkcs8' }), p: num(jwk.p), q: num(jwk.q), d: num(jwk.d) } };
}

/** Every form a secret could take in a file; base64 at each of the three byte alignments, trimmed to what is stable. */
function needles(secret: Buffer): Record<string, Buffer> {
  const out: Record<string, Buffer> = { raw: secret };
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

export interface ProfileScan {
  /** "label part form @ file", one for each form of each secret found in a file. */
  hits: string[];
  /** How many files were read (a real profile has many: a scan of an empty folder proves nothing). */
  files: number;
}

/** Where each form of each key secret, and each text of `extra` (UTF-8 and UTF-16), occurs among the profile's files. */
export function scanProfileFiles(profileDir: string, keys: KeySecrets[], extra: Record<string, string> = {}): ProfileScan {
  const all: [string, Buffer][] = [];
  for (const k of keys) for (const [part, secret] of Object.entries(k.parts)) for (const [form, n] of Object.entries(needles(secret))) all.push([`${k.label} ${part} ${form}`, n]);
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

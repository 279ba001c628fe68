/** Outside the browser: what openssl makes of an armored DirectSeal block. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runOk } from '../../interop/support/exec';

/** openssl decrypts the armored block with `who`'s key and verifies the signature under our anchor: the inner text. */
export async function opensslOpen(work: string, armoredText: string, who: { certPem: string; keyPem: string }, anchorPem: string): Promise<string> {
  const base = join(work, `block-${Date.now()}`);
  writeFileSync(`${base}.pem`, `${armoredText}\n`);
  await runOk('openssl', ['cms', '-decrypt', '-inform', 'PEM', '-in', `${base}.pem`, '-recip', who.certPem, '-inkey', who.keyPem, '-out', `${base}.dec.eml`]);
  expect(readFileSync(`${base}.dec.eml`, 'latin1')).toMatch(/multipart\/signed|application\/(x-)?pkcs7-mime; *smime-type=signed-data/i);
  await runOk('openssl', ['cms', '-verify', '-inform', 'SMIME', '-in', `${base}.dec.eml`, '-CAfile', anchorPem, '-out', `${base}.inner.eml`]);
  return readFileSync(`${base}.inner.eml`, 'latin1');
}

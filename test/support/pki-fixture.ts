/**
 * Shared test PKI for the unit suites: one `makeTestPki` (openssl, fresh keys) per test file, plus small
 * helpers to run openssl and to load identities as the core's Signer / Recipient.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestPki, type Identity, type TestPki } from '../interop/support/pki';
import { localPrivateKey, type Recipient, type Signer } from '../../utils/cms/keys';
import { readCertificates, readPrivateKey } from '../../utils/pki';

export { type Identity, type TestPki } from '../interop/support/pki';

let shared: Promise<TestPki> | undefined;

/** The PKI of this test file's worker (made once, in a fresh temporary directory). */
export function testPki(): Promise<TestPki> {
  shared ??= makeTestPki(mkdtempSync(join(tmpdir(), 'ds-unit-pki-')));
  return shared;
}

export const bytes = (path: string): Uint8Array => new Uint8Array(readFileSync(path));

/** Runs openssl; throws (with its stderr) on a non-zero exit. */
export function openssl(args: string[], input?: Uint8Array | string): Buffer {
  return execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
}

/** Runs openssl and returns exit code, stdout and stderr without throwing. */
export function opensslResult(args: string[], input?: Uint8Array | string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync('openssl', args, { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export const certDer = (id: Identity): Uint8Array => readCertificates(bytes(id.certPem))[0]!;
export const intermediateDer = (pki: TestPki): Uint8Array => bytes(pki.intermediateDer);
export const anchorDer = (pki: TestPki): Uint8Array => bytes(pki.anchorDer);
export const keyPkcs8 = (id: Identity): Promise<Uint8Array> => readPrivateKey(bytes(id.keyPem));

/** The identity as a signer and recipient, its chain being its issuing CA. */
export async function identityOf(pki: TestPki, id: Identity): Promise<Signer & Recipient> {
  const issuer = id.name === 'eve' ? bytes(pki.strangerAnchorDer) : intermediateDer(pki);
  return { certificate: certDer(id), chain: [issuer], key: localPrivateKey(await keyPkcs8(id)) };
}

export const tempDir = (prefix = 'ds-unit-'): string => mkdtempSync(join(tmpdir(), prefix));

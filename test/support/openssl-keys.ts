/** Fresh RSA keys and self-signed certificates made by the openssl CLI, for unit tests of the core. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestKey {
  certificate: Uint8Array;
  pkcs8: Uint8Array;
  certPath: string;
  keyPath: string;
}

const der = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));

export function makeSelfSigned(address: string, extra: string[] = []): TestKey {
  const dir = mkdtempSync(join(tmpdir(), 'ds-key-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '2',
    '-subj', `/CN=${address}`, '-addext', `subjectAltName=email:${address}`, ...extra,
  ], { stdio: 'ignore' });
  return { certificate: der(readFileSync(certPath, 'utf8')), pkcs8: der(readFileSync(keyPath, 'utf8')), certPath, keyPath };
}

/**
 * A doctor's certificate that points to where its issuer and its CRL can be fetched (AIA caIssuers, CRL
 * distribution point), issued by the test PKI's intermediate over the doctor's own key: a message signed with it
 * and carrying no other certificate opens only when the intermediate is fetched.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestPki } from '../interop/support/pki';

export interface OnlineLeafRequest {
  /** Where the certificate says its issuer is (first) and its CRL. */
  issuerUrls: string[];
  crlUrls: string[];
  serial: string;
  name: string;
}

/** Writes `<name>.pem` into `dir` and returns its path. */
export function onlineLeaf(pki: TestPki, dir: string, r: OnlineLeafRequest): string {
  const csr = join(dir, `${r.name}.csr`);
  const ext = join(dir, `${r.name}.ext`);
  const out = join(dir, `${r.name}.pem`);
  execFileSync('openssl', ['req', '-new', '-key', pki.doctor.keyPem, '-subj', `/CN=${pki.doctor.address}`, '-out', csr], { stdio: 'pipe' });
  const lines = [
    `subjectAltName=email:${pki.doctor.address}`,
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=emailProtection',
    ...(r.issuerUrls.length ? [`authorityInfoAccess=${r.issuerUrls.map((u) => `caIssuers;URI:${u}`).join(',')}`] : []),
    ...(r.crlUrls.length ? [`crlDistributionPoints=${r.crlUrls.map((u) => `URI:${u}`).join(',')}`] : []),
  ];
  writeFileSync(ext, lines.join('\n') + '\n');
  execFileSync('openssl', ['x509', '-req', '-in', csr, '-CA', pki.intermediatePem, '-CAkey', join(pki.dir, 'intermediate.key.pem'), '-set_serial', r.serial, '-days', '30', '-extfile', ext, '-out', out], { stdio: 'pipe' });
  return out;
}

export const pemText = (path: string): string => readFileSync(path, 'utf8');

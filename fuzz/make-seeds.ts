/**
 * Writes the fuzzer's seeds (fuzz/seeds/<target>/): real files from four implementations (the Java RI, openssl,
 * NSS cmsutil, ours), for the Java RI's published test recipient. Run once, and again when a new kind of input should be seeded:
 *   node bin/run-ts.mjs fuzz/make-seeds.ts
 * Needs openssl and NSS's tools (certutil, pk12util, cmsutil). The seeds are committed; the fuzzer and the unit suite only read them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seal } from '../utils/direct/seal';
import { locateCms } from '../utils/direct/locate';
import { openEnvelope } from '../utils/cms/enveloped';
import { pkcs7MimeEntity } from '../utils/direct/smime-entities';
import { buildMessage } from '../utils/mime/build';
import { localPrivateKey } from '../utils/cms/keys';
import { readCertificates, readPrivateKey } from '../utils/pki';
import { bigCrl } from '../test/unit/pki/support/big-crl';
import { corpusDirs, ROOT, SEED_PASSPHRASE, type TargetName } from './targets';

const RI = join(ROOT, 'test/fixtures/direct-java-ri');
const tmp = mkdtempSync(join(tmpdir(), 'ds-fuzz-seeds-'));
const openssl = (args: string[], input?: Uint8Array | string) => execFileSync('openssl', args, { input, maxBuffer: 64 << 20 });
const write = (target: TargetName, name: string, data: Uint8Array | string) => {
  const dir = corpusDirs(target).seeds;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), data);
};

const keyPem = join(RI, 'recipient-key.pem');
const certPem = join(RI, 'recipient-cert.pem');
const certs = ['recipient-cert.pem', 'sender-cert.pem', 'trust-anchor.pem'];

// ---- open: the Java RI's message, ours, openssl's ----
write('open', 'java-ri.eml', readFileSync(join(RI, 'encrypted-message.eml')));
const me = { certificate: readCertificates(readFileSync(certPem))[0]!, chain: readCertificates(readFileSync(join(RI, 'trust-anchor.pem'))), key: localPrivateKey(await readPrivateKey(readFileSync(keyPem))) };
const message = buildMessage({
  from: 'Ryan <ryan@securehealthemail.com>',
  to: ['ryan@securehealthemail.com'],
  subject: 'Résultats — 検査',
  text: 'Lab results attached.\n',
  attachments: [{ filename: 'r.pdf', content: new Uint8Array(300).map((_, i) => i & 0xff), contentType: 'application/pdf' }],
  date: new Date('2026-03-01T10:00:00Z'),
  messageId: 'seed@securehealthemail.com',
});
const variants = [
  ['ours-default.eml', {}],
  ['ours-aes128.eml', { cipher: 'aes-128-cbc' }],
  ['ours-gcm-oaep-opaque.eml', { cipher: 'aes-256-gcm', keyTransport: 'rsa-oaep', opaque: true }],
] as const;
for (const [name, options] of variants) write('open', name, await seal(message, me, [me.certificate], { ...options, signingTime: new Date('2026-03-01T10:00:00Z') }));
writeFileSync(join(tmp, 'inner.eml'), message);
const signed = openssl(['cms', '-sign', '-signer', certPem, '-inkey', keyPem, '-md', 'sha256', '-in', join(tmp, 'inner.eml')]);
write('open', 'openssl-signed-aes256.eml', openssl(['cms', '-encrypt', '-aes256', certPem], signed));
const opaque = openssl(['cms', '-sign', '-nodetach', '-signer', certPem, '-inkey', keyPem, '-in', join(tmp, 'inner.eml')]);
write('open', 'openssl-opaque-aes128-oaep.eml', openssl(['cms', '-encrypt', '-aes128', '-recip', certPem, '-keyopt', 'rsa_padding_mode:oaep', '-keyopt', 'rsa_oaep_md:sha256'], opaque));

// NSS cmsutil's: opaque signed, then enveloped (cmsutil writes bare DER). The key comes from a .p12 made here.
const nssDb = join(tmp, 'nss');
mkdirSync(nssDb);
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
run('certutil', ['-N', '-d', `sql:${nssDb}`, '--empty-password']);
run('certutil', ['-A', '-d', `sql:${nssDb}`, '-n', 'anchor', '-t', 'C,C,C', '-i', join(RI, 'trust-anchor.pem')]);
writeFileSync(join(tmp, 'ri.p12'), openssl(['pkcs12', '-export', '-inkey', keyPem, '-in', certPem, '-passout', `pass:${SEED_PASSPHRASE}`, '-name', 'ryan']));
run('pk12util', ['-i', join(tmp, 'ri.p12'), '-d', `sql:${nssDb}`, '-W', SEED_PASSPHRASE, '-K', '']);
run('cmsutil', ['-S', '-d', `sql:${nssDb}`, '-N', 'ryan', '-H', 'SHA256', '-G', '-P', '-Y', 'NONE', '-i', join(tmp, 'inner.eml'), '-o', join(tmp, 'nss-signed.der')]);
writeFileSync(join(tmp, 'nss-signed.eml'), pkcs7MimeEntity(new Uint8Array(readFileSync(join(tmp, 'nss-signed.der'))), 'signed-data', ['From: ryan@securehealthemail.com']));
run('cmsutil', ['-E', '-d', `sql:${nssDb}`, '-r', 'ryan@securehealthemail.com', '-i', join(tmp, 'nss-signed.eml'), '-o', join(tmp, 'nss-enveloped.der')]);
write('open', 'nss-opaque.der', readFileSync(join(tmp, 'nss-enveloped.der')));

// Each message also as bare DER (mutations then hit the CMS, not the base64), and its decrypted content for openInner.
for (const name of readdirSync(corpusDirs('open').seeds)) {
  const der = locateCms(new Uint8Array(readFileSync(join(corpusDirs('open').seeds, name)))).der;
  if (name.endsWith('.eml')) write('open', name.replace(/\.eml$/, '.der'), der);
  write('openInner', name.replace(/\.(eml|der)$/, '.signed'), (await openEnvelope(der, [me])).content);
}

// ---- certificates: PEM, DER, a .p7b bundle ----
for (const c of certs) {
  write('certificate', c, readFileSync(join(RI, c)));
  write('inspect', c, readFileSync(join(RI, c)));
}
write('certificate', 'recipient-cert.der', openssl(['x509', '-in', certPem, '-outform', 'DER']));
const p7b = openssl(['crl2pkcs7', '-nocrl', '-certfile', join(RI, 'trust-anchor.pem'), '-certfile', certPem, '-outform', 'DER']);
write('certificate', 'bundle.p7b', p7b);
write('inspect', 'bundle.p7b', p7b);

// ---- .p12: modern and legacy, low iteration counts so mutants run fast ----
const p12 = (extra: string[]) => openssl(['pkcs12', '-export', '-inkey', keyPem, '-in', certPem, '-certfile', join(RI, 'trust-anchor.pem'), '-passout', `pass:${SEED_PASSPHRASE}`, '-iter', '2048', ...extra]);
const modern = p12([]);
const legacy = p12(['-legacy']);
for (const t of ['pkcs12', 'inspect'] as const) {
  write(t, 'modern.p12', modern);
  write(t, 'legacy.p12', legacy);
}
write('inspect', 'java-ri.eml', readFileSync(join(RI, 'encrypted-message.eml')));
write('inspect', 'ours-default.eml', readFileSync(join(corpusDirs('open').seeds, 'ours-default.eml')));

// ---- private keys ----
write('privateKey', 'pkcs8.pem', readFileSync(keyPem));
write('privateKey', 'pkcs8.der', openssl(['pkey', '-in', keyPem, '-outform', 'DER']));
write('privateKey', 'pkcs8-aes.pem', openssl(['pkcs8', '-topk8', '-in', keyPem, '-v2', 'aes256', '-iter', '2048', '-passout', `pass:${SEED_PASSPHRASE}`]));
write('privateKey', 'traditional.pem', openssl(['rsa', '-in', keyPem, '-traditional']));
write('privateKey', 'traditional-aes.pem', openssl(['rsa', '-in', keyPem, '-traditional', '-aes256', '-passout', `pass:${SEED_PASSPHRASE}`]));

// ---- a CRL (a throwaway CA: the RI's CA key is not published) ----
openssl(['req', '-x509', '-newkey', 'rsa:2048', '-noenc', '-keyout', join(tmp, 'ca.key'), '-out', join(tmp, 'ca.pem'), '-days', '3650', '-subj', '/CN=Fuzz CA',
  '-addext', 'basicConstraints=critical,CA:true', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
const caDer = readCertificates(readFileSync(join(tmp, 'ca.pem')))[0]!;
write('crl', 'small.crl', bigCrl({ issuerCertificate: caDer, issuerKeyPem: join(tmp, 'ca.key'), entries: 3, alsoRevoked: [Uint8Array.of(0x12, 0x34)] }));
console.log('seeds written to fuzz/seeds/');

/** The `directseal` command as a user runs it: a real process, real files, stdin/stdout, exit codes, stderr. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { directseal } from '../../support/directseal-process';
import { buildMessage } from '../../../utils/mime/build';
import { ERROR_SENTENCES } from '../../../utils/errors';
import { openssl, tempDir, testPki, type TestPki } from '../../support/pki-fixture';
import { sealedEml, signedByAll, textMessage } from '../../support/hostile-mail';
import { bigCrl } from '../pki/support/big-crl';

let pki: TestPki;
let dir: string;
let inputPath: string;
let input: Uint8Array;
const P = 'test-pass';

beforeAll(async () => {
  pki = await testPki();
  dir = tempDir('ds-cli-');
  input = buildMessage({
    from: 'Gregory House <dr.house@doctor.test>',
    to: ['pat@patient.test'],
    subject: 'Befund für Pat — 検査',
    text: 'Grüße aus der Praxis.\n',
    attachments: [{ filename: 'befund-äöü.pdf', content: new Uint8Array(5000).map((_, i) => (i * 31) & 0xff) }],
  });
  inputPath = join(dir, 'message.eml');
  writeFileSync(inputPath, input);
}, 120_000);

const file = (name: string) => join(dir, name);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const errorLine = (code: keyof typeof ERROR_SENTENCES) => `error: ${code}: ${ERROR_SENTENCES[code]}`;

async function sealAs(out: string, extra: string[] = [], who: 'doctor' | 'eve' | 'expired' | 'revoked' = 'doctor', msg = inputPath): Promise<string> {
  const r = await directseal(['seal', '--key', pki[who].p12, '--pass', P, '--to', pki.patient.certPem, '--in', msg, '--out', out, ...extra]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return out;
}

const openArgs = (sealed: string, out: string, extra: string[] = []) => [
  'open', '--key', pki.patient.p12, '--pass', P, '--anchor', pki.anchorPem, '--in', sealed, '--out', out, ...extra,
];

describe('directseal seal / open', () => {
  it.each([
    ['defaults', []],
    ['--cipher aes-128-cbc', ['--cipher', 'aes-128-cbc']],
    ['--cipher aes-256-gcm --oaep --opaque', ['--cipher', 'aes-256-gcm', '--oaep', '--opaque']],
  ])('round-trips with .p12 identities (%s); exit 0 and the message byte-exact', async (label, extra) => {
    const sealed = await sealAs(file(`sealed-${label.replace(/\W+/g, '_')}.eml`), extra);
    expect(readFileSync(sealed, 'latin1')).toMatch(/Content-Type: application\/pkcs7-mime; smime-type=(authE|e)nveloped-data/);
    const out = file(`inner-${label.replace(/\W+/g, '_')}.eml`);
    const r = await directseal(openArgs(sealed, out));
    expect(r.stderr).toBe('verified: signed by dr.house@doctor.test\n');
    expect(r.code).toBe(0);
    expect(readFileSync(out).equals(Buffer.from(input))).toBe(true);
  });

  it('reads legacy (3DES/RC2) .p12 files', async () => {
    const sealed = file('sealed-legacy.eml');
    const s = await directseal(['seal', '--key', pki.doctor.p12Legacy, '--pass', P, '--to', pki.patient.certPem, '--in', inputPath, '--out', sealed]);
    expect(s.code).toBe(0);
    const out = file('inner-legacy.eml');
    const r = await directseal(['open', '--key', pki.patient.p12Legacy, '--pass', P, '--anchor', pki.anchorPem, '--in', sealed, '--out', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out).equals(Buffer.from(input))).toBe(true);
  });

  it('takes --key KEY.pem --cert CERT.pem, and a .p7b anchor bundle', async () => {
    const sealed = file('sealed-pem.eml');
    const s = await directseal(['seal', '--key', pki.doctor.keyPem, '--cert', pki.doctor.certPem, '--to', pki.patient.certPem, '--in', inputPath, '--out', sealed]);
    expect(s.stderr).toBe('');
    expect(s.code).toBe(0);
    const out = file('inner-pem.eml');
    const r = await directseal(['open', '--key', pki.patient.keyPem, '--cert', pki.patient.certPem, '--anchor', pki.bundleP7bDer, '--in', sealed, '--out', out]);
    expect(r.stderr).toBe('verified: signed by dr.house@doctor.test\n');
    expect(r.code).toBe(0);
    expect(readFileSync(out).equals(Buffer.from(input))).toBe(true);
  });

  it('refuses a PEM key with somebody else\'s certificate (KEY_CERT_MISMATCH)', async () => {
    const r = await directseal(['seal', '--key', pki.doctor.keyPem, '--cert', pki.patient.certPem, '--to', pki.patient.certPem, '--in', inputPath, '--out', file('x.eml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(errorLine('KEY_CERT_MISMATCH'));
  });

  it('reads stdin and writes stdout with "-"', async () => {
    const s = await directseal(['seal', '--key', pki.doctor.p12, '--pass', P, '--to', pki.patient.certPem, '--in', '-', '--out', '-'], input);
    expect(s.code).toBe(0);
    expect(s.stdout.toString('latin1')).toMatch(/^From: .*dr\.house@doctor\.test/m);
    const o = await directseal(openArgs('-', '-'), s.stdout);
    expect(o.code).toBe(0);
    expect(o.stdout.equals(Buffer.from(input))).toBe(true);
    // --in and --out default to stdin / stdout for seal.
    const d = await directseal(['seal', '--key', pki.doctor.p12, '--pass', P, '--to', pki.patient.certPem], input);
    expect(d.code).toBe(0);
    expect(d.stdout.toString('latin1')).toContain('smime.p7m');
  });

  it('--json prints the verdict', async () => {
    const sealed = await sealAs(file('sealed-json.eml'), ['--cipher', 'aes-256-gcm', '--oaep']);
    const r = await directseal(openArgs(sealed, file('inner-json.eml'), ['--json']));
    expect(r.code).toBe(0);
    const verdict = JSON.parse(r.stdout.toString());
    expect(verdict).toMatchObject({ status: 'verified', signerAddress: 'dr.house@doctor.test', binding: 'address', wrapped: true, reasons: [] });
    expect(verdict.algorithms.contentEncryption).toBe('aes-256-gcm');
    expect(verdict.algorithms.keyTransport).toMatch(/OAEP/i);
    expect(new Date(verdict.signingTime).getTime()).toBeGreaterThan(Date.now() - 600_000);
  });

  it('--json lists every signature, certificates as PEM strings; a display name posing as another address is warned of', async () => {
    const mail = textMessage(['From: "results@lab.test" <dr.house@doctor.test>', 'To: pat@patient.test', 'Subject: two signers'], 'hello');
    const sealed = file('sealed-two-signers.eml');
    writeFileSync(sealed, await sealedEml(signedByAll(pki, mail, [pki.eve, pki.doctor]), [pki.patient], ['From: dr.house@doctor.test']));
    const r = await directseal(openArgs(sealed, file('inner-two-signers.eml'), ['--json']));
    expect(r.code).toBe(0);
    const verdict = JSON.parse(r.stdout.toString());
    expect(verdict).toMatchObject({ status: 'verified', signerAddress: 'dr.house@doctor.test', from: { nameShowsOtherAddress: ['results@lab.test'] } });
    expect(verdict.otherSignatures).toMatchObject([{ signerAddress: 'eve@evil.test', status: 'invalid' }]);
    // Bytes as PEM strings, never as {"0":48,"1":130,...}.
    expect(verdict.signerCertificate).toMatch(/^-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----\r?\n?$/);
    expect(verdict.otherSignatures[0].signerCertificate).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(r.stdout.toString()).not.toMatch(/"0":\s*\d+/);
    const plain = await directseal(openArgs(sealed, file('inner-two-signers.eml')));
    expect(plain.stderr).toContain('warning: the sender\'s name "results@lab.test" shows results@lab.test, but the message is from dr.house@doctor.test');
  });

  it('exits non-zero for an untrusted signer, prints error: SIGNER_UNTRUSTED: <sentence>, and withholds the message', async () => {
    writeFileSync(file('eve-message.eml'), buildMessage({ from: 'eve@evil.test', to: ['pat@patient.test'], subject: 'hi', text: 'trust me\n' }));
    const sealed = await sealAs(file('sealed-eve.eml'), [], 'eve', file('eve-message.eml'));
    const out = file('inner-eve.eml');
    const r = await directseal(openArgs(sealed, out));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^${escapeRe(errorLine('SIGNER_UNTRUSTED'))}( \\(.*\\))?$`, 'm'));
    expect(r.stderr).not.toContain('verified');
    expect(existsSync(out)).toBe(false);

    const json = await directseal(openArgs(sealed, out, ['--json']));
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout.toString())).toMatchObject({ status: 'untrusted', reasons: [{ code: 'SIGNER_UNTRUSTED' }] });
    expect(existsSync(out)).toBe(false);

    // --allow-untrusted releases an untrusted (never an invalid) message, and still exits non-zero.
    const allowed = await directseal(openArgs(sealed, out, ['--allow-untrusted']));
    expect(allowed.code).toBe(1);
    expect(allowed.stderr).toContain(errorLine('SIGNER_UNTRUSTED'));
    expect(readFileSync(out, 'utf8')).toContain('trust me');
  });

  it('--allow-untrusted never releases an invalid message (revoked signer with the CRL)', async () => {
    writeFileSync(file('gone-message.eml'), buildMessage({ from: 'gone@doctor.test', to: ['pat@patient.test'], subject: 'hi', text: 'revoked\n' }));
    const sealed = await sealAs(file('sealed-revoked.eml'), [], 'revoked', file('gone-message.eml'));
    const out = file('inner-revoked.eml');
    const r = await directseal(openArgs(sealed, out, ['--crl', pki.crlPem, '--allow-untrusted']));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(errorLine('CERT_REVOKED'));
    expect(existsSync(out)).toBe(false);
    // Without the CRL it verifies (revocation is checked only where a CRL is given).
    expect((await directseal(openArgs(sealed, file('inner-revoked-nocrl.eml')))).code).toBe(0);
  });

  it('opens verified with a CRL of a million entries (--crl), and refuses an unreadable CRL file with CRL_UNREADABLE', async () => {
    const crlPath = file('big.crl');
    writeFileSync(crlPath, bigCrl({ issuerCertificate: new Uint8Array(readFileSync(pki.intermediateDer)), issuerKeyPem: join(pki.dir, 'intermediate.key.pem'), entries: 1_000_000 }));
    const sealed = await sealAs(file('sealed-bigcrl.eml'));
    const r = await directseal(openArgs(sealed, file('inner-bigcrl.eml'), ['--crl', crlPath]));
    expect(r.stderr).toBe('verified: signed by dr.house@doctor.test\n');
    expect(r.code).toBe(0);
    writeFileSync(file('bad.crl'), readFileSync(crlPath).subarray(0, 5000));
    const bad = await directseal(openArgs(sealed, file('inner-badcrl.eml'), ['--crl', file('bad.crl')]));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(new RegExp(`^${escapeRe(errorLine('CRL_UNREADABLE'))}`));
  }, 60_000);

  it('exits non-zero with CERT_EXPIRED for an expired signer', async () => {
    writeFileSync(file('old-message.eml'), buildMessage({ from: 'old@doctor.test', to: ['pat@patient.test'], subject: 'hi', text: 'old\n' }));
    const sealed = await sealAs(file('sealed-expired.eml'), [], 'expired', file('old-message.eml'));
    const r = await directseal(openArgs(sealed, file('inner-expired.eml')));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(errorLine('CERT_EXPIRED'));
  });

  it('exits non-zero with NO_MATCHING_RECIPIENT when the message is for someone else', async () => {
    const sealed = await sealAs(file('sealed-other.eml'));
    const r = await directseal(['open', '--key', pki.org.p12, '--pass', P, '--anchor', pki.anchorPem, '--in', sealed, '--out', file('o.eml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(errorLine('NO_MATCHING_RECIPIENT'));
  });

  it('prints error: BAD_PASSPHRASE: ... for a wrong passphrase (seal and open)', async () => {
    const s = await directseal(['seal', '--key', pki.doctor.p12, '--pass', 'wrong', '--to', pki.patient.certPem, '--in', inputPath, '--out', file('bad.eml')]);
    expect(s.code).toBe(1);
    expect(s.stderr).toMatch(new RegExp(`^${escapeRe(errorLine('BAD_PASSPHRASE'))}`));
    expect(existsSync(file('bad.eml'))).toBe(false);
    const sealed = await sealAs(file('sealed-pass.eml'));
    const o = await directseal(['open', '--key', pki.patient.p12, '--pass', 'wrong', '--anchor', pki.anchorPem, '--in', sealed, '--out', file('bad-inner.eml')]);
    expect(o.code).toBe(1);
    expect(o.stderr).toContain(errorLine('BAD_PASSPHRASE'));
  });

  it('seal refuses a CA certificate as recipient (CERT_KEY_USAGE) and writes nothing', async () => {
    const r = await directseal(['seal', '--key', pki.doctor.p12, '--pass', P, '--to', pki.anchorPem, '--in', inputPath, '--out', file('to-ca.eml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^${escapeRe(errorLine('CERT_KEY_USAGE'))} \\(".*DirectSeal Test Root.*" may not receive encrypted mail`));
    expect(existsSync(file('to-ca.eml'))).toBe(false);
  });

  it('refuses garbage input with MESSAGE_MALFORMED', async () => {
    const r = await directseal(openArgs('-', '-'), 'this is not a Direct message\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(errorLine('MESSAGE_MALFORMED'));
    expect(r.stdout.length).toBe(0);
  });

  it.each([
    ['an unknown flag', ['seal', '--key', 'k.p12', '--frobnicate']],
    ['an unknown command', ['frobnicate']],
    ['a bad --cipher', ['seal', '--key', 'k.p12', '--to', 'c.pem', '--cipher', 'des']],
    ['a missing --key', ['open', '--anchor', 'a.pem']],
    ['inspect without a file', ['inspect']],
    ['--json with --out - (both would go to stdout)', ['open', '--key', 'k.p12', '--json', '--out', '-']],
  ])('exits 2 with error: USAGE for %s', async (_label, args) => {
    const r = await directseal(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: USAGE: /);
  });

  it('a missing file is an IO_ERROR', async () => {
    const r = await directseal(['inspect', file('does-not-exist.pem')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(errorLine('IO_ERROR'));
  });
});

describe('directseal inspect', () => {
  it('describes a certificate', async () => {
    const r = await directseal(['inspect', pki.doctor.certPem]);
    expect(r.code).toBe(0);
    const text = r.stdout.toString();
    expect(text).toMatch(/^Certificate\n/);
    expect(text).toContain('Direct addresses: dr.house@doctor.test');
    expect(text).toContain('CN=Gregory House');
    const fingerprint = openssl(['x509', '-in', pki.doctor.certPem, '-noout', '-fingerprint', '-sha256']).toString().split('=')[1]!.trim();
    expect(text).toContain(`SHA-256 fingerprint: ${fingerprint}`);
  });

  it('describes an organization certificate by its domain, and an expired one as EXPIRED', async () => {
    expect((await directseal(['inspect', pki.org.certDer])).stdout.toString()).toContain('domains: clinic.test');
    expect((await directseal(['inspect', pki.expired.certPem])).stdout.toString()).toContain('(EXPIRED)');
  });

  it.each(['bundleP7bDer', 'bundleP7bPem'] as const)('describes a .p7b bundle (%s)', async (which) => {
    const r = await directseal(['inspect', pki[which]]);
    expect(r.code).toBe(0);
    const text = r.stdout.toString();
    expect(text).toMatch(/^Certificate bundle: 2 certificates/);
    expect(text).toContain('CN=DirectSeal Test Root');
    expect(text).toContain('CN=DirectSeal Test Intermediate');
    expect(text.match(/CA: yes/g)).toHaveLength(2);
  });

  it.each([
    ['p12', /modern encryption/],
    ['p12Legacy', /legacy encryption/],
  ] as const)('describes a .p12 (%s) without asking for its passphrase', async (which, kind) => {
    const r = await directseal(['inspect', pki.doctor[which]]); // stdin is empty and closed: nothing to answer a prompt
    expect(r.code).toBe(0);
    const text = r.stdout.toString();
    expect(text).toMatch(/^PKCS#12 identity file/);
    expect(text).toMatch(kind);
    expect(text).toMatch(/integrity: .*SHA-?(256|1)/i);
  });

  it('describes a sealed message: its recipients and algorithms', async () => {
    const sealed = await sealAs(file('sealed-inspect.eml'), ['--cipher', 'aes-256-gcm', '--oaep']);
    const r = await directseal(['inspect', sealed]);
    expect(r.code).toBe(0);
    const text = r.stdout.toString();
    expect(text).toMatch(/^Sealed Direct message: .*content encryption aes-256-gcm, 2 recipient\(s\)/);
    const serial = (path: string) => openssl(['x509', '-in', path, '-noout', '-serial']).toString().replace('serial=', '').trim();
    for (const who of [pki.patient.certPem, pki.doctor.certPem]) expect(text.toUpperCase()).toContain(`SERIAL ${serial(who)}`);
    expect(text.match(/key transport .*OAEP/gi)).toHaveLength(2);

    const cbc = await sealAs(file('sealed-inspect-cbc.eml'));
    const t2 = (await directseal(['inspect', cbc])).stdout.toString();
    expect(t2).toContain('content encryption aes-256-cbc');
    expect(t2).not.toMatch(/OAEP/i);
  });

  it('refuses a file that is none of these with NOT_A_CERTIFICATE', async () => {
    const r = await directseal(['inspect', '-'], 'hello\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(errorLine('NOT_A_CERTIFICATE'));
  });
});

/**
 * GnuPG's gpgsm (2.2.40, libksba 1.6.3) as a peer.
 *
 * Each set of trusted anchors gets its own GNUPGHOME under the work dir, with its own gpg-agent
 * (auto-started; close() kills them with `gpgconf --kill all`): the anchors imported and listed in
 * trustlist.txt with the "S" (S/MIME) flag, CRL/OCSP/dirmngr/policy checks off (there is no network,
 * and dirmngr would otherwise be asked for CRLs), private keys imported from .p12 in loopback pinentry
 * mode with the passphrase on stdin. Identities are named by SHA-1 fingerprint because the org cert has
 * no e-mail address. gpgsm reads and writes bare DER; the harness does the MIME (mime.ts).
 *
 * What gpgsm 2.2.40 can do, as observed (not guessed):
 *  - .p12 import: only the legacy (3DES/RC2) file. OpenSSL 3's default PBES2/AES .p12 fails with
 *    `encryptedData error at "pkcs5PBES2-params"`. Even a legacy file fails now and then (2 in 120 exports of
 *    one key; openssl and DirectSeal read those files): withKey re-exports and retries.
 *  - seal: AES-256-CBC and AES-128-CBC (--cipher-algo). No usable GCM: `--cipher-algo` takes an OID, and
 *    given aes256-GCM (2.16.840.1.101.3.4.1.46) gpgsm writes a plain EnvelopedData (not AuthEnvelopedData)
 *    whose algorithm parameters are a 16-byte CBC-style IV, with no GCMParameters and no tag; `openssl cms
 *    -decrypt` refuses it too ("cipher parameter error"). Key transport is always RSAES-PKCS1-v1_5 (there
 *    is no option for OAEP). gpgsm validates the signer's chain when
 *    signing and refuses an expired certificate ("can't sign ... Certificate expired"); revocation is not
 *    seen because CRL checks are off.
 *  - open: CBC with PKCS#1 v1.5 only. RSA-OAEP fails ("error getting encrypted session key", "No secret
 *    key"). AuthEnvelopedData from OpenSSL fails with "error getting IV: Buffer too short" although the
 *    2.2 NEWS claims AES-GCM decryption (OpenSSL's 12-byte GCM nonce does not fit).
 *  - decrypt: exits 2 although it wrote the plaintext when one RecipientInfo names a certificate it does not
 *    have (the sender's copy in every Direct message): "failed to find the certificate: Unknown system error".
 *    The harness goes by the DECRYPTION_OKAY status line instead of the exit code.
 *  - verify: GOODSIG and VALIDSIG are printed even when the chain does not reach a trusted root; only
 *    TRUST_FULLY/TRUST_ULTIMATE (and exit 0) mean the chain was accepted.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run, runOk, type RunResult } from './exec.js';
import { issuersOf } from './openssl.js';
import { envelopedEml, multipartSigned, pkcs7MimeDer, pkcs7MimeEntity, splitSigned } from './mime.js';
import { anchorKey, callDir, type Capability, type OpenOptions, type OpenResult, type Peer, type SealOptions } from './peer.js';
import { P12_PASSWORD, type Identity } from './pki.js';

interface Home {
  dir: string;
  env: NodeJS.ProcessEnv;
  keys: Set<string>;
  certs: Set<string>;
}

const GPGSM_CONF = ['disable-crl-checks', 'disable-dirmngr', 'disable-policy-checks', 'include-certs -2', 'digest-algo SHA256', ''].join('\n');
// no-allow-mark-trusted: the agent must never offer to trust a root interactively.
// s2k-count at its minimum: the agent re-derives the key-protection key on every private-key use, and at
// the calibrated default that costs ~400 ms per sign or decrypt.
const AGENT_CONF = ['allow-loopback-pinentry', 'no-allow-mark-trusted', 'disable-scdaemon', 's2k-count 65536', ''].join('\n');
// Passphrase on stdin for p12 import and private-key use; loopback keeps pinentry out of the way.
const LOOPBACK = ['--pinentry-mode', 'loopback', '--passphrase-fd', '0'];

async function sha1Fingerprint(certDerPath: string): Promise<string> {
  return createHash('sha1').update(await readFile(certDerPath)).digest('hex').toUpperCase();
}

async function pemFingerprint(pemPath: string): Promise<string> {
  const b64 = (await readFile(pemPath, 'utf8')).replace(/-----(BEGIN|END) [^-]+-----/g, '').replace(/\s+/g, '');
  return createHash('sha1').update(Buffer.from(b64, 'base64')).digest('hex').toUpperCase();
}

function validNow(certPem: string): boolean {
  const c = new X509Certificate(readFileSync(certPem));
  const now = Date.now();
  return Date.parse(c.validFrom) <= now && now <= Date.parse(c.validTo);
}

export async function createGpgsmPeer(workDir: string): Promise<Peer> {
  const homes = new Map<string, Promise<Home>>();
  let homeCount = 0;

  function gpgsm(h: Home, args: readonly string[], input?: string): Promise<RunResult> {
    return run('gpgsm', ['--homedir', h.dir, '--batch', '--no-tty', ...args], { env: h.env, input });
  }

  async function gpgsmOk(h: Home, args: readonly string[], input?: string): Promise<RunResult> {
    const r = await gpgsm(h, args, input);
    if (r.code !== 0) throw new Error(`gpgsm ${args.join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
    return r;
  }

  function home(anchors: readonly string[]): Promise<Home> {
    const key = anchorKey(anchors);
    let p = homes.get(key);
    if (!p) {
      p = (async () => {
        // Short path: the agent's socket lives in the home and sun_path is ~108 bytes.
        const dir = join(workDir, `gh${++homeCount}`);
        await mkdir(dir, { recursive: true, mode: 0o700 });
        await writeFile(join(dir, 'gpgsm.conf'), GPGSM_CONF);
        await writeFile(join(dir, 'gpg-agent.conf'), AGENT_CONF);
        const env: NodeJS.ProcessEnv = { ...process.env, GNUPGHOME: dir };
        delete env['GPG_AGENT_INFO'];
        const h: Home = { dir, env, keys: new Set(), certs: new Set() };
        const trust: string[] = [];
        for (const a of new Set(anchors)) {
          await gpgsmOk(h, ['--import', a]);
          trust.push(`${await pemFingerprint(a)} S`);
        }
        await writeFile(join(dir, 'trustlist.txt'), `${trust.join('\n')}\n`);
        return h;
      })();
      homes.set(key, p);
    }
    return p;
  }

  async function withKey(h: Home, id: Identity): Promise<void> {
    if (h.keys.has(id.address)) return;
    // The modern .p12 is unreadable for gpgsm 2.2 (see top); the legacy one carries the same key and chain.
    let p12 = id.p12Legacy;
    let r = await gpgsm(h, [...LOOPBACK, '--import', p12], `${P12_PASSWORD}\n`);
    // gpgsm 2.2.40 fails on about 1 in 60 legacy .p12 files that openssl and DirectSeal read fine (same key and
    // password, only salt and IV differ): 'data error at "shrouded_key_bag.decrypted-text"'. A fresh export
    // of the same key and chain (new salt) gets through; the key under test stays the same.
    for (let attempt = 1; !imported(r) && /shrouded_key_bag|error parsing or decrypting the PKCS#12/.test(r.stderr) && attempt <= 5; attempt++) {
      p12 = join(h.dir, `${id.name}-reexport-${attempt}.p12`);
      const issuerPems = await issuersOf(id.chainPem);
      const issuers = join(h.dir, `${id.name}-issuers.pem`);
      await writeFile(issuers, issuerPems);
      await runOk('openssl', ['pkcs12', '-export', '-legacy', '-inkey', id.keyPem, '-in', id.certPem,
        ...(issuerPems ? ['-certfile', issuers] : []), '-name', id.address, '-passout', `pass:${P12_PASSWORD}`, '-out', p12]);
      r = await gpgsm(h, [...LOOPBACK, '--import', p12], `${P12_PASSWORD}\n`);
    }
    if (!imported(r)) throw new Error(`gpgsm could not import ${p12}: ${r.stderr.trim()}`);
    h.keys.add(id.address);
    h.certs.add(id.address);
  }

  function imported(r: RunResult): boolean {
    return /secret keys imported: 1|secret keys unchanged: 1/.test(r.stderr);
  }

  async function withCert(h: Home, id: Identity): Promise<void> {
    if (h.certs.has(id.address)) return;
    await gpgsmOk(h, ['--import', id.chainPem]);
    h.certs.add(id.address);
  }

  /** Verdict from --status-fd lines: exit 0, a VALIDSIG, a full trust line, nothing bad. */
  function verdict(r: RunResult): { verified: boolean; detail: string } {
    const status = r.stdout.toString('utf8');
    const verified =
      r.code === 0 &&
      /^\[GNUPG:\] VALIDSIG /m.test(status) &&
      /^\[GNUPG:\] TRUST_(FULLY|ULTIMATE)\b/m.test(status) &&
      !/^\[GNUPG:\] (BADSIG|ERRSIG|EXPSIG|EXPKEYSIG|REVKEYSIG|TRUST_UNDEFINED|TRUST_NEVER)\b/m.test(status);
    return { verified, detail: `${status.trim()}\n${r.stderr.trim()}`.trim() };
  }

  return {
    name: 'gpgsm',
    sealOutput: 'eml',

    supports(c: Capability): boolean {
      if (c.oaep || c.cipher === 'aes-256-gcm') return false;
      // gpgsm validates its own signing cert and will not sign with one outside its validity period.
      if (c.direction === 'seal' && c.signer && !validNow(c.signer.certPem)) return false;
      return true;
    },

    async seal(o: SealOptions): Promise<Uint8Array> {
      const h = await home([o.signer.anchorPem, ...o.recipients.map((r) => r.anchorPem)]);
      await withKey(h, o.signer);
      for (const r of o.recipients) await withCert(h, r);
      const dir = await callDir(workDir, 'gpgsm-seal');
      const innerPath = join(dir, 'inner.eml');
      const sigPath = join(dir, 'signed.der');
      const signedPath = join(dir, 'signed.eml');
      const envPath = join(dir, 'enveloped.der');
      await writeFile(innerPath, o.inner);

      const detached = (o.signedForm ?? 'detached') === 'detached';
      await gpgsmOk(h, [...LOOPBACK, '-u', await sha1Fingerprint(o.signer.certDer), detached ? '--detach-sign' : '--sign', '-o', sigPath, innerPath],
        `${P12_PASSWORD}\n`);
      const sig = await readFile(sigPath);
      await writeFile(signedPath, detached ? multipartSigned(o.inner, sig, 'sha-256') : pkcs7MimeEntity(sig, 'signed-data'));

      // --cipher-algo takes a name or an OID; GCM is asked for by its OID (aes256-GCM, RFC 5084) so that the
      // refusal comes from gpgsm itself, not from this harness.
      const algo = { 'aes-128-cbc': 'AES128', 'aes-256-cbc': 'AES256', 'aes-256-gcm': '2.16.840.1.101.3.4.1.46' }[o.cipher];
      const enc = ['--cipher-algo', algo];
      for (const r of o.recipients) enc.push('-r', await sha1Fingerprint(r.certDer));
      await gpgsmOk(h, [...enc, '--encrypt', '-o', envPath, signedPath]);
      return envelopedEml(await readFile(envPath), o.signer.address, o.recipients.map((r) => r.address));
    },

    async open(o: OpenOptions): Promise<OpenResult> {
      const h = await home([o.anchorPem]);
      await withKey(h, o.recipient);
      const dir = await callDir(workDir, 'gpgsm-open');
      const envPath = join(dir, 'enveloped.der');
      const decPath = join(dir, 'decrypted.eml');
      await writeFile(envPath, pkcs7MimeDer(o.sealed).der);
      // gpgsm exits 2 after any log_error, also when it decrypted fine: a Direct message is encrypted to the
      // sender too, and a recipient that lacks the sender's certificate gets "failed to find the certificate"
      // for that RecipientInfo (DER sorts the SET, so it may come first). Success is the DECRYPTION_OKAY status.
      const d = await gpgsm(h, ['--status-fd', '1', ...LOOPBACK, '--decrypt', '-o', decPath, envPath], `${P12_PASSWORD}\n`);
      const status = d.stdout.toString('utf8');
      if (!/^\[GNUPG:\] DECRYPTION_OKAY\b/m.test(status) || /^\[GNUPG:\] DECRYPTION_FAILED\b/m.test(status)) {
        throw new Error(`gpgsm --decrypt exited ${d.code}: ${d.stderr.trim()} ${status.trim()}`.trim());
      }
      const decrypted = await readFile(decPath);

      const parts = splitSigned(decrypted);
      const sigPath = join(dir, 'signature.der');
      await writeFile(sigPath, parts.cmsDer);
      if (parts.form === 'detached') {
        const contentPath = join(dir, 'content.eml');
        await writeFile(contentPath, parts.content!);
        const v = verdict(await gpgsm(h, ['--status-fd', '1', '--verify', sigPath, contentPath]));
        return { inner: parts.content!, ...v, signedForm: 'detached', decrypted };
      }
      const innerPath = join(dir, 'inner.eml');
      const v = verdict(await gpgsm(h, ['--status-fd', '1', '--verify', '-o', innerPath, sigPath]));
      return { inner: await readFile(innerPath), ...v, signedForm: 'opaque', decrypted };
    },

    async close(): Promise<void> {
      for (const p of homes.values()) {
        const h = await p.catch(() => undefined);
        if (h) await run('gpgconf', ['--homedir', h.dir, '--kill', 'all'], { env: h.env });
      }
    },
  };
}

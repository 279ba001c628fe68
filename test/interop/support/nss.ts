/**
 * NSS (`cmsutil`, `certutil`, `pk12util` from libnss3-tools 3.87) as a peer.
 *
 * NSS looks certificates and keys up in a database, so each set of trusted anchors gets its own
 * `certutil -N --empty-password` database under the work dir: anchors trusted "C,C,C", private keys
 * imported from the modern (PBES2/AES) .p12 with pk12util, recipients' certs added untrusted.
 * cmsutil reads and writes bare DER; the harness does the MIME (mime.ts).
 *
 * What cmsutil 3.87 can do, as observed (not guessed):
 *  - seal: AES-128-CBC only. cmsutil has no cipher option; NSS picks the bulk cipher from the recipient's
 *    stored S/MIME profile, and only applications (Thunderbird) store profiles
 *    (NSS_SMIMESignerInfo_SaveSMIMEProfile), never cmsutil. Without a profile NSS 3.87 picks AES-128-CBC
 *    for RSA recipients. Key transport is always RSAES-PKCS1-v1_5 (no OAEP option).
 *  - open: AES-128-CBC and AES-256-CBC with PKCS#1 v1.5. RSA-OAEP fails with SEC_ERROR_UNSUPPORTED_KEYALG;
 *    AuthEnvelopedData (AES-GCM) fails with SEC_ERROR_UNRECOGNIZED_OID.
 *  - both signed forms: -S signs opaque, -S -T detached; -D -c CONTENT verifies a detached signature.
 *  - cmsutil -D exits 0 even when a signature is bad or untrusted: the verdict is only in the
 *    `-h` status line (`signer0.status=GoodSignature`), which it writes into the output stream.
 *  - by default -S adds an S/MIME EncryptionKeyPreference attribute naming the signer's cert, and then
 *    includes that cert twice in SignedData.certificates (a duplicate DirectSeal must tolerate). Building
 *    that attribute validates the signer's cert, so signing with an expired cert fails; the harness then
 *    retries with `-Y NONE` (no attribute, no duplicate), which NSS accepts.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runOk, run } from './exec.js';
import { envelopedEml, multipartSigned, pkcs7MimeDer, pkcs7MimeEntity, splitSigned } from './mime.js';
import { anchorKey, callDir, type Capability, type OpenOptions, type OpenResult, type Peer, type SealOptions } from './peer.js';
import { P12_PASSWORD, type Identity } from './pki.js';

interface NssDb {
  /** `sql:<dir>` as the tools want it. */
  spec: string;
  /** Addresses whose cert (and maybe key) is in the db. */
  certs: Set<string>;
  keys: Set<string>;
}

export async function createNssPeer(workDir: string): Promise<Peer> {
  const dbs = new Map<string, Promise<NssDb>>();
  let dbCount = 0;

  function db(anchors: readonly string[]): Promise<NssDb> {
    const key = anchorKey(anchors);
    let p = dbs.get(key);
    if (!p) {
      p = (async () => {
        const dir = join(workDir, `nssdb-${++dbCount}`);
        await mkdir(dir, { recursive: true });
        const spec = `sql:${dir}`;
        await runOk('certutil', ['-N', '-d', spec, '--empty-password']);
        let i = 0;
        for (const a of new Set(anchors)) {
          await runOk('certutil', ['-A', '-d', spec, '-n', `anchor-${++i}`, '-t', 'C,C,C', '-i', a]);
        }
        return { spec, certs: new Set<string>(), keys: new Set<string>() };
      })();
      dbs.set(key, p);
    }
    return p;
  }

  async function withKey(d: NssDb, id: Identity): Promise<void> {
    if (d.keys.has(id.address)) return;
    // The .p12 friendlyName is the address, so that becomes the nickname (-N / -r below).
    await runOk('pk12util', ['-i', id.p12, '-d', d.spec, '-W', P12_PASSWORD, '-K', '']);
    d.keys.add(id.address);
    d.certs.add(id.address);
  }

  async function withCert(d: NssDb, id: Identity): Promise<void> {
    if (d.certs.has(id.address)) return;
    await runOk('certutil', ['-A', '-d', d.spec, '-n', id.address, '-t', ',,', '-i', id.certPem]);
    d.certs.add(id.address);
  }

  /** Every signer's status from `cmsutil -D -h 2 -n`; verified only if all are GoodSignature. */
  async function verify(spec: string, sigPath: string, contentPath?: string): Promise<{ verified: boolean; detail: string }> {
    const args = ['-D', '-d', spec, '-i', sigPath, '-h', '2', '-n'];
    if (contentPath) args.push('-c', contentPath);
    const r = await run('cmsutil', args);
    const out = r.stdout.toString('utf8');
    const statuses = [...out.matchAll(/signer\d+\.status=(\w+)/g)].map((m) => m[1]);
    const verified = r.code === 0 && statuses.length > 0 && statuses.every((s) => s === 'GoodSignature');
    return { verified, detail: `${out.trim()} ${r.stderr.trim()}`.trim() };
  }

  return {
    name: 'nss',
    sealOutput: 'eml',

    supports(c: Capability): boolean {
      if (c.oaep || c.cipher === 'aes-256-gcm') return false;
      return c.direction === 'open' || c.cipher === 'aes-128-cbc';
    },

    async seal(o: SealOptions): Promise<Uint8Array> {
      const d = await db([o.signer.anchorPem, ...o.recipients.map((r) => r.anchorPem)]);
      await withKey(d, o.signer);
      for (const r of o.recipients) await withCert(d, r);
      const dir = await callDir(workDir, 'nss-seal');
      const innerPath = join(dir, 'inner.eml');
      const sigPath = join(dir, 'signed.der');
      const signedPath = join(dir, 'signed.eml');
      const envPath = join(dir, 'enveloped.der');
      await writeFile(innerPath, o.inner);

      const detached = (o.signedForm ?? 'detached') === 'detached';
      const sign = ['-S', '-d', d.spec, '-N', o.signer.address, '-H', 'SHA256', '-G', '-P', '-i', innerPath, '-o', sigPath];
      if (detached) sign.push('-T');
      const s = await run('cmsutil', sign);
      if (s.code !== 0) {
        if (!/SEC_ERROR_EXPIRED_CERTIFICATE|SMIMEEncKeyPrefs/.test(s.stderr)) throw new Error(`cmsutil -S: ${s.stderr}`);
        await runOk('cmsutil', [...sign, '-Y', 'NONE']);
      }
      const sig = await readFile(sigPath);
      await writeFile(signedPath, detached ? multipartSigned(o.inner, sig, 'sha-256') : pkcs7MimeEntity(sig, 'signed-data'));

      await runOk('cmsutil', ['-E', '-d', d.spec, '-r', o.recipients.map((r) => r.address).join(','), '-i', signedPath, '-o', envPath]);
      return envelopedEml(await readFile(envPath), o.signer.address, o.recipients.map((r) => r.address));
    },

    async open(o: OpenOptions): Promise<OpenResult> {
      const d = await db([o.anchorPem]);
      await withKey(d, o.recipient);
      const dir = await callDir(workDir, 'nss-open');
      const envPath = join(dir, 'enveloped.der');
      const decPath = join(dir, 'decrypted.eml');
      await writeFile(envPath, pkcs7MimeDer(o.sealed).der);
      await runOk('cmsutil', ['-D', '-d', d.spec, '-i', envPath, '-o', decPath]);
      const decrypted = await readFile(decPath);

      const parts = splitSigned(decrypted);
      const sigPath = join(dir, 'signature.der');
      await writeFile(sigPath, parts.cmsDer);
      if (parts.form === 'detached') {
        const contentPath = join(dir, 'content.eml');
        await writeFile(contentPath, parts.content!);
        const v = await verify(d.spec, sigPath, contentPath);
        return { inner: parts.content!, ...v, signedForm: 'detached', decrypted };
      }
      const v = await verify(d.spec, sigPath);
      const innerPath = join(dir, 'inner.eml');
      await runOk('cmsutil', ['-D', '-d', d.spec, '-i', sigPath, '-o', innerPath]);
      return { inner: await readFile(innerPath), ...v, signedForm: 'opaque', decrypted };
    },

    async close(): Promise<void> {},
  };
}

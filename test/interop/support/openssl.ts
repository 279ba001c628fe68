/**
 * OpenSSL 3 `openssl cms` as a peer.
 *
 * Seal: `cms -sign` (detached: openssl's own multipart/signed writer; opaque: -nodetach) then
 * `cms -encrypt` (-aes-*-cbc -> EnvelopedData, -aes-256-gcm -> AuthEnvelopedData; OAEP via -keyopt).
 * Open: `cms -decrypt` reading the .eml with openssl's own S/MIME parser, then `cms -verify -CAfile anchor`.
 * OpenSSL 3.0 does every cipher x key transport x signed form asked here, and signs with expired or
 * revoked certificates without complaint (it does not validate the signer when signing).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run, runOk } from './exec.js';
import { envelopedEml, hasBareLf, pkcs7MimeEntity, splitSigned, toCrlf } from './mime.js';
import { callDir, type Capability, type OpenOptions, type OpenResult, type Peer, type SealOptions } from './peer.js';

/** The certificates of a PEM chain file after the first (the leaf). */
export async function issuersOf(chainPem: string): Promise<string> {
  const blocks = (await readFile(chainPem, 'utf8')).match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\r?\n?/g) ?? [];
  return blocks.slice(1).join('');
}

export async function createOpensslPeer(workDir: string): Promise<Peer> {
  return {
    name: 'openssl',
    sealOutput: 'eml',

    supports(_c: Capability): boolean {
      return true;
    },

    async seal(o: SealOptions): Promise<Uint8Array> {
      if (hasBareLf(o.inner)) throw new Error('inner entity must use CRLF line ends (canonical MIME)');
      const dir = await callDir(workDir, 'openssl-seal');
      const innerPath = join(dir, 'inner.eml');
      const extraCerts = join(dir, 'extra-certs.pem');
      const signedPath = join(dir, 'signed.eml');
      const envPath = join(dir, 'enveloped.der');
      await writeFile(innerPath, o.inner);
      await writeFile(extraCerts, await issuersOf(o.signer.chainPem));

      // -certfile must not repeat the signer cert: openssl 3.0 then fails with "certificate already present".
      const sign = ['cms', '-sign', '-binary', '-md', 'sha256', '-in', innerPath, '-signer', o.signer.certPem,
        '-inkey', o.signer.keyPem, '-certfile', extraCerts];
      if ((o.signedForm ?? 'detached') === 'detached') {
        await runOk('openssl', [...sign, '-outform', 'SMIME', '-crlfeol', '-out', signedPath]);
        // -crlfeol covers the headers only; openssl ends the base64 signature lines with a bare LF.
        // Safe to normalise: the signed first part (our CRLF-only inner) is untouched.
        await writeFile(signedPath, toCrlf(await readFile(signedPath)));
      } else {
        const der = join(dir, 'signed.der');
        await runOk('openssl', [...sign, '-nodetach', '-outform', 'DER', '-out', der]);
        await writeFile(signedPath, pkcs7MimeEntity(await readFile(der), 'signed-data'));
      }

      const enc = ['cms', '-encrypt', '-binary', '-in', signedPath, `-${o.cipher}`, '-outform', 'DER', '-out', envPath];
      for (const r of o.recipients) {
        enc.push('-recip', r.certPem);
        // -keyopt applies to the -recip before it.
        const md = o.oaepHash ?? 'sha256';
        if (o.oaep) enc.push('-keyopt', 'rsa_padding_mode:oaep', '-keyopt', `rsa_oaep_md:${md}`, '-keyopt', `rsa_mgf1_md:${md}`);
      }
      await runOk('openssl', enc);
      return envelopedEml(await readFile(envPath), o.signer.address, o.recipients.map((r) => r.address));
    },

    async open(o: OpenOptions): Promise<OpenResult> {
      const dir = await callDir(workDir, 'openssl-open');
      const sealedPath = join(dir, 'sealed.eml');
      const decPath = join(dir, 'decrypted.eml');
      const innerPath = join(dir, 'inner.eml');
      await writeFile(sealedPath, o.sealed);
      await runOk('openssl', ['cms', '-decrypt', '-inform', 'SMIME', '-in', sealedPath, '-recip', o.recipient.certPem,
        '-inkey', o.recipient.keyPem, '-out', decPath]);
      const decrypted = await readFile(decPath);
      const signedForm = splitSigned(decrypted).form;

      // No -binary here: with it, openssl's multipart/signed splitter keeps the CR of the CRLF that
      // belongs to the boundary, so the content (and its digest) gains a trailing "\r" and never verifies.
      const verify = ['cms', '-verify', '-inform', 'SMIME', '-in', decPath, '-out', innerPath];
      const v = await run('openssl', [...verify, '-CAfile', o.anchorPem]);
      const verified = v.code === 0;
      // On failure still hand back the content, taken out without any checks.
      if (!verified) await runOk('openssl', [...verify, '-noverify', '-nosigs']);
      return { inner: await readFile(innerPath), verified, detail: v.stderr.trim(), signedForm, decrypted };
    },

    async close(): Promise<void> {},
  };
}

/**
 * BouncyCastle 1.72 (Debian's libbcprov/bcpkix/bcutil/bcmail-java, javax.mail 1.6) as a peer: the library
 * the Java Direct reference implementation, many HISPs and EHRs build on.
 *
 * bc/BcPeer.java is compiled once per run with javac into the peer's work dir, then run as one JVM per
 * seal/open (see BcPeer.java for its arguments). Seal: bcmail's SMIMESignedGenerator (detached or
 * encapsulated) and SMIMEEnvelopedGenerator; AES-GCM via bcpkix's CMSAuthEnvelopedDataGenerator, because
 * bcmail 1.72 has no AuthEnvelopedData generator. The .eml, headers included, is javax.mail's.
 * Open: SMIMEEnveloped / CMSAuthEnvelopedData, SMIMESigned, then a PKIX path to the one anchor (no CRLs).
 * BC 1.72 does every cipher x key transport x signed form asked here, and signs with any certificate.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { runOk } from './exec.js';
import { hasBareLf } from './mime.js';
import { callDir, type Capability, type OpenOptions, type OpenResult, type Peer, type SealOptions, type SignedForm } from './peer.js';
import { P12_PASSWORD } from './pki.js';

const JARS = ['bcprov', 'bcpkix', 'bcutil', 'bcmail', 'javax.mail', 'javax.activation'].map((j) => `/usr/share/java/${j}.jar`);
const SOURCE = fileURLToPath(new URL('./bc/BcPeer.java', import.meta.url));
/** A short-lived JVM: C1 only and the serial collector start fastest; the work is a few ms of crypto. */
const JVM_FLAGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

export async function createBouncyCastlePeer(workDir: string): Promise<Peer> {
  const classes = join(workDir, 'classes');
  await runOk('javac', ['-nowarn', '-cp', JARS.join(':'), '-d', classes, SOURCE], { timeoutMs: 120_000 });
  const classpath = [classes, ...JARS].join(':');
  const java = (args: string[]) => runOk('java', [...JVM_FLAGS, '-cp', classpath, 'BcPeer', ...args], { timeoutMs: 90_000 });

  return {
    name: 'bouncycastle',
    sealOutput: 'eml',

    supports(_c: Capability): boolean {
      return true;
    },

    async seal(o: SealOptions): Promise<Uint8Array> {
      if (hasBareLf(o.inner)) throw new Error('inner entity must use CRLF line ends (canonical MIME)');
      // BcPeer.java seals RSA-OAEP with SHA-256 only: another hash asked for must not pass as if it were used.
      if (o.oaepHash && o.oaepHash !== 'sha256') throw new Error(`the BouncyCastle peer seals RSA-OAEP with SHA-256 only, not ${o.oaepHash}`);
      const dir = await callDir(workDir, 'bc-seal');
      const innerPath = join(dir, 'inner.eml');
      const outPath = join(dir, 'sealed.eml');
      await writeFile(innerPath, o.inner);
      const args = ['seal', '--inner', innerPath, '--signer-p12', o.signer.p12, '--password', P12_PASSWORD,
        '--signer-chain', o.signer.chainPem, '--cipher', o.cipher, '--from', o.signer.address,
        '--to', o.recipients.map((r) => r.address).join(','), '--out', outPath];
      for (const r of o.recipients) args.push('--recipient', r.certPem);
      if (o.oaep) args.push('--oaep');
      if (o.signedForm === 'opaque') args.push('--opaque');
      await java(args);
      return readFile(outPath);
    },

    async open(o: OpenOptions): Promise<OpenResult> {
      const dir = await callDir(workDir, 'bc-open');
      const sealedPath = join(dir, 'sealed.eml');
      const decPath = join(dir, 'decrypted.eml');
      const innerPath = join(dir, 'inner.eml');
      await writeFile(sealedPath, o.sealed);
      const r = await java(['open', '--in', sealedPath, '--recipient-p12', o.recipient.p12, '--password', P12_PASSWORD,
        '--anchor', o.anchorPem, '--decrypted', decPath, '--inner', innerPath]);
      const line = r.stdout.toString('utf8').trim();
      const m = /^verified=(true|false) signedForm=(detached|opaque) detail=(.*)$/m.exec(line);
      if (!m) throw new Error(`BcPeer open printed no verdict: ${line} ${r.stderr}`);
      return {
        inner: await readFile(innerPath),
        verified: m[1] === 'true',
        detail: m[3]!,
        signedForm: m[2] as SignedForm,
        decrypted: await readFile(decPath),
      };
    },

    async close(): Promise<void> {},
  };
}

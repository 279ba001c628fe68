/**
 * What the fuzzer and the unit suite's properties feed hostile bytes to: the readers a user's file or a received
 * message reaches. The rule for every one: it returns, or throws a DirectSealError (a typed refusal with a code
 * and a sentence); anything else (a TypeError, a RangeError, a library's own error) is a finding.
 *
 * The identity that opens messages is the Java reference implementation's published test recipient
 * (test/fixtures/direct-java-ri), so seeds from every peer can be made for it and kept in the repository.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DirectSealError } from '../utils/errors';
import { open } from '../utils/direct/open';
import { envelope } from '../utils/cms/enveloped';
import { localPrivateKey, type Recipient } from '../utils/cms/keys';
import { certificateInfo, readCertificates, readCrls, readPkcs12, readPrivateKey } from '../utils/pki';
import { inspectReport } from '../cli/inspect';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RI = join(ROOT, 'test/fixtures/direct-java-ri');
/** The passphrase of every .p12 and encrypted key among the seeds. */
export const SEED_PASSPHRASE = 'fuzz-pass';

export type Target = (input: Uint8Array) => Promise<unknown>;

let identity: Promise<{ recipient: Recipient; anchors: Uint8Array[] }> | undefined;
function riIdentity() {
  identity ??= (async () => {
    const file = (name: string) => new Uint8Array(readFileSync(join(RI, name)));
    const pkcs8 = await readPrivateKey(file('recipient-key.pem'));
    return {
      recipient: { certificate: readCertificates(file('recipient-cert.pem'))[0]!, key: localPrivateKey(pkcs8) },
      anchors: readCertificates(file('trust-anchor.pem')),
    };
  })();
  return identity;
}

/** A fixed clock: a seed's verdict does not change as certificates age. */
const NOW = new Date('2026-06-01T00:00:00Z');

export const TARGETS = {
  /** `open`: locate, decrypt, verify, unwrap (the CLI's and the extension's path for a received message). */
  open: async (input) => {
    const { recipient, anchors } = await riIdentity();
    return open(input.slice(), [recipient], anchors, { now: NOW });
  },
  /**
   * `open` of a message whose encryption is sound and whose content is hostile: the input is the decrypted
   * content (the signed entity) and is encrypted here for the identity, so mutations reach signature checking,
   * certificate reading, path building and MIME parsing, which ciphertext mutations never do.
   */
  openInner: async (input) => {
    const { recipient, anchors } = await riIdentity();
    const der = await envelope(input, [recipient.certificate]);
    return open(der, [recipient], anchors, { now: NOW });
  },
  /** `directseal inspect`: certificates and bundles, a .p12 without its passphrase, a sealed message's recipients. */
  inspect: (input) => inspectReport(input.slice()),
  /** The PKCS#12 reader with the seeds' passphrase (so the MAC and decryption paths are reached). */
  pkcs12: (input) => readPkcs12(input.slice(), SEED_PASSPHRASE),
  /** Certificates (PEM, DER, .p7b) and what is shown of each. */
  certificate: async (input) => {
    for (const der of readCertificates(input.slice())) await certificateInfo(der);
  },
  /** CRL files. */
  crl: async (input) => readCrls(input.slice()),
  /** Private keys: PKCS#8, encrypted PKCS#8, PKCS#1, traditional encrypted PEM. */
  privateKey: (input) => readPrivateKey(input.slice(), SEED_PASSPHRASE),
} satisfies Record<string, Target>;

export type TargetName = keyof typeof TARGETS;
export const TARGET_NAMES = Object.keys(TARGETS) as TargetName[];

/** The outcome of one input: fine (returned or refused with a DirectSealError), or a finding. */
export async function runOne(name: TargetName, input: Uint8Array): Promise<{ ok: true } | { ok: false; error: unknown }> {
  try {
    await TARGETS[name](input);
    return { ok: true };
  } catch (e) {
    return e instanceof DirectSealError ? { ok: true } : { ok: false, error: e };
  }
}

/** Where the seeds, the corpus the fuzzer grew, and its findings are kept, per target. */
export const corpusDirs = (name: TargetName) => ({
  seeds: join(ROOT, 'fuzz/seeds', name),
  corpus: join(ROOT, 'fuzz/corpus', name),
  findings: join(ROOT, 'fuzz/findings', name),
});

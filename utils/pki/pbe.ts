/**
 * Password-based encryption for key containers: PBES2 (PKCS#5 v2.1: PBKDF2 + AES-CBC, as OpenSSL 3 writes
 * .p12 and encrypted PKCS#8) and the PKCS#12 PBE schemes of legacy files (RFC 7292 appendix B key derivation
 * with SHA-1, then 3DES or RC2).
 *
 * Who does what: PBKDF2 and AES-128/256-CBC run on WebCrypto; the PKCS#12 key derivation is a synchronous hash
 * loop (forge's digests); 3DES, RC2 and AES-192 (refused by Chromium) come from forge
 * through utils/legacy/forge.ts.
 */
import { concat } from '../bytes';
import { randomBytes, subtle } from '../crypto';
import { DirectSealError } from '../errors';
import { hashSync, legacyCbcDecrypt } from '../legacy/forge';
import { integer, nullValue, octetString, oid, sequence } from '../cms/der';
import { child, children, expectTag, readOid, readSmallInteger, value, type BerNode } from '../cms/ber';
import { OID } from '../cms/oids';
import { sha1, sha1Rounds } from './sha1';
import { sha256, sha256Rounds } from './sha256';

/** A password in the two encodings the schemes use. */
export interface Password {
  /** UTF-8 bytes: PBKDF2 (PBES2). */
  utf8: Uint8Array;
  /** BMPString (UTF-16BE) with a two-byte terminator: the PKCS#12 key derivation. */
  bmp: Uint8Array;
  /** What is left of the file's allowance of legacy key-derivation rounds (see WORK_PER_FILE). */
  budget: { rounds: number };
}

/**
 * Legacy key-derivation rounds one file may cost in all: a -legacy file at the iteration cap needs six
 * derivations (MAC, certificates' key and IV, the key's two key blocks and IV), so 8,000,000 lets it through
 * and stops a file that repeats its bags to multiply the work (about 2.5 s of CPU at most).
 */
export const WORK_PER_FILE = 8_000_000;

export function passwordForms(password: string): Password {
  return { utf8: new TextEncoder().encode(password), bmp: bmpPassword(password), budget: { rounds: WORK_PER_FILE } };
}

export function bmpPassword(password: string): Uint8Array {
  const out = new Uint8Array(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) {
    out[2 * i] = password.charCodeAt(i) >> 8;
    out[2 * i + 1] = password.charCodeAt(i) & 0xff;
  }
  return out;
}

/** Work limits against hostile files (a file could ask for billions of iterations). */
const MAX_PBKDF2_ITERATIONS = 10_000_000;
/**
 * The legacy PKCS#12 key derivation runs in JavaScript. Real files use 2048 (OpenSSL's default), 2000 (Windows),
 * 10,000 to 50,000 (Java keytool over the years); a million is twenty times the most any of them writes, and
 * costs about 0.3 s per derived value with ./sha1.ts (a legacy file derives four: key, two blocks, IV, MAC).
 */
export const MAX_PKCS12_KDF_ITERATIONS = 1_000_000;
/** The derivation yields to the event loop at least this often, so a big count never freezes the background. */
const SLICE_MS = 10;

const keyFileUnsupported = (detail: string) => new DirectSealError('KEY_FILE_UNSUPPORTED', detail);

// ---- RFC 7292 appendix B key derivation ----

export type Pkcs12Hash = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

const HASH_SIZES: Record<Pkcs12Hash, { u: number; v: number }> = {
  'SHA-1': { u: 20, v: 64 },
  'SHA-256': { u: 32, v: 64 },
  'SHA-384': { u: 48, v: 128 },
  'SHA-512': { u: 64, v: 128 },
};

export const DIGEST_OIDS: Record<string, Pkcs12Hash> = {
  [OID.sha1]: 'SHA-1',
  [OID.sha256]: 'SHA-256',
  [OID.sha384]: 'SHA-384',
  [OID.sha512]: 'SHA-512',
};

interface KdfHash {
  hash: (data: Uint8Array) => Uint8Array;
  /** Replaces the digest in `state` with its own hash, `rounds` times. */
  rounds: (state: Uint8Array, rounds: number) => void;
  /** Rounds between checks of the time slice. */
  step: number;
}

/** The KDF's synchronous hash: our own for SHA-1 and SHA-256 (legacy files and today's), forge's for SHA-384/512. */
function kdfHash(hash: Pkcs12Hash): KdfHash {
  if (hash === 'SHA-1') return { hash: sha1, rounds: sha1Rounds, step: 4000 };
  if (hash === 'SHA-256') return { hash: sha256, rounds: sha256Rounds, step: 4000 };
  const H = hashSync(hash);
  const rounds = (state: Uint8Array, n: number) => {
    let A = state;
    for (let r = 0; r < n; r++) A = H(A);
    state.set(A);
  };
  return { hash: H, rounds, step: 200 };
}

/** The digest size of a PKCS#12 hash, in bytes. */
export const pkcs12HashSize = (hash: Pkcs12Hash): number => HASH_SIZES[hash].u;

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A = H^rounds(A), in slices of at most SLICE_MS between yields. */
async function hashRounds(hash: Pkcs12Hash, first: Uint8Array, rounds: number): Promise<Uint8Array> {
  const A = first;
  const H = kdfHash(hash);
  let sliceStart = performance.now();
  for (let done = 0; done < rounds; ) {
    const step = Math.min(rounds - done, H.step);
    H.rounds(A, step);
    done += step;
    if (done < rounds && performance.now() - sliceStart > SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  return A;
}

/**
 * PKCS#12 KDF: `id` 1 = key, 2 = IV, 3 = MAC key; `password` is already BMP-encoded (see bmpPassword).
 * Asynchronous only to yield: the work is the same synchronous hashing, in slices.
 */
export async function pkcs12Kdf(
  hash: Pkcs12Hash,
  password: Uint8Array,
  salt: Uint8Array,
  id: 1 | 2 | 3,
  iterations: number,
  n: number,
  budget?: { rounds: number },
): Promise<Uint8Array> {
  if (!(iterations >= 1) || iterations > MAX_PKCS12_KDF_ITERATIONS) {
    throw keyFileUnsupported(`PKCS#12 iteration count ${iterations} is out of range (1 to ${MAX_PKCS12_KDF_ITERATIONS})`);
  }
  const { u, v } = HASH_SIZES[hash];
  if (budget) {
    budget.rounds -= iterations * Math.ceil(n / u);
    if (budget.rounds < 0) throw keyFileUnsupported(`the file asks for more than ${WORK_PER_FILE} key-derivation rounds in all`);
  }
  const H = kdfHash(hash).hash;
  const D = new Uint8Array(v).fill(id);
  const stretch = (x: Uint8Array) => {
    const out = new Uint8Array(v * Math.ceil(x.length / v));
    for (let i = 0; i < out.length; i++) out[i] = x[i % x.length]!;
    return out;
  };
  const I = concat([stretch(salt), stretch(password)]);
  const out = new Uint8Array(n);
  for (let done = 0; done < n; done += u) {
    const A = await hashRounds(hash, H(concat([D, I])), iterations - 1);
    out.set(A.subarray(0, Math.min(u, n - done)), done);
    if (done + u >= n) break;
    // I_j = (I_j + B + 1) mod 2^(8v), with B = A repeated to v bytes
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = I[j + k]! + A[k % u]! + carry;
        I[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return out;
}

// ---- decryption ----

/**
 * Decrypts `data` under the algorithm identifier `alg` (PBES2 or PKCS#12 PBE). Returns null when the password
 * is wrong (bad padding); throws KEY_FILE_UNSUPPORTED for schemes we do not read (RC4, PBES1 DES/MD5).
 */
export async function pbeDecrypt(alg: BerNode, password: Password, data: Uint8Array): Promise<Uint8Array | null> {
  const algorithm = readOid(expectTag(child(alg, 0, 'AlgorithmIdentifier'), 0x06, 'algorithm'));
  const params = child(alg, 1, 'AlgorithmIdentifier');
  if (algorithm === OID.pbes2) return pbes2Decrypt(params, password.utf8, data);
  const p12 = PKCS12_PBE[algorithm];
  if (!p12) throw keyFileUnsupported(`password-based encryption ${algorithm}`);
  expectTag(params, 0x30, 'PKCS#12 PBE parameters');
  const salt = value(expectTag(child(params, 0, 'pbeParams'), 0x04, 'salt'));
  const iterations = readSmallInteger(child(params, 1, 'pbeParams'));
  let key = await pkcs12Kdf('SHA-1', password.bmp, salt, 1, iterations, p12.keyLength, password.budget);
  const iv = await pkcs12Kdf('SHA-1', password.bmp, salt, 2, iterations, 8, password.budget);
  if (p12.cipher === 'des-ede3-cbc' && key.length === 16) key = concat([key, key.subarray(0, 8)]);
  return legacyCbcDecrypt(p12.cipher, key, iv, data, p12.rc2Bits);
}

const PKCS12_PBE: Record<string, { cipher: 'des-ede3-cbc' | 'rc2-cbc'; keyLength: number; rc2Bits?: number }> = {
  [OID.pbeWithSHAAnd3KeyTripleDESCBC]: { cipher: 'des-ede3-cbc', keyLength: 24 },
  [OID.pbeWithSHAAnd2KeyTripleDESCBC]: { cipher: 'des-ede3-cbc', keyLength: 16 },
  [OID.pbeWithSHAAnd128BitRC2CBC]: { cipher: 'rc2-cbc', keyLength: 16, rc2Bits: 128 },
  [OID.pbeWithSHAAnd40BitRC2CBC]: { cipher: 'rc2-cbc', keyLength: 5, rc2Bits: 40 },
};

const PRF_HASHES: Record<string, string> = {
  [OID.hmacWithSHA1]: 'SHA-1',
  [OID.hmacWithSHA256]: 'SHA-256',
  [OID.hmacWithSHA384]: 'SHA-384',
  [OID.hmacWithSHA512]: 'SHA-512',
};

const PBES2_CIPHERS: Record<string, { keyLength: number; kind: 'aes' | 'aes-legacy' | 'des-ede3-cbc' }> = {
  [OID.aes128Cbc]: { keyLength: 16, kind: 'aes' },
  [OID.aes192Cbc]: { keyLength: 24, kind: 'aes-legacy' },
  [OID.aes256Cbc]: { keyLength: 32, kind: 'aes' },
  [OID.desEde3Cbc]: { keyLength: 24, kind: 'des-ede3-cbc' },
};

async function pbes2Decrypt(params: BerNode, password: Uint8Array, data: Uint8Array): Promise<Uint8Array | null> {
  expectTag(params, 0x30, 'PBES2 parameters');
  const kdf = expectTag(child(params, 0, 'PBES2'), 0x30, 'keyDerivationFunc');
  const enc = expectTag(child(params, 1, 'PBES2'), 0x30, 'encryptionScheme');
  const kdfOid = readOid(child(kdf, 0, 'keyDerivationFunc'));
  if (kdfOid !== OID.pbkdf2) throw keyFileUnsupported(`PBES2 key derivation ${kdfOid}`);
  const kp = children(expectTag(child(kdf, 1, 'keyDerivationFunc'), 0x30, 'PBKDF2 parameters'));
  const salt = value(expectTag(kp[0], 0x04, 'PBKDF2 salt'));
  const iterations = readSmallInteger(expectTag(kp[1], 0x02, 'PBKDF2 iterations'));
  let prf = 'SHA-1';
  const prfNode = kp.find((c) => c.tag === 0x30);
  if (prfNode) {
    const prfOid = readOid(child(prfNode, 0, 'prf'));
    const h = PRF_HASHES[prfOid];
    if (!h) throw keyFileUnsupported(`PBKDF2 PRF ${prfOid}`);
    prf = h;
  }
  const encOid = readOid(child(enc, 0, 'encryptionScheme'));
  const cipher = PBES2_CIPHERS[encOid];
  if (!cipher) throw keyFileUnsupported(`PBES2 cipher ${encOid}`);
  const iv = value(expectTag(child(enc, 1, 'encryptionScheme'), 0x04, 'IV'));
  const key = await pbkdf2(password, salt, iterations, prf, cipher.keyLength);
  if (cipher.kind !== 'aes') return legacyCbcDecrypt(cipher.kind === 'aes-legacy' ? 'aes-cbc' : 'des-ede3-cbc', key, iv, data);
  try {
    const k = await subtle().importKey('raw', key.slice(), 'AES-CBC', false, ['decrypt']);
    return new Uint8Array(await subtle().decrypt({ name: 'AES-CBC', iv: iv.slice() }, k, data.slice()));
  } catch {
    return null;
  } finally {
    key.fill(0);
  }
}

async function pbkdf2(password: Uint8Array, salt: Uint8Array, iterations: number, hash: string, length: number): Promise<Uint8Array> {
  if (!(iterations >= 1) || iterations > MAX_PBKDF2_ITERATIONS) {
    throw keyFileUnsupported(`PBKDF2 iteration count ${iterations} is out of range (1 to ${MAX_PBKDF2_ITERATIONS})`);
  }
  const base = await subtle().importKey('raw', password.slice(), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle().deriveBits({ name: 'PBKDF2', hash, salt: salt.slice(), iterations }, base, length * 8);
  return new Uint8Array(bits);
}

// ---- encryption (what we write: PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC) ----

/** Encrypts under PBES2; returns the DER AlgorithmIdentifier and the ciphertext. */
export async function pbes2Encrypt(
  plain: Uint8Array,
  password: Uint8Array,
  iterations: number,
): Promise<{ algorithm: Uint8Array; ciphertext: Uint8Array }> {
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const key = await pbkdf2(password, salt, iterations, 'SHA-256', 32);
  const k = await subtle().importKey('raw', key.slice(), 'AES-CBC', false, ['encrypt']);
  key.fill(0);
  const ciphertext = new Uint8Array(await subtle().encrypt({ name: 'AES-CBC', iv: iv.slice() }, k, plain.slice()));
  const algorithm = sequence(
    oid(OID.pbes2),
    sequence(
      sequence(oid(OID.pbkdf2), sequence(octetString(salt), integer(iterations), sequence(oid(OID.hmacWithSHA256), nullValue()))),
      sequence(oid(OID.aes256Cbc), octetString(iv)),
    ),
  );
  return { algorithm, ciphertext };
}

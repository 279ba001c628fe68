/**
 * Content encryption for EnvelopedData (AES-CBC, RFC 3565) and AuthEnvelopedData (AES-GCM, RFC 5084),
 * on WebCrypto. 3DES content (old peers) is opened through the legacy module.
 */
import { DirectSealError } from '../errors';
import { subtle, randomBytes } from '../crypto';
import { concat, toArrayBuffer } from '../bytes';
import { cbcCiphertextLength, decryptCbc, encryptCbc } from './cbc-chunked';
import { algorithm, integer, octetString, sequence } from './der';
import { children, expectTag, readSmallInteger, value, type BerNode } from './ber';
import { OID } from './oids';
import { desEde3CbcDecrypt } from '../legacy/forge';

export type ContentCipher = 'aes-256-cbc' | 'aes-128-cbc' | 'aes-256-gcm';

export const CONTENT_CIPHERS: readonly ContentCipher[] = ['aes-256-cbc', 'aes-128-cbc', 'aes-256-gcm'];

interface CipherSpec {
  mode: 'cbc' | 'gcm' | '3des';
  keyLength: number;
  name: string;
}

const SPECS: Record<string, CipherSpec> = {
  [OID.aes128Cbc]: { mode: 'cbc', keyLength: 16, name: 'aes-128-cbc' },
  [OID.aes192Cbc]: { mode: 'cbc', keyLength: 24, name: 'aes-192-cbc' },
  [OID.aes256Cbc]: { mode: 'cbc', keyLength: 32, name: 'aes-256-cbc' },
  [OID.aes128Gcm]: { mode: 'gcm', keyLength: 16, name: 'aes-128-gcm' },
  [OID.aes192Gcm]: { mode: 'gcm', keyLength: 24, name: 'aes-192-gcm' },
  [OID.aes256Gcm]: { mode: 'gcm', keyLength: 32, name: 'aes-256-gcm' },
  [OID.desEde3Cbc]: { mode: '3des', keyLength: 24, name: 'des-ede3-cbc' },
};

const OID_BY_CIPHER: Record<ContentCipher, string> = {
  'aes-256-cbc': OID.aes256Cbc,
  'aes-128-cbc': OID.aes128Cbc,
  'aes-256-gcm': OID.aes256Gcm,
};

const GCM_TAG_BYTES = 16;

export interface ContentEncryption {
  key: Uint8Array;
  algorithmIdentifier: Uint8Array;
  ciphertextLength: number;
  /** The GCM tag, carried outside the ciphertext in AuthEnvelopedData. */
  mac?: Uint8Array;
  /** Hands the ciphertext to `write` in order, in pieces; `write` must copy each before it returns. */
  writeCiphertext(write: (bytes: Uint8Array) => void): Promise<void>;
}

/**
 * Sets up the encryption of the concatenation of `plaintext` with a fresh key. AES-CBC runs later, chunk by chunk
 * (cbc-chunked.ts), when the ciphertext is written, so the parts are never joined. AES-GCM cannot be chunked with
 * WebCrypto (one call, one tag): it is encrypted whole, here, so the tag is known before the DER is laid out.
 */
export async function startContentEncryption(cipher: ContentCipher, plaintext: readonly Uint8Array[]): Promise<ContentEncryption> {
  const oidValue = OID_BY_CIPHER[cipher];
  const spec = SPECS[oidValue]!;
  const key = randomBytes(spec.keyLength);
  let length = 0;
  for (const p of plaintext) length += p.length;
  if (spec.mode === 'cbc') {
    const iv = randomBytes(16);
    const k = await subtle().importKey('raw', toArrayBuffer(key), 'AES-CBC', false, ['encrypt']);
    return {
      key,
      algorithmIdentifier: algorithm(oidValue, octetString(iv)),
      ciphertextLength: cbcCiphertextLength(length),
      writeCiphertext: (write) => encryptCbc(k, iv, plaintext, write),
    };
  }
  const nonce = randomBytes(12);
  const k = await subtle().importKey('raw', toArrayBuffer(key), 'AES-GCM', false, ['encrypt']);
  const whole = plaintext.length === 1 ? plaintext[0]! : concat(plaintext);
  const out = new Uint8Array(
    await subtle().encrypt({ name: 'AES-GCM', iv: toArrayBuffer(nonce), tagLength: GCM_TAG_BYTES * 8 }, k, whole as BufferSource),
  );
  const ciphertext = out.subarray(0, out.length - GCM_TAG_BYTES);
  // GCMParameters ::= SEQUENCE { aes-nonce OCTET STRING, aes-ICVlen INTEGER DEFAULT 12 } (RFC 5084 3.2)
  const params = sequence(octetString(nonce), integer(GCM_TAG_BYTES));
  return {
    key,
    algorithmIdentifier: algorithm(oidValue, params),
    ciphertextLength: ciphertext.length,
    mac: out.slice(out.length - GCM_TAG_BYTES),
    writeCiphertext: async (write) => write(ciphertext),
  };
}

export function contentCipherSpec(oidValue: string): CipherSpec {
  const spec = SPECS[oidValue];
  if (!spec) throw new DirectSealError('ALGORITHM_UNSUPPORTED', `content encryption ${oidValue}`);
  return spec;
}

/**
 * Decrypts content. AES-CBC is decrypted in chunks into `out` when given (at least the ciphertext's length; it
 * may be the ciphertext itself, to decrypt in place), else into a new buffer; the result is a view of it.
 */
export async function decryptContent(
  oidValue: string,
  params: BerNode | undefined,
  key: Uint8Array,
  ciphertext: Uint8Array,
  mac?: Uint8Array,
  out?: Uint8Array,
): Promise<Uint8Array> {
  const spec = contentCipherSpec(oidValue);
  const failed = (e: unknown) => new DirectSealError('DECRYPTION_FAILED', spec.name, { cause: e });
  if (spec.mode === '3des') {
    const iv = value(expectTag(params, 0x04, 'a 3DES IV'));
    try {
      return desEde3CbcDecrypt(key, iv, ciphertext);
    } catch (e) {
      throw failed(e);
    }
  }
  if (spec.mode === 'cbc') {
    const iv = value(expectTag(params, 0x04, 'an AES-CBC IV'));
    if (iv.length !== 16) throw new DirectSealError('MESSAGE_MALFORMED', 'AES-CBC IV must be 16 bytes');
    try {
      // Chunked (cbc-chunked.ts), which also encrypts one block per chunk: hence both usages.
      const k = await subtle().importKey('raw', toArrayBuffer(key), 'AES-CBC', false, ['encrypt', 'decrypt']);
      const plaintext = out ?? new Uint8Array(ciphertext.length);
      return plaintext.subarray(0, await decryptCbc(k, iv, ciphertext, plaintext));
    } catch (e) {
      throw failed(e);
    }
  }
  const p = children(expectTag(params, 0x30, 'GCM parameters'));
  const nonce = value(expectTag(p[0], 0x04, 'a GCM nonce'));
  const tagLength = p[1] ? readSmallInteger(p[1]) : 12;
  if (!mac || mac.length !== tagLength) throw new DirectSealError('MESSAGE_MALFORMED', 'GCM tag length mismatch');
  const joined = new Uint8Array(ciphertext.length + mac.length);
  joined.set(ciphertext);
  joined.set(mac, ciphertext.length);
  try {
    const k = await subtle().importKey('raw', toArrayBuffer(key), 'AES-GCM', false, ['decrypt']);
    return new Uint8Array(await subtle().decrypt({ name: 'AES-GCM', iv: toArrayBuffer(nonce), tagLength: tagLength * 8 }, k, joined));
  } catch (e) {
    throw failed(e);
  }
}

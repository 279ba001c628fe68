/**
 * The optional passphrase lock: the PKCS#8 at rest under AES-GCM with a key derived by PBKDF2-HMAC-SHA256.
 * PBKDF2 because WebCrypto has it everywhere (no Argon2/scrypt); the iteration count is stored with each key,
 * so raising it later leaves existing keys readable.
 */
import { subtle, randomBytes } from '../crypto';
import { DirectSealError } from '../errors';
import { toArrayBuffer } from '../bytes';
import { openPrivateKey, sealPrivateKey } from './aes-gcm';
import type { PassphraseWrappedKey, Pbkdf2Params } from './wrapped-key';

/** OWASP Password Storage Cheat Sheet (2023) for PBKDF2-HMAC-SHA256. */
export const PBKDF2_ITERATIONS = 600_000;
const SALT_BYTES = 16;

export async function lockKey(pkcs8: Uint8Array, passphrase: string): Promise<PassphraseWrappedKey> {
  requirePassphrase(passphrase);
  const kdf: Pbkdf2Params = { name: 'PBKDF2', hash: 'SHA-256', iterations: PBKDF2_ITERATIONS, salt: randomBytes(SALT_BYTES) };
  const { iv, ciphertext } = await sealPrivateKey(pkcs8, await deriveKey(passphrase, kdf));
  return { kind: 'passphrase', alg: 'AES-GCM', kdf, iv, ciphertext };
}

/** The caller owns the returned PKCS#8 and must zeroize it. A wrong passphrase is BAD_PASSPHRASE. */
export async function unlockKey(locked: PassphraseWrappedKey, passphrase: string): Promise<Uint8Array> {
  requirePassphrase(passphrase);
  const key = await deriveKey(passphrase, locked.kdf);
  try {
    return await openPrivateKey(locked, key);
  } catch (e) {
    // GCM cannot tell a wrong passphrase from altered bytes; the wrong passphrase is by far the likelier.
    throw new DirectSealError('BAD_PASSPHRASE', 'the passphrase does not unlock this key', { cause: e });
  }
}

function requirePassphrase(passphrase: string): void {
  if (passphrase.length === 0) throw new DirectSealError('BAD_PASSPHRASE', 'the passphrase is empty');
}

async function deriveKey(passphrase: string, kdf: Pbkdf2Params): Promise<CryptoKey> {
  // NFC: the same passphrase typed on macOS and Windows can arrive in different Unicode forms.
  const secret = new TextEncoder().encode(passphrase.normalize('NFC'));
  const base = await subtle().importKey('raw', secret, 'PBKDF2', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: kdf.hash, iterations: kdf.iterations, salt: toArrayBuffer(kdf.salt) },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

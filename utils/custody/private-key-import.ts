/**
 * PKCS#8 into non-extractable CryptoKeys for the operations WebCrypto can do itself (signing, RSA-OAEP), so
 * those never need the PKCS#8 again once imported. PKCS#1 v1.5 decryption cannot (no WebCrypto support) and
 * goes through `withPrivateKey` instead.
 */
import { subtle } from '../crypto';
import { DirectSealError } from '../errors';

export type SigningScheme = 'RSASSA-PKCS1-v1_5' | 'RSA-PSS';

export async function importSigningKey(pkcs8: Uint8Array, scheme: SigningScheme = 'RSASSA-PKCS1-v1_5'): Promise<CryptoKey> {
  return importRsa(pkcs8, { name: scheme, hash: 'SHA-256' }, ['sign']);
}

export async function importOaepKey(pkcs8: Uint8Array): Promise<CryptoKey> {
  return importRsa(pkcs8, { name: 'RSA-OAEP', hash: 'SHA-256' }, ['decrypt', 'unwrapKey']);
}

async function importRsa(pkcs8: Uint8Array, algorithm: RsaHashedImportParams, usages: KeyUsage[]): Promise<CryptoKey> {
  try {
    // Passed as the view: a copied buffer would hold the key after the caller zeroizes theirs.
    return await subtle().importKey('pkcs8', pkcs8 as Uint8Array<ArrayBuffer>, algorithm, false, usages);
  } catch (e) {
    throw new DirectSealError('NO_PRIVATE_KEY', `not an RSA PKCS#8 private key (${algorithm.name})`, { cause: e });
  }
}

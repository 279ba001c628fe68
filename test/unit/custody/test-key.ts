/** A fresh RSA key as PKCS#8, made extractable only so the test can hold its bytes. */
export async function testPkcs8(modulusLength = 2048): Promise<Uint8Array> {
  const pair = await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  );
  return new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
}

export async function testPublicKeyFor(pkcs8: Uint8Array, name: 'RSASSA-PKCS1-v1_5' | 'RSA-OAEP'): Promise<CryptoKey> {
  const usages: KeyUsage[] = name === 'RSA-OAEP' ? ['decrypt'] : ['sign'];
  const priv = await crypto.subtle.importKey('pkcs8', pkcs8 as Uint8Array<ArrayBuffer>, { name, hash: 'SHA-256' }, true, usages);
  const jwk = await crypto.subtle.exportKey('jwk', priv);
  const pub = { kty: jwk.kty, n: jwk.n, e: jwk.e };
  return crypto.subtle.importKey('jwk', pub, { name, hash: 'SHA-256' }, false, name === 'RSA-OAEP' ? ['encrypt'] : ['verify']);
}

/** Whether `needle` occurs anywhere in `hay`: the wrapped form must never contain the key in the clear. */
export function contains(hay: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** A key-encryption key as earlier versions made one (kept in IndexedDB; read now only to migrate). */
export async function legacyKek(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

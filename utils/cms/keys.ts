/**
 * Private-key operations behind an interface, so the key can live elsewhere (the extension's background
 * service) while the CMS code runs anywhere. `localPrivateKey` implements it over a PKCS#8 in memory (CLI, tests).
 */
import { subtle } from '../crypto';
import { toArrayBuffer } from '../bytes';
import { rsaPkcs1v15Decrypt } from '../legacy/forge-rsa';
import type { HashName } from './oids';

export type SignatureScheme =
  | { name: 'RSASSA-PKCS1-v1_5'; hash: HashName }
  | { name: 'RSA-PSS'; hash: HashName; saltLength: number };

export type KeyTransportScheme = { name: 'RSAES-PKCS1-v1_5' } | { name: 'RSA-OAEP'; hash: HashName };

export interface PrivateKeyOperations {
  sign(data: Uint8Array, scheme: SignatureScheme): Promise<Uint8Array>;
  /** Decrypts a content-encryption key; for PKCS#1 v1.5 a bad padding yields random bytes, never an error. */
  decryptKey(encryptedKey: Uint8Array, scheme: KeyTransportScheme, keyLength: number): Promise<Uint8Array>;
}

/** A signer: its key, its certificate, and the chain to include in the message (without the anchor, ideally). */
export interface Signer {
  certificate: Uint8Array;
  chain: Uint8Array[];
  key: PrivateKeyOperations;
}

/** An identity able to open messages sent to `certificate`. */
export interface Recipient {
  certificate: Uint8Array;
  key: PrivateKeyOperations;
}

export function localPrivateKey(pkcs8: Uint8Array): PrivateKeyOperations {
  const imported = new Map<string, Promise<CryptoKey>>();
  const importFor = (algorithm: RsaHashedImportParams, usage: KeyUsage) => {
    const id = `${algorithm.name}/${String(algorithm.hash)}`;
    let key = imported.get(id);
    if (!key) {
      key = subtle().importKey('pkcs8', toArrayBuffer(pkcs8), algorithm, false, [usage]);
      imported.set(id, key);
    }
    return key;
  };
  return {
    async sign(data, scheme) {
      const key = await importFor({ name: scheme.name, hash: scheme.hash }, 'sign');
      const params = scheme.name === 'RSA-PSS' ? { name: 'RSA-PSS', saltLength: scheme.saltLength } : { name: scheme.name };
      return new Uint8Array(await subtle().sign(params, key, toArrayBuffer(data)));
    },
    async decryptKey(encryptedKey, scheme, keyLength) {
      if (scheme.name === 'RSAES-PKCS1-v1_5') return rsaPkcs1v15Decrypt(pkcs8, encryptedKey, keyLength);
      const key = await importFor({ name: 'RSA-OAEP', hash: scheme.hash }, 'decrypt');
      return new Uint8Array(await subtle().decrypt({ name: 'RSA-OAEP' }, key, toArrayBuffer(encryptedKey)));
    },
  };
}

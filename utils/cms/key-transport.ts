/**
 * Key transport recipient infos (RFC 5652 6.2.1): RSAES-PKCS1-v1_5 (what every peer opens; the default) and
 * RSAES-OAEP with SHA-256 (RFC 4055 4.1) on request; opening accepts OAEP with SHA-1 or SHA-2 too.
 */
import { DirectSealError } from '../errors';
import { subtle } from '../crypto';
import { toArrayBuffer } from '../bytes';
import { algorithm, explicit, integer, nullValue, octetString, sequence } from './der';
import { children, readOid, type BerNode } from './ber';
import { certificateFields } from './certificate-fields';
import { rsaPkcs1v15Encrypt } from './rsa-encrypt';
import { HASH_BY_OID, OID, OID_BY_HASH, type HashName } from './oids';
import type { KeyTransportScheme } from './keys';

export type KeyTransport = 'rsa-pkcs1' | 'rsa-oaep';

function oaepAlgorithm(hash: HashName): Uint8Array {
  const hashAlg = algorithm(OID_BY_HASH[hash]);
  // RSAES-OAEP-params: hashFunc [0], maskGenFunc [1] = mgf1 with the same hash; pSourceFunc left at its default.
  return algorithm(OID.rsaesOaep, sequence(explicit(0, hashAlg), explicit(1, algorithm(OID.mgf1, hashAlg))));
}

/** KeyTransRecipientInfo v0 identified by IssuerAndSerialNumber (what every peer understands). */
export async function keyTransRecipientInfo(certificate: Uint8Array, cek: Uint8Array, transport: KeyTransport): Promise<Uint8Array> {
  const c = certificateFields(certificate);
  if (c.publicKeyAlgorithm !== OID.rsaEncryption) {
    throw new DirectSealError('ALGORITHM_UNSUPPORTED', `recipient key algorithm ${c.publicKeyAlgorithm} (RSA required)`);
  }
  let encryptedKey: Uint8Array;
  let keyAlgorithm: Uint8Array;
  if (transport === 'rsa-oaep') {
    const key = await subtle().importKey('spki', toArrayBuffer(c.spki), { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['encrypt']);
    encryptedKey = new Uint8Array(await subtle().encrypt({ name: 'RSA-OAEP' }, key, toArrayBuffer(cek)));
    keyAlgorithm = oaepAlgorithm('SHA-256');
  } else {
    encryptedKey = rsaPkcs1v15Encrypt(c.spki, cek);
    keyAlgorithm = algorithm(OID.rsaEncryption, nullValue());
  }
  const rid = sequence(c.issuer, integer(c.serial)); // IssuerAndSerialNumber
  return sequence(integer(0), rid, keyAlgorithm, octetString(encryptedKey));
}

/** Reads keyEncryptionAlgorithm into the scheme the private key must use. */
export function keyTransportScheme(algorithmNode: BerNode): KeyTransportScheme {
  const [oidNode, params] = children(algorithmNode);
  const o = readOid(oidNode!);
  if (o === OID.rsaEncryption) return { name: 'RSAES-PKCS1-v1_5' };
  if (o !== OID.rsaesOaep) throw new DirectSealError('ALGORITHM_UNSUPPORTED', `key transport ${o}`);
  let hash: HashName = 'SHA-1'; // RFC 4055 defaults
  let mgfHash: HashName = 'SHA-1';
  for (const field of params && params.tag === 0x30 ? children(params) : []) {
    const alg = children(children(field)[0]!);
    if (field.tag === 0xa0) hash = hashOf(alg[0]!);
    if (field.tag === 0xa1) {
      if (readOid(alg[0]!) !== OID.mgf1) throw new DirectSealError('ALGORITHM_UNSUPPORTED', 'OAEP mask generation');
      mgfHash = hashOf(children(alg[1]!)[0]!);
    }
    if (field.tag === 0xa2) throw new DirectSealError('ALGORITHM_UNSUPPORTED', 'OAEP label');
  }
  // WebCrypto ties MGF1's hash to the OAEP hash.
  if (mgfHash !== hash) throw new DirectSealError('ALGORITHM_UNSUPPORTED', `OAEP with ${hash} and MGF1-${mgfHash}`);
  return { name: 'RSA-OAEP', hash };
}

function hashOf(oidNode: BerNode): HashName {
  const h = HASH_BY_OID[readOid(oidNode)];
  if (!h) throw new DirectSealError('ALGORITHM_UNSUPPORTED', `hash ${readOid(oidNode)}`);
  return h;
}

export const describeKeyTransport = (s: KeyTransportScheme): string =>
  s.name === 'RSA-OAEP' ? `RSA-OAEP (${s.hash})` : 'RSAES-PKCS1-v1_5';

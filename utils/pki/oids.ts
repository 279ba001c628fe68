/**
 * OpenSSL-style names for display, and the signature algorithm policy sets. The identifiers themselves are in
 * the one table of utils/cms/oids.ts.
 */
import { OID } from '../cms/oids';

/** Certificate signature algorithms, named as OpenSSL prints them. */
export const SIGNATURE_ALGORITHM_NAMES: Record<string, string> = {
  [OID.md5WithRsa]: 'md5WithRSAEncryption',
  [OID.sha1WithRsa]: 'sha1WithRSAEncryption',
  [OID.sha224WithRsa]: 'sha224WithRSAEncryption',
  [OID.sha256WithRsa]: 'sha256WithRSAEncryption',
  [OID.sha384WithRsa]: 'sha384WithRSAEncryption',
  [OID.sha512WithRsa]: 'sha512WithRSAEncryption',
  [OID.rsassaPss]: 'rsassaPss',
  [OID.ecdsaWithSha1]: 'ecdsa-with-SHA1',
  [OID.ecdsaWithSha224]: 'ecdsa-with-SHA224',
  [OID.ecdsaWithSha256]: 'ecdsa-with-SHA256',
  [OID.ecdsaWithSha384]: 'ecdsa-with-SHA384',
  [OID.ecdsaWithSha512]: 'ecdsa-with-SHA512',
  [OID.ed25519]: 'ED25519',
  [OID.ed448]: 'ED448',
};

/** Signature algorithms still accepted on certificates from old peers, but worth a warning. */
export const WEAK_SIGNATURE_ALGORITHMS = new Set<string>([OID.sha1WithRsa, OID.ecdsaWithSha1]);

/** Signature algorithms never accepted (WebCrypto cannot check them anyway). */
export const BROKEN_SIGNATURE_ALGORITHMS = new Set<string>([OID.md5WithRsa, OID.md2WithRsa, OID.md4WithRsa]);

export const CURVE_NAMES: Record<string, string> = {
  [OID.secp256r1]: 'P-256',
  [OID.secp384r1]: 'P-384',
  [OID.secp521r1]: 'P-521',
};

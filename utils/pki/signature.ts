/**
 * Checks a signature made by a certificate's key over some bytes (a CRL's tbsCertList), with the algorithm
 * identifier the signed object names: RSASSA-PKCS1-v1_5 and RSASSA-PSS with SHA-1/2, ECDSA with SHA-1/2.
 * Straight on WebCrypto, so a large signed object is hashed once and never turned into a tree of objects.
 */
import { subtle } from '../crypto';
import { children, readExact, readOid, value, type BerNode } from '../cms/ber';
import { algorithm, nullValue, sequence, tlv } from '../cms/der';
import { OID, type HashName } from '../cms/oids';
import type { ParsedCert } from './cert';
import { CURVE_NAMES } from './oids';
import { pssParams } from '../cms/pss-params';

type Scheme =
  | { name: 'RSASSA-PKCS1-v1_5'; hash: HashName }
  | { name: 'RSA-PSS'; hash: HashName; saltLength: number }
  | { name: 'ECDSA'; hash: HashName };

const RSA_WITH: Record<string, HashName> = {
  [OID.sha1WithRsa]: 'SHA-1',
  [OID.sha256WithRsa]: 'SHA-256',
  [OID.sha384WithRsa]: 'SHA-384',
  [OID.sha512WithRsa]: 'SHA-512',
};

const ECDSA_WITH: Record<string, HashName> = {
  [OID.ecdsaWithSha1]: 'SHA-1',
  [OID.ecdsaWithSha256]: 'SHA-256',
  [OID.ecdsaWithSha384]: 'SHA-384',
  [OID.ecdsaWithSha512]: 'SHA-512',
};

/** The scheme an AlgorithmIdentifier names, or undefined for one we do not check. */
function schemeOf(alg: BerNode): Scheme | undefined {
  const [o, params] = children(alg);
  const id = readOid(o!);
  if (RSA_WITH[id]) return { name: 'RSASSA-PKCS1-v1_5', hash: RSA_WITH[id] };
  if (ECDSA_WITH[id]) return { name: 'ECDSA', hash: ECDSA_WITH[id] };
  if (id !== OID.rsassaPss) return undefined;
  return { name: 'RSA-PSS', ...pssParams(params) };
}

/** ECDSA-Sig-Value (DER SEQUENCE of r, s) to the fixed-size r || s WebCrypto wants. */
function rawEcdsa(der: Uint8Array, size: number): Uint8Array {
  const [r, s] = children(readExact(der)).map(value);
  const out = new Uint8Array(2 * size);
  const put = (x: Uint8Array, at: number) => {
    let i = 0;
    while (i < x.length - 1 && x[i] === 0) i++;
    const v = x.subarray(i);
    if (v.length > size) throw new Error('ECDSA value too long');
    out.set(v, at + size - v.length);
  };
  put(r!, 0);
  put(s!, size);
  return out;
}

const CURVE_SIZES: Record<string, number> = { 'P-256': 32, 'P-384': 48, 'P-521': 66 };

/**
 * True when `signer`'s key made `signature` over `data` with the algorithm `alg`; false when it did not, or when
 * the algorithm or key is one WebCrypto cannot check (the caller treats the object as unverified).
 */
export async function verifiedBy(signer: ParsedCert, alg: BerNode, signature: Uint8Array, data: Uint8Array): Promise<boolean> {
  try {
    const scheme = schemeOf(alg);
    if (!scheme) return false;
    if (scheme.name === 'ECDSA') {
      const curve = signer.spkiParameter ? CURVE_NAMES[signer.spkiParameter] : undefined;
      if (!curve) return false;
      const key = await subtle().importKey('spki', signer.spkiRaw.slice(), { name: 'ECDSA', namedCurve: curve }, false, ['verify']);
      const raw = rawEcdsa(signature, CURVE_SIZES[curve]!);
      return await subtle().verify({ name: 'ECDSA', hash: scheme.hash }, key, raw as BufferSource, data as BufferSource);
    }
    if (signer.spkiAlgorithm !== OID.rsaEncryption && signer.spkiAlgorithm !== OID.rsassaPss) return false;
    // WebCrypto binds a key to one scheme: import the RSA key for the scheme at hand (PSS keys under rsaEncryption's form).
    const key = await subtle().importKey('spki', rsaSpki(signer).slice(), { name: scheme.name, hash: scheme.hash }, false, ['verify']);
    const params = scheme.name === 'RSA-PSS' ? { name: 'RSA-PSS', saltLength: scheme.saltLength } : { name: scheme.name };
    return await subtle().verify(params, key, signature.slice(), data as BufferSource);
  } catch {
    return false;
  }
}

/** An RSA-PSS SubjectPublicKeyInfo restated as rsaEncryption (WebCrypto imports only that form). */
function rsaSpki(c: ParsedCert): Uint8Array {
  if (c.spkiAlgorithm === OID.rsaEncryption) return c.spkiRaw;
  return sequence(algorithm(OID.rsaEncryption, nullValue()), tlv(0x03, Uint8Array.of(0), c.publicKeyBits));
}

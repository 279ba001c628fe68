/** Reading private keys in the forms people are handed, always returning unencrypted PKCS#8 DER. */
import { equalBytes, latin1 } from '../bytes';
import { DirectSealError } from '../errors';
import { decryptTraditionalRsaPem } from '../legacy/forge-rsa';
import { integer, nullValue, octetString, oid, sequence } from '../cms/der';
import { child, children, encoded, errorDetail, expectTag, isContext, isMalformed, readWhole, readOid, value, type BerNode } from '../cms/ber';
import { parseCertificate } from './cert';
import { OID } from '../cms/oids';
import { pbeDecrypt, passwordForms } from './pbe';
import { isPem, pemBlocks, toPem, type PemBlock } from './pem';

const KEY_LABELS = ['PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY'];

/**
 * The private key in `bytes` as PKCS#8 DER: PEM "PRIVATE KEY" (PKCS#8), "ENCRYPTED PRIVATE KEY" (PBES2 or
 * PKCS#12 PBE), "RSA PRIVATE KEY" (PKCS#1, also the traditional OpenSSL encrypted form), "EC PRIVATE KEY"
 * (SEC 1), or the DER of any of these. Async: encrypted keys are decrypted with WebCrypto.
 * Errors: NO_PRIVATE_KEY (no key in the file; a .p12 goes to readPkcs12), BAD_PASSPHRASE (wrong or missing).
 */
export async function readPrivateKey(bytes: Uint8Array, passphrase?: string): Promise<Uint8Array> {
  if (isPem(bytes)) {
    const blocks = pemBlocks(latin1(bytes));
    const block = blocks.find((b) => KEY_LABELS.includes(b.label));
    if (!block) {
      const labels = blocks.map((b) => b.label).join(', ');
      throw new DirectSealError('NO_PRIVATE_KEY', labels ? `the PEM file holds ${labels}` : 'no readable PEM block');
    }
    return fromPemBlock(block, passphrase);
  }
  let node: BerNode;
  try {
    node = readWhole(bytes);
  } catch {
    throw new DirectSealError('NO_PRIVATE_KEY', 'neither PEM nor DER');
  }
  try {
    switch (derKind(node)) {
      case 'pkcs8':
        return checkedPkcs8(bytes);
      case 'encrypted':
        return await decryptPkcs8(node, passphrase);
      case 'pkcs1':
        return wrapPkcs1(bytes);
      case 'sec1':
        return wrapSec1(node);
      case 'pfx':
        throw new DirectSealError('NO_PRIVATE_KEY', 'this is a PKCS#12 (.p12/.pfx) file: import it as such');
      default:
        throw new DirectSealError('NO_PRIVATE_KEY', 'the DER structure is not a private key');
    }
  } catch (e) {
    if (isMalformed(e)) throw new DirectSealError('NO_PRIVATE_KEY', `damaged key: ${errorDetail(e)}`, { cause: e });
    throw e;
  }
}

async function fromPemBlock(block: PemBlock, passphrase?: string): Promise<Uint8Array> {
  const encrypted = block.headers?.['Proc-Type']?.includes('ENCRYPTED');
  try {
    switch (block.label) {
      case 'PRIVATE KEY':
        return checkedPkcs8(block.der);
      case 'ENCRYPTED PRIVATE KEY':
        return await decryptPkcs8(readWhole(block.der), passphrase);
      case 'RSA PRIVATE KEY':
        if (!encrypted) return wrapPkcs1(block.der);
        return traditional(block, passphrase);
      default:
        if (encrypted) throw new DirectSealError('KEY_FILE_UNSUPPORTED', 'encrypted traditional EC key: convert it with `openssl pkcs8 -topk8`');
        return wrapSec1(readWhole(block.der));
    }
  } catch (e) {
    if (e instanceof DirectSealError && !isMalformed(e)) throw e;
    throw new DirectSealError('NO_PRIVATE_KEY', `damaged ${block.label}: ${errorDetail(e)}`, { cause: e });
  }
}

function traditional(block: PemBlock, passphrase?: string): Uint8Array {
  if (!passphrase) throw new DirectSealError('BAD_PASSPHRASE', 'the key is encrypted: a passphrase is needed');
  const headerText = Object.entries(block.headers ?? {})
    .map(([k, v]) => `${k}: ${v}\n`)
    .join('');
  const pem = toPem(block.label, block.der).replace('-----\n', `-----\n${headerText}\n`);
  const out = decryptTraditionalRsaPem(pem, passphrase);
  if (!out) throw new DirectSealError('BAD_PASSPHRASE', 'the traditional PEM key did not decrypt');
  return out;
}

type DerKind = 'pkcs8' | 'encrypted' | 'pkcs1' | 'sec1' | 'pfx' | 'unknown';

/** What the DER structure is, judged on its outer two levels; never throws. */
function derKind(n: BerNode): DerKind {
  let c: BerNode[];
  try {
    if (n.tag !== 0x30) return 'unknown';
    c = children(n);
  } catch {
    return 'unknown';
  }
  if (c.length < 2) return 'unknown';
  if (c[0]!.tag === 0x30 && isOctetString(c[1]) && c.length === 2) return 'encrypted';
  if (c[0]!.tag !== 0x02) return 'unknown';
  if (c.length >= 9 && c.slice(0, 9).every((x) => x.tag === 0x02)) return 'pkcs1';
  if (c[1]!.tag === 0x30 && isOctetString(c[2])) return 'pkcs8';
  if (isOctetString(c[1])) return 'sec1';
  if (value(c[0]!)[0] === 3 && c[1]!.tag === 0x30) return 'pfx';
  return 'unknown';
}

/** OCTET STRING, primitive or (BER) constructed. */
const isOctetString = (n: BerNode | undefined): boolean => !!n && (n.tag & 0xdf) === 0x04;

/** Validates the PKCS#8 shape (and the RSA key inside) and returns a copy. */
function checkedPkcs8(der: Uint8Array): Uint8Array {
  const info = pkcs8Parts(readWhole(der));
  if (info.algorithm === OID.rsaEncryption || info.algorithm === OID.rsassaPss) rsaParts(info.key);
  return der.slice();
}

interface Pkcs8Parts {
  algorithm: string;
  parameters?: BerNode;
  key: Uint8Array;
}

function pkcs8Parts(n: BerNode): Pkcs8Parts {
  if (derKind(n) !== 'pkcs8') throw new DirectSealError('NO_PRIVATE_KEY', 'not a PKCS#8 PrivateKeyInfo');
  const alg = expectTag(child(n, 1, 'PrivateKeyInfo'), 0x30, 'privateKeyAlgorithm');
  const algParts = children(alg);
  const parts: Pkcs8Parts = {
    algorithm: readOid(expectTag(algParts[0], 0x06, 'algorithm')),
    key: value(child(n, 2, 'PrivateKeyInfo')),
  };
  if (algParts[1]) parts.parameters = algParts[1];
  return parts;
}

function rsaParts(pkcs1: Uint8Array): { modulus: Uint8Array; exponent: Uint8Array } {
  const n = readWhole(pkcs1);
  if (derKind(n) !== 'pkcs1') throw new DirectSealError('NO_PRIVATE_KEY', 'damaged RSA private key');
  const [, modulus, exponent] = children(n);
  return { modulus: unsigned(value(modulus!)), exponent: unsigned(value(exponent!)) };
}

async function decryptPkcs8(n: BerNode, passphrase?: string): Promise<Uint8Array> {
  if (derKind(n) !== 'encrypted') throw new DirectSealError('NO_PRIVATE_KEY', 'not an EncryptedPrivateKeyInfo');
  if (passphrase === undefined) throw new DirectSealError('BAD_PASSPHRASE', 'the key is encrypted: a passphrase is needed');
  const [algorithm, encrypted] = children(n);
  const plain = await pbeDecrypt(algorithm!, passwordForms(passphrase), value(encrypted!));
  if (!plain) throw new DirectSealError('BAD_PASSPHRASE', 'the key did not decrypt');
  try {
    return checkedPkcs8(plain);
  } catch {
    throw new DirectSealError('BAD_PASSPHRASE', 'the decrypted key is not a PKCS#8 key');
  } finally {
    plain.fill(0);
  }
}

export function wrapPkcs1(pkcs1: Uint8Array): Uint8Array {
  rsaParts(pkcs1);
  return sequence(integer(0), sequence(oid(OID.rsaEncryption), nullValue()), octetString(pkcs1));
}

function wrapSec1(n: BerNode): Uint8Array {
  if (derKind(n) !== 'sec1') throw new DirectSealError('NO_PRIVATE_KEY', 'not an EC private key');
  const params = children(n).find((c) => isContext(c, 0));
  const curve = params?.constructed ? children(params)[0] : undefined;
  if (curve?.tag !== 0x06) throw new DirectSealError('NO_PRIVATE_KEY', 'EC private key without a named curve');
  return sequence(integer(0), sequence(oid(OID.ecPublicKey), encoded(curve)), octetString(encoded(n)));
}

const unsigned = (b: Uint8Array): Uint8Array => {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
};

/**
 * True when the PKCS#8 key is the private half of the certificate's public key: RSA modulus and exponent, or
 * the EC public point stored in the key (an EC key without its public point, or another key type, gives false).
 */
export function keyMatchesCertificate(pkcs8: Uint8Array, certDer: Uint8Array): boolean {
  try {
    const key = pkcs8Parts(readWhole(pkcs8));
    const cert = parseCertificate(certDer);
    if (key.algorithm === OID.rsaEncryption || key.algorithm === OID.rsassaPss) {
      if (cert.spkiAlgorithm !== OID.rsaEncryption && cert.spkiAlgorithm !== OID.rsassaPss) return false;
      const priv = rsaParts(key.key);
      const pub = readWhole(cert.publicKeyBits);
      return (
        equalBytes(priv.modulus, unsigned(value(child(pub, 0, 'RSAPublicKey')))) &&
        equalBytes(priv.exponent, unsigned(value(child(pub, 1, 'RSAPublicKey'))))
      );
    }
    if (key.algorithm === OID.ecPublicKey && cert.spkiAlgorithm === OID.ecPublicKey) {
      const ec = readWhole(key.key);
      const pubWrap = children(ec).find((c) => isContext(c, 1));
      const point = pubWrap?.constructed ? children(pubWrap)[0] : undefined;
      if (point?.tag !== 0x03) return false;
      return equalBytes(value(point).subarray(1), cert.publicKeyBits);
    }
    return false;
  } catch {
    return false;
  }
}

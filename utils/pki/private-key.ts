/** Reading private keys in the forms people are handed, always returning unencrypted PKCS#8 DER. */
import { equalBytes, latin1 } from '../bytes';
import { DirectSealError } from '../errors';
import { decryptTraditionalRsaPem } from '../legacy/forge';
import { integer, nullValue, octetString, oid, sequence } from '../cms/der';
import { child, expect, isContext, isUniversal, oidString, parse, Tag, type Node } from './asn1';
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
  let node: Node;
  try {
    node = parse(bytes);
  } catch {
    throw new DirectSealError('NO_PRIVATE_KEY', 'neither PEM nor DER');
  }
  const kind = derKind(node);
  switch (kind) {
    case 'pkcs8':
      return checkedPkcs8(bytes);
    case 'encrypted':
      return decryptPkcs8(node, passphrase);
    case 'pkcs1':
      return wrapPkcs1(bytes);
    case 'sec1':
      return wrapSec1(node);
    case 'pfx':
      throw new DirectSealError('NO_PRIVATE_KEY', 'this is a PKCS#12 (.p12/.pfx) file: import it as such');
    default:
      throw new DirectSealError('NO_PRIVATE_KEY', 'the DER structure is not a private key');
  }
}

async function fromPemBlock(block: PemBlock, passphrase?: string): Promise<Uint8Array> {
  const encrypted = block.headers?.['Proc-Type']?.includes('ENCRYPTED');
  try {
    switch (block.label) {
      case 'PRIVATE KEY':
        return checkedPkcs8(block.der);
      case 'ENCRYPTED PRIVATE KEY':
        return decryptPkcs8(parse(block.der), passphrase);
      case 'RSA PRIVATE KEY':
        if (!encrypted) return wrapPkcs1(block.der);
        return traditional(block, passphrase);
      default:
        if (encrypted) throw new DirectSealError('ALGORITHM_UNSUPPORTED', 'encrypted traditional EC key: convert it with `openssl pkcs8 -topk8`');
        return wrapSec1(parse(block.der));
    }
  } catch (e) {
    if (e instanceof DirectSealError) throw e;
    throw new DirectSealError('NO_PRIVATE_KEY', `damaged ${block.label}: ${(e as Error).message}`, { cause: e });
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

function derKind(n: Node): DerKind {
  const c = n.children;
  if (!isUniversal(n, Tag.SEQUENCE) || c.length < 2) return 'unknown';
  if (isUniversal(c[0], Tag.SEQUENCE) && isUniversal(c[1], Tag.OCTET_STRING) && c.length === 2) return 'encrypted';
  if (!isUniversal(c[0], Tag.INTEGER)) return 'unknown';
  if (c.length >= 9 && c.slice(0, 9).every((x) => isUniversal(x, Tag.INTEGER))) return 'pkcs1';
  if (isUniversal(c[1], Tag.SEQUENCE) && isUniversal(c[2], Tag.OCTET_STRING)) return 'pkcs8';
  if (isUniversal(c[1], Tag.OCTET_STRING)) return 'sec1';
  if (c[0]!.value[0] === 3 && isUniversal(c[1], Tag.SEQUENCE)) return 'pfx';
  return 'unknown';
}

/** Validates the PKCS#8 shape (and the RSA key inside) and returns a copy. */
function checkedPkcs8(der: Uint8Array): Uint8Array {
  const info = pkcs8Parts(parse(der));
  if (info.algorithm === OID.rsaEncryption || info.algorithm === OID.rsassaPss) rsaParts(info.key);
  return der.slice();
}

interface Pkcs8Parts {
  algorithm: string;
  parameters?: Node;
  key: Uint8Array;
}

function pkcs8Parts(n: Node): Pkcs8Parts {
  if (derKind(n) !== 'pkcs8') throw new DirectSealError('NO_PRIVATE_KEY', 'not a PKCS#8 PrivateKeyInfo');
  const alg = expect(child(n, 1, 'PrivateKeyInfo'), Tag.SEQUENCE, 'privateKeyAlgorithm');
  const parts: Pkcs8Parts = {
    algorithm: oidString(expect(child(alg, 0, 'privateKeyAlgorithm'), Tag.OID, 'algorithm')),
    key: expect(child(n, 2, 'PrivateKeyInfo'), Tag.OCTET_STRING, 'privateKey').value,
  };
  if (alg.children[1]) parts.parameters = alg.children[1];
  return parts;
}

function rsaParts(pkcs1: Uint8Array): { modulus: Uint8Array; exponent: Uint8Array } {
  const n = parse(pkcs1);
  if (derKind(n) !== 'pkcs1') throw new DirectSealError('NO_PRIVATE_KEY', 'damaged RSA private key');
  return { modulus: unsigned(n.children[1]!.value), exponent: unsigned(n.children[2]!.value) };
}

async function decryptPkcs8(n: Node, passphrase?: string): Promise<Uint8Array> {
  if (derKind(n) !== 'encrypted') throw new DirectSealError('NO_PRIVATE_KEY', 'not an EncryptedPrivateKeyInfo');
  if (passphrase === undefined) throw new DirectSealError('BAD_PASSPHRASE', 'the key is encrypted: a passphrase is needed');
  const plain = await pbeDecrypt(n.children[0]!, passwordForms(passphrase), n.children[1]!.value);
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

function wrapSec1(n: Node): Uint8Array {
  if (derKind(n) !== 'sec1') throw new DirectSealError('NO_PRIVATE_KEY', 'not an EC private key');
  const params = n.children.find((c) => isContext(c, 0));
  const curve = params?.children[0];
  if (!curve || !isUniversal(curve, Tag.OID)) throw new DirectSealError('NO_PRIVATE_KEY', 'EC private key without a named curve');
  return sequence(integer(0), sequence(oid(OID.ecPublicKey), curve.raw), octetString(n.raw));
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
    const key = pkcs8Parts(parse(pkcs8));
    const cert = parseCertificate(certDer);
    if (key.algorithm === OID.rsaEncryption || key.algorithm === OID.rsassaPss) {
      if (cert.spkiAlgorithm !== OID.rsaEncryption && cert.spkiAlgorithm !== OID.rsassaPss) return false;
      const priv = rsaParts(key.key);
      const pub = parse(cert.publicKeyBits);
      return (
        equalBytes(priv.modulus, unsigned(child(pub, 0, 'RSAPublicKey').value)) &&
        equalBytes(priv.exponent, unsigned(child(pub, 1, 'RSAPublicKey').value))
      );
    }
    if (key.algorithm === OID.ecPublicKey && cert.spkiAlgorithm === OID.ecPublicKey) {
      const ec = parse(key.key);
      const pubWrap = ec.children.find((c) => isContext(c, 1));
      const point = pubWrap?.children[0];
      if (!point || !isUniversal(point, Tag.BIT_STRING)) return false;
      return equalBytes(point.value.subarray(1), cert.publicKeyBits);
    }
    return false;
  } catch {
    return false;
  }
}

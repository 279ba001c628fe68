/**
 * PKCS#12 (.p12/.pfx, RFC 7292): reading the modern form OpenSSL 3 writes (PBES2/AES, HMAC-SHA-256) and the
 * legacy form HISPs and Windows still issue (3DES or RC2-40, HMAC-SHA-1); writing the modern form, for the
 * backup of a generated key.
 */
import { equalBytes } from '../bytes';
import { randomBytes, subtle } from '../crypto';
import { DirectSealError } from '../errors';
import { explicit, implicitPrimitive, integer, nullValue, octetString, oid, sequence, set } from '../cms/der';
import { child, children, encoded, errorDetail, expectTag, isContext, isMalformed, octets, readWhole, readOid, readSmallInteger, value, type BerNode } from '../cms/ber';
import { parseCertificate } from './cert';
import { keyMatchesCertificate, readPrivateKey } from './private-key';
import { OID } from '../cms/oids';
import { DIGEST_OIDS, passwordForms, pbeDecrypt, pbes2Encrypt, pkcs12HashSize, pkcs12Kdf, type Password, type Pkcs12Hash } from './pbe';

export interface Pkcs12Contents {
  /** Unencrypted PKCS#8 DER; the caller zeroes it when done. */
  privateKeyPkcs8: Uint8Array;
  /** The certificate whose public key matches the private key. */
  certificate: Uint8Array;
  /** The other certificates of the file (CA chain), in file order. */
  chain: Uint8Array[];
}

/** Current guidance for PBKDF2-HMAC-SHA256 (OWASP 2023); what we write. */
export const PKCS12_WRITE_ITERATIONS = 600_000;
const MAC_ITERATIONS = 2048;

/**
 * The key and certificates of a PFX. Errors: BAD_PASSPHRASE (MAC or decryption fails), NO_PRIVATE_KEY (no key
 * bag, or not a PFX at all), KEY_CERT_MISMATCH (no certificate for the key), KEY_FILE_UNSUPPORTED (protection we do not read, or
 * work beyond any real file's).
 */
export async function readPkcs12(bytes: Uint8Array, passphrase: string): Promise<Pkcs12Contents> {
  const { keys, certs } = await readBags(bytes, passphrase);
  const key = keys[0];
  if (!key) throw new DirectSealError('NO_PRIVATE_KEY', 'the PKCS#12 file holds certificates only');
  const certificate = certs.find((c) => keyMatchesCertificate(key, c));
  if (!certificate) throw new DirectSealError('KEY_CERT_MISMATCH', 'no certificate in the PKCS#12 file matches its key');
  return { privateKeyPkcs8: key, certificate, chain: certs.filter((c) => c !== certificate) };
}

/** The private key of a .p12 that may hold no certificate: a key's backup (`directseal request`, a new key). */
export async function readPkcs12Key(bytes: Uint8Array, passphrase: string): Promise<Uint8Array> {
  const key = (await readBags(bytes, passphrase)).keys[0];
  if (!key) throw new DirectSealError('NO_PRIVATE_KEY', 'the PKCS#12 file holds certificates only');
  return key;
}

async function readBags(bytes: Uint8Array, passphrase: string): Promise<{ keys: Uint8Array[]; certs: Uint8Array[] }> {
  const pfx = parsePfx(bytes);
  const password = passwordForms(passphrase);
  if (pfx.mac) await checkMac(pfx.mac, pfx.authSafe, password);
  const keys: Uint8Array[] = [];
  const certs: Uint8Array[] = [];
  for (const info of structure(() => children(expectTag(readWhole(pfx.authSafe), 0x30, 'AuthenticatedSafe')))) {
    const bags = await structureAsync(() => safeContents(info, password));
    for (const bag of bags) await structureAsync(() => readBag(bag, password, keys, certs));
  }
  return { keys, certs };
}

interface MacData {
  hash: Pkcs12Hash;
  digest: Uint8Array;
  salt: Uint8Array;
  iterations: number;
}

function parsePfx(bytes: Uint8Array): { authSafe: Uint8Array; mac?: MacData } {
  let root: BerNode;
  let fields: BerNode[];
  try {
    root = readWhole(bytes);
    fields = root.tag === 0x30 ? children(root) : [];
  } catch (e) {
    throw new DirectSealError('NO_PRIVATE_KEY', `not a PKCS#12 file: ${errorDetail(e)}`);
  }
  const version = fields[0];
  if (root.tag !== 0x30 || version?.tag !== 0x02 || value(version)[0] !== 3) {
    throw new DirectSealError('NO_PRIVATE_KEY', 'not a PKCS#12 file');
  }
  return structure(() => {
    const authSafe = dataContent(child(root, 1, 'PFX'));
    const macNode = fields[2];
    if (!macNode) return { authSafe };
    const macFields = children(macNode);
    const digestInfo = expectTag(macFields[0], 0x30, 'mac');
    const alg = readOid(child(expectTag(child(digestInfo, 0, 'mac'), 0x30, 'mac algorithm'), 0, 'mac algorithm'));
    const hash = DIGEST_OIDS[alg];
    if (!hash) throw new DirectSealError('KEY_FILE_UNSUPPORTED', `PKCS#12 MAC ${alg}`);
    const iterNode = macFields[2];
    return {
      authSafe,
      mac: {
        hash,
        digest: value(expectTag(child(digestInfo, 1, 'mac'), 0x04, 'digest')),
        salt: value(expectTag(macFields[1], 0x04, 'macSalt')),
        iterations: iterNode ? readSmallInteger(iterNode) : 1,
      },
    };
  });
}

/** The octets of a ContentInfo of type data (BER: possibly a constructed OCTET STRING). */
function dataContent(info: BerNode): Uint8Array {
  const type = readOid(expectTag(child(info, 0, 'ContentInfo'), 0x06, 'contentType'));
  if (type !== OID.data) throw new DirectSealError('KEY_FILE_UNSUPPORTED', `PKCS#12 content type ${type}`);
  const wrapper = child(info, 1, 'ContentInfo');
  if (!isContext(wrapper, 0)) throw new DirectSealError('NO_PRIVATE_KEY', 'damaged PKCS#12 ContentInfo');
  return octets(expectOctetString(child(wrapper, 0, 'data'), 'data'));
}

/** An OCTET STRING, primitive or (as BER writers chunk it) constructed. */
function expectOctetString(n: BerNode, what: string): BerNode {
  if ((n.tag & 0xdf) !== 0x04) throw new DirectSealError('NO_PRIVATE_KEY', `damaged PKCS#12 file: expected ${what}`);
  return n;
}

async function checkMac(mac: MacData, authSafe: Uint8Array, password: Password): Promise<void> {
  const size = pkcs12HashSize(mac.hash);
  const key = await pkcs12Kdf(mac.hash, password.bmp, mac.salt, 3, mac.iterations, size, password.budget);
  const k = await subtle().importKey('raw', key.slice(), { name: 'HMAC', hash: mac.hash }, false, ['sign']);
  const digest = new Uint8Array(await subtle().sign('HMAC', k, authSafe.slice()));
  if (!equalBytes(digest, mac.digest)) throw new DirectSealError('BAD_PASSPHRASE', 'the PKCS#12 integrity check failed');
}

/** The SafeBags of one AuthenticatedSafe entry: plain data, or EncryptedData under the password. */
async function safeContents(info: BerNode, password: Password): Promise<BerNode[]> {
  const type = readOid(expectTag(child(info, 0, 'ContentInfo'), 0x06, 'contentType'));
  let plain: Uint8Array;
  if (type === OID.data) plain = structure(() => dataContent(info));
  else if (type === OID.encryptedData) {
    const eci = structure(() => {
      const ed = expectTag(child(child(info, 1, 'ContentInfo'), 0, 'EncryptedData'), 0x30, 'EncryptedData');
      return children(expectTag(child(ed, 1, 'EncryptedData'), 0x30, 'EncryptedContentInfo'));
    });
    const body = eci[2];
    if (!body) return [];
    const decrypted = await pbeDecrypt(expectTag(eci[1], 0x30, 'contentEncryptionAlgorithm'), password, octets(body));
    if (!decrypted) throw new DirectSealError('BAD_PASSPHRASE', 'the PKCS#12 certificates did not decrypt');
    try {
      return children(expectTag(readWhole(decrypted), 0x30, 'SafeContents'));
    } catch {
      throw new DirectSealError('BAD_PASSPHRASE', 'the PKCS#12 certificates did not decrypt to certificates');
    }
  } else throw new DirectSealError('KEY_FILE_UNSUPPORTED', `PKCS#12 safe of type ${type} (public-key protected)`);
  return structure(() => children(expectTag(readWhole(plain), 0x30, 'SafeContents')));
}

async function readBag(bag: BerNode, password: Password, keys: Uint8Array[], certs: Uint8Array[]): Promise<void> {
  const id = readOid(expectTag(child(bag, 0, 'SafeBag'), 0x06, 'bagId'));
  const bagValue = child(child(bag, 1, 'SafeBag'), 0, 'bagValue');
  if (id === OID.keyBag) keys.push(encoded(bagValue).slice());
  else if (id === OID.pkcs8ShroudedKeyBag) {
    const plain = await pbeDecrypt(child(bagValue, 0, 'EncryptedPrivateKeyInfo'), password, octets(child(bagValue, 1, 'EncryptedPrivateKeyInfo')));
    if (!plain) throw new DirectSealError('BAD_PASSPHRASE', 'the PKCS#12 key did not decrypt');
    // Without a MAC a wrong passphrase shows only here: about one time in 256 the padding still looks right.
    try {
      keys.push(await readPrivateKey(plain));
    } catch {
      throw new DirectSealError('BAD_PASSPHRASE', 'the PKCS#12 key did not decrypt to a private key');
    } finally {
      plain.fill(0);
    }
  } else if (id === OID.certBag) {
    const type = readOid(child(bagValue, 0, 'CertBag'));
    if (type !== OID.x509Certificate) return;
    const der = octets(expectOctetString(child(child(bagValue, 1, 'CertBag'), 0, 'certValue'), 'certValue')).slice();
    parseCertificate(der);
    certs.push(der);
  } else if (id === OID.safeContentsBag) {
    for (const inner of children(bagValue)) await readBag(inner, password, keys, certs);
  }
}

/** Runs a structural read; ASN.1 shape errors become NO_PRIVATE_KEY ("damaged file"). */
function structure<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw damaged(e);
  }
}

async function structureAsync<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    throw damaged(e);
  }
}

/** The reader's MESSAGE_MALFORMED and other shape errors become NO_PRIVATE_KEY; our own codes pass through. */
function damaged(e: unknown): unknown {
  if (e instanceof DirectSealError && !isMalformed(e)) return e;
  return new DirectSealError('NO_PRIVATE_KEY', `damaged PKCS#12 file: ${errorDetail(e)}`, { cause: e });
}

// ---- writing ----

/**
 * A modern PFX (the form `openssl pkcs12 -export` writes in OpenSSL 3): key in a PBES2/AES-256 shrouded bag,
 * certificates in a PBES2-encrypted safe, HMAC-SHA-256 integrity. Opens in OpenSSL 3, NSS and Windows 10+.
 */
export async function writePkcs12(
  input: { privateKeyPkcs8: Uint8Array; certificate?: Uint8Array; chain?: Uint8Array[]; friendlyName?: string },
  passphrase: string,
  iterations = PKCS12_WRITE_ITERATIONS,
): Promise<Uint8Array> {
  const password = passwordForms(passphrase);
  // A key without its certificate yet (a generated key awaiting the CA) is a valid PFX too: key bag only.
  const localKeyId = input.certificate && new Uint8Array(await subtle().digest('SHA-1', input.certificate.slice()));
  const attrs = localKeyId ? [set(sequence(oid(OID.localKeyId), set(octetString(localKeyId))))] : [];
  const shrouded = await pbes2Encrypt(input.privateKeyPkcs8, password.utf8, iterations);
  const keyBag = sequence(oid(OID.pkcs8ShroudedKeyBag), explicit(0, sequence(shrouded.algorithm, octetString(shrouded.ciphertext))), ...attrs);
  const certBag = (der: Uint8Array, withId: boolean) =>
    sequence(oid(OID.certBag), explicit(0, sequence(oid(OID.x509Certificate), explicit(0, octetString(der)))), ...(withId ? attrs : []));
  const certs = [...(input.certificate ? [certBag(input.certificate, true)] : []), ...(input.chain ?? []).map((c) => certBag(c, false))];
  const safes = [dataInfo(sequence(keyBag))];
  if (certs.length) {
    const encCerts = await pbes2Encrypt(sequence(...certs), password.utf8, iterations);
    const encryptedInfo = sequence(
      oid(OID.encryptedData),
      explicit(0, sequence(integer(0), sequence(oid(OID.data), encCerts.algorithm, implicitPrimitive(0, encCerts.ciphertext)))),
    );
    safes.unshift(encryptedInfo);
  }
  const authSafe = sequence(...safes);
  const salt = randomBytes(16);
  const macKey = await pkcs12Kdf('SHA-256', password.bmp, salt, 3, MAC_ITERATIONS, 32);
  const k = await subtle().importKey('raw', macKey.slice(), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  macKey.fill(0);
  const digest = new Uint8Array(await subtle().sign('HMAC', k, authSafe.slice()));
  const macData = sequence(sequence(sequence(oid(OID.sha256), nullValue()), octetString(digest)), octetString(salt), integer(MAC_ITERATIONS));
  return sequence(integer(3), dataInfo(authSafe), macData);
}

const dataInfo = (content: Uint8Array): Uint8Array => sequence(oid(OID.data), explicit(0, octetString(content)));


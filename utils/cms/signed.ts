/**
 * SignedData (RFC 5652 section 5): sign a MIME entity with SHA-256 and RSA (PKCS#1 v1.5), detached or
 * encapsulated, with the signer's chain; verify any peer's signature (PKCS#1 v1.5 or PSS; SHA-1/2).
 */
import { DirectSealError, type ErrorCode } from '../errors';
import { subtle } from '../crypto';
import { equalBytes, toArrayBuffer } from '../bytes';
import { algorithm, integer, lazy, nullValue, octetString, oid, sequence, serialize, set, setOf, time } from './der';
import { children, encoded, expectTag, octets, readOid, readRoot, readSmallInteger, readTime, value, type BerNode } from './ber';
import { certificateFields, sameIssuerAndSerial, type CertificateFields } from './certificate-fields';
import { HASH_BY_OID, OID, OID_BY_HASH, type HashName } from './oids';
import type { SignatureScheme, Signer } from './keys';
import { pssParams } from './pss-params';

export interface SignOptions {
  /** Detached (for multipart/signed, the default) or encapsulated (opaque application/pkcs7-mime). */
  detached?: boolean;
  signingTime?: Date;
}

const attribute = (type: string, ...values: Uint8Array[]) => sequence(oid(type), setOf(values));

/** SMIMECapabilities (RFC 8551 2.5.2): what we can open, strongest first, so peers answer with AES. */
const capabilities = () =>
  sequence(algorithm(OID.aes256Cbc), algorithm(OID.aes256Gcm), algorithm(OID.aes128Cbc), algorithm(OID.rsaesOaep));

export async function sign(content: Uint8Array, signer: Signer, options: SignOptions = {}): Promise<Uint8Array> {
  const hash: HashName = 'SHA-256';
  const digest = new Uint8Array(await subtle().digest(hash, content as BufferSource));
  const signedAttrs = setOf([
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.signingTime, time(options.signingTime ?? new Date())),
    attribute(OID.messageDigest, octetString(digest)),
    attribute(OID.smimeCapabilities, capabilities()),
  ]);
  const signature = await signer.key.sign(signedAttrs, { name: 'RSASSA-PKCS1-v1_5', hash });
  const c = certificateFields(signer.certificate);
  const signerInfo = sequence(
    integer(1),
    sequence(c.issuer, integer(c.serial)),
    algorithm(OID_BY_HASH[hash]),
    new Uint8Array([0xa0, ...signedAttrs.subarray(1)]), // [0] IMPLICIT: same content, context tag
    algorithm(OID.sha256WithRsa, nullValue()),
    octetString(signature),
  );
  const certificates = [signer.certificate, ...signer.chain.filter((x) => !equalBytes(x, signer.certificate))];
  const encapsulated = options.detached === false
    ? lazy(0x30, oid(OID.data), lazy(0xa0, lazy(0x04, content)))
    : sequence(oid(OID.data));
  const signedData = lazy(
    0x30,
    integer(1),
    set(algorithm(OID_BY_HASH[hash])),
    encapsulated,
    lazy(0xa0, ...certificates),
    set(signerInfo),
  );
  return serialize(lazy(0x30, oid(OID.signedData), lazy(0xa0, signedData)));
}

export interface SignerResult {
  certificate?: Uint8Array;
  ok: boolean;
  problem?: { code: ErrorCode; detail: string };
  digestAlgorithm: string;
  signatureAlgorithm: string;
  signingTime?: Date;
}

export interface VerifiedSignedData {
  /** The signed content: encapsulated, or the detached content given. */
  content: Uint8Array;
  certificates: Uint8Array[];
  signers: SignerResult[];
}

interface ParsedSignedData {
  eContentType: string;
  eContent?: Uint8Array;
  certificates: Uint8Array[];
  signerInfos: BerNode[];
}

function parseSignedData(der: Uint8Array): ParsedSignedData {
  const ci = children(expectTag(readRoot(der), 0x30, 'a CMS ContentInfo'));
  if (readOid(ci[0]!) !== OID.signedData) throw new DirectSealError('MESSAGE_MALFORMED', 'CMS content is not SignedData');
  const f = children(children(expectTag(ci[1], 0xa0, 'the signed content'))[0]!);
  const encap = children(expectTag(f[2], 0x30, 'encapsulated content info'));
  const eContentTag = encap[1];
  let i = 3;
  const certificates: Uint8Array[] = [];
  if (f[i]?.tag === 0xa0) {
    for (const c of children(f[i]!)) if (c.tag === 0x30) certificates.push(encoded(c));
    i++;
  }
  if (f[i]?.tag === 0xa1) i++; // crls
  return {
    eContentType: readOid(encap[0]!),
    eContent: eContentTag ? octets(children(expectTag(eContentTag, 0xa0, 'eContent'))[0]!) : undefined,
    certificates,
    signerInfos: children(expectTag(f[i], 0x31, 'signer infos')),
  };
}

export function isDetached(der: Uint8Array): boolean {
  return parseSignedData(der).eContent === undefined;
}

/** Verifies every SignerInfo's signature over the content. Never throws for a bad signature: it reports it. */
export async function verifySignedData(der: Uint8Array, detachedContent?: Uint8Array): Promise<VerifiedSignedData> {
  const sd = parseSignedData(der);
  const content = sd.eContent ?? detachedContent;
  if (!content) throw new DirectSealError('MESSAGE_MALFORMED', 'detached signature without its content');
  // Each signer hashes the whole content: a message repeating its SignerInfo would multiply that work. Real
  // messages have one signer (two at most); the content is hashed once per algorithm.
  if (sd.signerInfos.length > MAX_SIGNERS) {
    throw new DirectSealError('MESSAGE_MALFORMED', `${sd.signerInfos.length} signers (at most ${MAX_SIGNERS} are read)`);
  }
  const certs = sd.certificates.map((c) => certificateFields(c));
  const digests = new Map<HashName, Promise<Uint8Array>>();
  const digestOf = (hash: HashName) => {
    let d = digests.get(hash);
    if (!d) {
      d = subtle().digest(hash, content as BufferSource).then((b) => new Uint8Array(b));
      digests.set(hash, d);
    }
    return d;
  };
  const signers = [];
  for (const si of sd.signerInfos) signers.push(await verifySignerInfo(si, content, sd.eContentType, certs, digestOf));
  return { content, certificates: sd.certificates, signers };
}

const MAX_SIGNERS = 16;

async function verifySignerInfo(
  si: BerNode,
  content: Uint8Array,
  eContentType: string,
  certs: CertificateFields[],
  digestOf: (hash: HashName) => Promise<Uint8Array>,
): Promise<SignerResult> {
  const f = children(expectTag(si, 0x30, 'a SignerInfo'));
  readSmallInteger(f[0]!);
  const sid = f[1]!;
  const digestOid = readOid(children(f[2]!)[0]!);
  let i = 3;
  const signedAttrs = f[i]?.tag === 0xa0 ? f[i++] : undefined;
  const sigAlg = expectTag(f[i++], 0x30, 'a signature algorithm');
  const signature = value(expectTag(f[i], 0x04, 'a signature'));
  const digestAlgorithm = HASH_BY_OID[digestOid] ?? digestOid;
  const base = { digestAlgorithm, signatureAlgorithm: signatureName(readOid(children(sigAlg)[0]!)) };
  const fail = (code: ErrorCode, detail: string, extra: Partial<SignerResult> = {}): SignerResult => ({
    ...base, ...extra, ok: false, problem: { code, detail },
  });

  const cert = certs.find((c) =>
    sid.tag === 0x30
      ? sameIssuerAndSerial(c, encoded(children(sid)[0]!), value(children(sid)[1]!))
      : sid.tag === 0x80 && !!c.subjectKeyIdentifier && equalBytes(c.subjectKeyIdentifier, value(sid)),
  );
  if (!cert) return fail('SIGNER_UNTRUSTED', "the signer's certificate is not in the message");
  const hash = HASH_BY_OID[digestOid];
  if (!hash) return fail('ALGORITHM_UNSUPPORTED', `digest ${digestOid}`, { certificate: cert.der }); // MD5 is never verified
  let scheme: SignatureScheme;
  try {
    scheme = signatureScheme(sigAlg, hash);
  } catch (e) {
    return fail('ALGORITHM_UNSUPPORTED', (e as Error).message, { certificate: cert.der });
  }
  const digest = await digestOf(hash);
  let signedBytes = content;
  let signingTime: Date | undefined;
  if (signedAttrs) {
    const attrs = readAttributes(signedAttrs);
    const md = attrs.get(OID.messageDigest);
    if (!md || !equalBytes(value(md), digest)) {
      return fail('SIGNATURE_INVALID', 'the content does not match the signed digest', { certificate: cert.der });
    }
    const ct = attrs.get(OID.contentType);
    if (!ct || readOid(ct) !== eContentType) return fail('SIGNATURE_INVALID', 'signed content type mismatch', { certificate: cert.der });
    const st = attrs.get(OID.signingTime);
    signingTime = st ? readTime(st) : undefined;
    signedBytes = encoded(signedAttrs).slice();
    signedBytes[0] = 0x31; // the signature covers the attributes as a SET OF, not as [0] (RFC 5652 5.4)
  }
  const ok = await verifySignature(cert.spki, scheme, signature, signedBytes);
  const result = { ...base, digestAlgorithm: hash, certificate: cert.der, signingTime };
  return ok ? { ...result, ok: true } : fail('SIGNATURE_INVALID', 'the signature does not verify', result);
}

function readAttributes(set: BerNode): Map<string, BerNode> {
  const out = new Map<string, BerNode>();
  for (const attr of children(set)) {
    const [type, values] = children(attr);
    const first = values && children(values)[0];
    if (type && first) out.set(readOid(type), first);
  }
  return out;
}

const RSA_WITH_HASH: Record<string, HashName> = {
  [OID.sha1WithRsa]: 'SHA-1',
  [OID.sha256WithRsa]: 'SHA-256',
  [OID.sha384WithRsa]: 'SHA-384',
  [OID.sha512WithRsa]: 'SHA-512',
};

function signatureScheme(alg: BerNode, digestHash: HashName): SignatureScheme {
  const [o, params] = children(alg);
  const name = readOid(o!);
  if (name === OID.rsaEncryption) return { name: 'RSASSA-PKCS1-v1_5', hash: digestHash };
  const withHash = RSA_WITH_HASH[name];
  if (withHash) return { name: 'RSASSA-PKCS1-v1_5', hash: withHash };
  if (name !== OID.rsassaPss) throw new Error(`signature algorithm ${name}`);
  return { name: 'RSA-PSS', ...pssParams(params) };
}

async function verifySignature(spki: Uint8Array, scheme: SignatureScheme, signature: Uint8Array, data: Uint8Array): Promise<boolean> {
  try {
    const key = await subtle().importKey('spki', toArrayBuffer(spki), { name: scheme.name, hash: scheme.hash }, false, ['verify']);
    const params = scheme.name === 'RSA-PSS' ? { name: 'RSA-PSS', saltLength: scheme.saltLength } : { name: scheme.name };
    return await subtle().verify(params, key, toArrayBuffer(signature), data as BufferSource);
  } catch {
    return false;
  }
}



/** RSASSA-PSS, or RSASSA-PKCS1-v1_5 under any of its OIDs (rsaEncryption, sha256WithRSAEncryption...). */
function signatureName(oid: string): string {
  if (oid === OID.rsassaPss) return 'RSASSA-PSS';
  return oid.startsWith('1.2.840.113549.1.1.') ? 'RSASSA-PKCS1-v1_5' : oid;
}

/**
 * EnvelopedData (RFC 5652 section 6) and AuthEnvelopedData (RFC 5083): seal content for recipient
 * certificates, and open it with one of our recipient keys.
 */
import { DirectSealError, isDirectSealError } from '../errors';
import { equalBytes, zeroize } from '../bytes';
import { bufferSink, integer, lazy, oid, placeholder, serializeAround, setOf, octetString, type DerSink } from './der';
import { child, children, encoded, expectTag, octets, readOid, readRoot, readSmallInteger, value, type BerNode } from './ber';
import { contentCipherSpec, decryptContent, startContentEncryption, type ContentCipher } from './content-cipher';
import { describeKeyTransport, keyTransRecipientInfo, keyTransportScheme, type KeyTransport } from './key-transport';
import { certificateFields, sameIssuerAndSerial, type CertificateFields } from './certificate-fields';
import { OID } from './oids';
import type { Recipient } from './keys';

export interface EnvelopeOptions {
  cipher?: ContentCipher;
  keyTransport?: KeyTransport;
}

/** Encrypts `content` (a MIME entity) for every certificate; returns the DER ContentInfo. */
export async function envelope(content: Uint8Array, recipients: Uint8Array[], options: EnvelopeOptions = {}): Promise<Uint8Array> {
  const der = bufferSink();
  await envelopeInto([content], recipients, options, der);
  return der.bytes();
}

/**
 * `envelope`, streamed for large content: the content comes as parts (for AES-CBC never joined), and the DER
 * goes to `sink` (its length first, then the bytes in order), the ciphertext chunk by chunk.
 */
export async function envelopeInto(
  content: readonly Uint8Array[],
  recipients: Uint8Array[],
  options: EnvelopeOptions,
  sink: DerSink,
): Promise<void> {
  if (recipients.length === 0) throw new DirectSealError('NO_RECIPIENTS');
  const enc = await startContentEncryption(options.cipher ?? 'aes-256-cbc', content);
  try {
    const infos = await Promise.all(recipients.map((r) => keyTransRecipientInfo(r, enc.key, options.keyTransport ?? 'rsa-pkcs1')));
    const ciphertext = lazy(0x80, placeholder(enc.ciphertextLength));
    const encryptedContentInfo = lazy(0x30, oid(OID.data), enc.algorithmIdentifier, ciphertext);
    const body = enc.mac
      ? lazy(0x30, integer(0), setOf(infos), encryptedContentInfo, octetString(enc.mac)) // AuthEnvelopedData
      : lazy(0x30, integer(0), setOf(infos), encryptedContentInfo);
    const contentType = enc.mac ? OID.authEnvelopedData : OID.envelopedData;
    const { head, tail } = serializeAround(lazy(0x30, oid(contentType), lazy(0xa0, body)));
    sink.begin(head.length + enc.ciphertextLength + tail.length);
    sink.write(head);
    await enc.writeCiphertext((bytes) => sink.write(bytes));
    sink.write(tail);
  } finally {
    zeroize(enc.key);
  }
}

export interface Opened {
  content: Uint8Array;
  contentEncryption: string;
  keyTransport: string;
  authenticated: boolean;
}

interface ParsedEnvelope {
  contentType: string;
  recipientInfos: BerNode[];
  algorithmOid: string;
  algorithmParams?: BerNode;
  ciphertext: Uint8Array;
  mac?: Uint8Array;
}

export function contentTypeOf(der: Uint8Array): string {
  const ci = expectTag(readRoot(der), 0x30, 'a CMS ContentInfo');
  return readOid(children(ci)[0]!);
}

function parseEnvelope(der: Uint8Array): ParsedEnvelope {
  const ci = children(expectTag(readRoot(der), 0x30, 'a CMS ContentInfo'));
  const contentType = readOid(ci[0]!);
  if (contentType !== OID.envelopedData && contentType !== OID.authEnvelopedData) {
    throw new DirectSealError('MESSAGE_MALFORMED', `CMS content type ${contentType} is not EnvelopedData`);
  }
  const fields = children(children(expectTag(ci[1], 0xa0, 'the enveloped content'))[0]!);
  let i = 1; // after version
  if (fields[i]?.tag === 0xa0) i++; // originatorInfo
  const recipientInfos = children(expectTag(fields[i++], 0x31, 'recipient infos'));
  const eci = children(expectTag(fields[i++], 0x30, 'encrypted content info'));
  const alg = children(expectTag(eci[1], 0x30, 'a content encryption algorithm'));
  const encrypted = eci[2];
  if (!encrypted || (encrypted.tag !== 0x80 && encrypted.tag !== 0xa0)) {
    throw new DirectSealError('MESSAGE_MALFORMED', 'no encrypted content (detached EnvelopedData is not supported)');
  }
  let mac: Uint8Array | undefined;
  if (contentType === OID.authEnvelopedData) {
    while (fields[i] && fields[i]!.tag === 0xa1) i++; // authAttrs: not produced by the peers we meet
    mac = value(expectTag(fields[i], 0x04, 'a MAC'));
  }
  return {
    contentType,
    recipientInfos,
    algorithmOid: readOid(alg[0]!),
    algorithmParams: alg[1],
    ciphertext: octets(encrypted),
    mac,
  };
}

type RecipientId = { issuer: Uint8Array; serial: Uint8Array } | { subjectKeyIdentifier: Uint8Array };

/** A KeyTransRecipientInfo's rid: IssuerAndSerialNumber (SEQUENCE) or SubjectKeyIdentifier ([0]); else undefined. */
function recipientId(rid: BerNode): RecipientId | undefined {
  if (rid.tag === 0x30) {
    const [issuer, serial] = children(rid);
    return { issuer: encoded(issuer), serial: value(serial) };
  }
  if (rid.tag === 0x80) return { subjectKeyIdentifier: value(rid) };
  return undefined;
}

/** Which of `recipients` this KeyTransRecipientInfo names, by IssuerAndSerialNumber or SubjectKeyIdentifier. */
function matchRecipient(info: BerNode, recipients: { fields: CertificateFields; recipient: Recipient }[]) {
  if (info.tag !== 0x30) return undefined; // KeyAgree [1], KEK [2], password [3], other [4]: not ours
  const [version, rid] = children(info);
  if (!version || !rid) return undefined;
  const id = recipientId(rid);
  if (!id) return undefined;
  return recipients.find(({ fields }) => {
    if ('issuer' in id) return sameIssuerAndSerial(fields, id.issuer, id.serial);
    return fields.subjectKeyIdentifier !== undefined && equalBytes(id.subjectKeyIdentifier, fields.subjectKeyIdentifier);
  });
}

export interface OpenEnvelopeOptions {
  /**
   * Decrypt AES-CBC content over its own ciphertext in `der`, saving a buffer the size of the content (50 MB
   * messages): only for a `der` the caller owns and will not read again (one it decoded from base64).
   */
  inPlace?: boolean;
}

/** Decrypts an EnvelopedData or AuthEnvelopedData with the first of our keys it was encrypted for. */
export async function openEnvelope(der: Uint8Array, recipients: Recipient[], options: OpenEnvelopeOptions = {}): Promise<Opened> {
  const env = parseEnvelope(der);
  const spec = contentCipherSpec(env.algorithmOid);
  const ours = recipients.map((recipient) => ({ fields: certificateFields(recipient.certificate), recipient }));
  for (const info of env.recipientInfos) {
    const match = matchRecipient(info, ours);
    if (!match) continue;
    const parts = children(info);
    readSmallInteger(parts[0]!);
    const scheme = keyTransportScheme(expectTag(parts[2], 0x30, 'a key encryption algorithm'));
    const encryptedKey = value(expectTag(parts[3], 0x04, 'an encrypted key'));
    let cek: Uint8Array;
    try {
      cek = await match.recipient.key.decryptKey(encryptedKey, scheme, spec.keyLength);
    } catch (e) {
      // A key that is locked says so (KEY_LOCKED): the user unlocks it. Any other failure stays unexplained.
      if (isDirectSealError(e, 'KEY_LOCKED')) throw e;
      throw new DirectSealError('DECRYPTION_FAILED', 'the content key could not be decrypted', { cause: e });
    }
    try {
      const out = options.inPlace ? env.ciphertext : undefined;
      const content = await decryptContent(env.algorithmOid, env.algorithmParams, cek, env.ciphertext, env.mac, out);
      return {
        content,
        contentEncryption: spec.name,
        keyTransport: describeKeyTransport(scheme),
        authenticated: env.contentType === OID.authEnvelopedData,
      };
    } finally {
      zeroize(cek);
    }
  }
  throw new DirectSealError('NO_MATCHING_RECIPIENT');
}

/** Recipients named in an envelope, for `inspect`: issuer+serial or key identifier, and the key transport. */
export function describeEnvelope(der: Uint8Array): { contentType: string; contentEncryption: string; recipients: { issuerAndSerial?: { issuer: Uint8Array; serial: Uint8Array }; subjectKeyIdentifier?: Uint8Array; keyTransport: string }[] } {
  const env = parseEnvelope(der);
  return {
    contentType: env.contentType === OID.authEnvelopedData ? 'AuthEnvelopedData' : 'EnvelopedData',
    contentEncryption: contentCipherSpec(env.algorithmOid).name,
    recipients: env.recipientInfos
      .filter((n) => n.tag === 0x30)
      .map((info) => {
        const id = recipientId(child(info, 1, 'RecipientInfo'));
        if (!id) throw new DirectSealError('MESSAGE_MALFORMED', 'a RecipientInfo names its recipient in no known way');
        const keyTransport = describeKeyTransport(keyTransportScheme(child(info, 2, 'RecipientInfo')));
        return 'issuer' in id ? { issuerAndSerial: id, keyTransport } : { ...id, keyTransport };
      }),
  };
}

/**
 * The signature layers around a decrypted Direct message, and the message inside them: multipart/signed or
 * opaque signed-data, each with at most one message/rfc822 wrapper (header protection) inside, nested up to a
 * few layers (S/MIME triple wrapping has two).
 */
import { DirectSealError } from '../errors';
import { decodeTransferEncoding, header, headerAll, splitEntity, splitMultipart, type Entity } from '../mime/entity';
import { parseContentType } from '../mime/params';
import { contentTypeOf } from '../cms/enveloped';
import { verifySignedData, type SignerResult } from '../cms/signed';
import { OID } from '../cms/oids';
import { isWrapped } from './wrap';

/** Signatures nested in signatures that are unpacked. */
const MAX_SIGNATURE_LAYERS = 3;

export interface Signature {
  signer: SignerResult;
  /** The certificates its SignedData carries (the signer's path candidates). */
  certificates: Uint8Array[];
}

/**
 * The signatures around the message and the message itself. Each signature layer may carry one message/rfc822
 * wrapper (header protection), which is opened; a further signature inside is unpacked too, unless the entity
 * already has a From (then it is the message, and whatever it contains is its content). Nothing else is opened.
 */
export async function peel(content: Uint8Array): Promise<{ message: Uint8Array; signatures: Signature[]; wrapped: boolean }> {
  let message = content;
  let wrapped = false;
  const signatures: Signature[] = [];
  for (let layer = 0; layer < MAX_SIGNATURE_LAYERS; layer++) {
    const entity = splitEntity(message);
    if (layer > 0 && headerAll(entity, 'from').length > 0) break;
    const signed = await unpackSignature(entity);
    if (!signed) {
      if (layer === 0 && isWrapped(entity)) {
        // Unsigned but wrapped: the wrapper is still only header protection.
        wrapped = true;
        message = entity.body;
      }
      break;
    }
    signatures.push(...signed.signers.map((signer) => ({ signer, certificates: signed.certificates })));
    message = signed.content;
    const inner = splitEntity(message);
    if (isWrapped(inner)) {
      wrapped = true;
      message = inner.body;
    }
  }
  return { message, signatures, wrapped };
}

interface SignedParts {
  content: Uint8Array;
  signers: SignerResult[];
  certificates: Uint8Array[];
}

/** multipart/signed or opaque signed-data; undefined for an unsigned entity. */
async function unpackSignature(entity: Entity): Promise<SignedParts | undefined> {
  const ct = parseContentType(header(entity, 'content-type'));
  let result;
  if (ct.type === 'multipart/signed') {
    const boundary = ct.params.boundary;
    if (!boundary) throw new DirectSealError('MESSAGE_MALFORMED', 'multipart/signed without a boundary');
    const [content, signaturePart] = splitMultipart(entity.body, boundary);
    if (!content || !signaturePart) throw new DirectSealError('MESSAGE_MALFORMED', 'multipart/signed needs two parts');
    const sig = splitEntity(signaturePart);
    result = await verifySignedData(decodeTransferEncoding(sig.body, header(sig, 'content-transfer-encoding')), content);
  } else if (ct.type === 'application/pkcs7-mime' || ct.type === 'application/x-pkcs7-mime') {
    const der = decodeTransferEncoding(entity.body, header(entity, 'content-transfer-encoding'));
    if (contentTypeOf(der) !== OID.signedData) return undefined;
    result = await verifySignedData(der);
  } else {
    return undefined;
  }
  // A SignedData with no signer is no signature, but its content is still unpacked (a signature may be inside).
  return { content: result.content, signers: result.signers, certificates: result.certificates };
}


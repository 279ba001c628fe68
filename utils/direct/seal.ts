/**
 * seal: the original message, wrapped (header protection), signed (SHA-256 with RSA, detached by default),
 * then encrypted for every recipient and for the sender, as an application/pkcs7-mime message.
 */
import { DirectSealError } from '../errors';
import { toCrlf } from '../mime/canonical';
import { splitEntity } from '../mime/entity';
import { formatHeader } from '../mime/headers';
import { sign } from '../cms/signed';
import { envelopeInto } from '../cms/enveloped';
import type { Signer } from '../cms/keys';
import type { ContentCipher } from '../cms/content-cipher';
import type { KeyTransport } from '../cms/key-transport';
import { equalBytes } from '../bytes';
import { checkKeyStrength, checkRecipientCertificate } from '../pki/key-policy';
import { multipartSignedParts, pkcs7MimeEntity, pkcs7MimeWriter } from './smime-entities';
import { ROUTING_HEADERS, wrapMessage } from './wrap';
import { withMessageIdentity } from './message-identity';

export interface SealOptions {
  cipher?: ContentCipher;
  keyTransport?: KeyTransport;
  /** Opaque signed-data instead of multipart/signed. */
  opaque?: boolean;
  signingTime?: Date;
}

export async function seal(
  message: Uint8Array,
  signer: Signer,
  recipientCertificates: Uint8Array[],
  options: SealOptions = {},
): Promise<Uint8Array> {
  if (recipientCertificates.length === 0) throw new DirectSealError('NO_RECIPIENTS');
  // Before anything is signed: a CA certificate, or a key anyone can decrypt for (RSA exponent 1), is refused.
  // The sender's own copy too is only as safe as the sender's key (its usage is judged where it is opened).
  for (const der of recipientCertificates) checkRecipientCertificate(der);
  checkKeyStrength(signer.certificate);
  const { outerHeaders, signedEntity } = await signWrapped(toCrlf(message), signer, options);
  // The sender is a recipient too, so the sent copy stays readable.
  const recipients = [...recipientCertificates];
  if (!recipients.some((c) => equalBytes(c, signer.certificate))) recipients.push(signer.certificate);
  // The EnvelopedData is base64-encoded into the final entity as it is made: never held whole (memory, 50 MB).
  const sealed = pkcs7MimeWriter(options.cipher === 'aes-256-gcm' ? 'authEnveloped-data' : 'enveloped-data', outerHeaders);
  await envelopeInto(signedEntity, recipients, { cipher: options.cipher, keyTransport: options.keyTransport }, sealed);
  return sealed.bytes();
}

/**
 * The original wrapped and signed, as the parts of the signed entity (multipart/signed is never joined: the
 * encryption reads its parts in place), and the outer routing headers. Its own function so that nothing but
 * the parts outlives it.
 */
async function signWrapped(
  original: Uint8Array,
  signer: Signer,
  options: SealOptions,
): Promise<{ outerHeaders: string[]; signedEntity: Uint8Array[] }> {
  // A Date and a Message-ID where the sender gave none, before the routing copy: the same ones inside and out.
  original = withMessageIdentity(original, options.signingTime);
  const entity = splitEntity(original);
  if (!entity.headers.some((h) => h.name.toLowerCase() === 'from')) {
    throw new DirectSealError('MESSAGE_MALFORMED', 'the message has no From header');
  }
  const outerHeaders = entity.headers
    .filter((h) => (ROUTING_HEADERS as readonly string[]).includes(h.name.toLowerCase()))
    .map((h) => formatHeader(h.name, h.value));
  outerHeaders.push('MIME-Version: 1.0');
  const wrapped = wrapMessage(original);
  const signature = await sign(wrapped, signer, { detached: !options.opaque, signingTime: options.signingTime });
  if (options.opaque) return { outerHeaders, signedEntity: [pkcs7MimeEntity(signature, 'signed-data')] };
  // The same bytes as `wrapped`, but over the original itself: `wrapped` was needed in one piece only for the
  // digest (a view of the original's buffer when it had headroom, else a copy that is garbage from here on).
  const wrapHeader = wrapped.slice(0, wrapped.length - original.length);
  return { outerHeaders, signedEntity: multipartSignedParts([wrapHeader, original], signature, 'SHA-256') };
}

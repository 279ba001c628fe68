/**
 * Sealing and opening beside the key service: the caller (an extension page, or the worker it starts) runs
 * the core over the message, and asks the background only for what needs a private key, over a few hundred
 * bytes (message.sign over the signed attributes, message.unwrapKey for one content-encryption key). The
 * message itself never crosses runtime messaging, so it has no size limit but the machine's and no base64
 * JSON copies. Pure: `ask` is how the caller reaches the key service (components/client.ts in a page).
 */
import { equalBytes } from '../bytes';
import { DirectSealError, ERROR_SENTENCES, isDirectSealError, type ErrorCode } from '../errors';
import type { PrivateKeyOperations, Recipient } from '../cms/keys';
import { seal } from '../direct/seal';
import { open } from '../direct/open';
import type { PkiFetch } from '../pki/online-path';
import { header, splitEntity } from '../mime/entity';
import { addressOf, parseAddressList } from '../mime/address';
import type { KeyServiceApi, ReplyOf, RequestType, SealOptions, WireVerdict } from './api';
import { fromWire, toWire, wireVerdict } from './wire';

export type Ask = <T extends RequestType>(type: T, request: KeyServiceApi[T]['request']) => Promise<ReplyOf<T>>;

/**
 * A refusal of the key service with one of our codes becomes that DirectSealError again, so the core treats it
 * as it would in the background (KEY_LOCKED stays KEY_LOCKED instead of an unexplained decryption failure).
 */
function asCoreError(e: unknown): unknown {
  const { code, detail } = (e ?? {}) as { code?: unknown; detail?: unknown };
  if (isDirectSealError(e) || typeof code !== 'string' || !(code in ERROR_SENTENCES)) return e;
  return new DirectSealError(code as ErrorCode, typeof detail === 'string' ? detail : undefined, { cause: e });
}

/** An identity's private-key operations, done by the key service: only the small inputs cross. */
export function remoteKey(ask: Ask, identity: string): PrivateKeyOperations {
  return {
    async sign(data, scheme) {
      const { signature } = await ask('message.sign', { identity, signedAttributes: toWire(data), scheme }).catch((e: unknown) => {
        throw asCoreError(e);
      });
      return fromWire(signature);
    },
    async decryptKey(encryptedKey, scheme, keyLength) {
      const { key } = await ask('message.unwrapKey', { identity, encryptedKey: toWire(encryptedKey), scheme, keyLength }).catch((e: unknown) => {
        throw asCoreError(e);
      });
      return fromWire(key);
    },
  };
}

/** Seals a MIME message (From = one of our identities) for the addresses in its To/Cc/Bcc, as message.seal would. */
export async function sealBeside(ask: Ask, message: Uint8Array, options: SealOptions = {}): Promise<Uint8Array> {
  const entity = splitEntity(message);
  const from = addressOf(header(entity, 'from'));
  if (!from) throw new DirectSealError('NO_IDENTITY', 'the message has no From address');
  const recipients = ['to', 'cc', 'bcc'].flatMap((h) => parseAddressList(header(entity, h) ?? '')).map((m) => m.address.toLowerCase());
  if (recipients.length === 0) throw new DirectSealError('NO_RECIPIENTS', 'the message has no To address');
  const parties = await ask('message.sealParties', { from, recipients });
  const signer = {
    certificate: fromWire(parties.signer.certificate),
    chain: parties.signer.chain.map(fromWire),
    key: remoteKey(ask, parties.signer.identity),
  };
  return seal(message, signer, parties.recipients.map(fromWire), {
    ...(options.cipher ? { cipher: options.cipher } : {}),
    ...(options.oaep ? { keyTransport: 'rsa-oaep' as const } : {}),
  });
}

export interface OpenedBeside {
  message: Uint8Array;
  verdict: WireVerdict;
}

/**
 * Opens a sealed message with our identities, verifying against the anchors the key service holds.
 * `consumeInput`: the caller hands `sealed` over (decoded and decrypted in place, see utils/direct/open).
 */
export async function openBeside(ask: Ask, sealed: Uint8Array, options: { now?: Date; consumeInput?: boolean } = {}): Promise<OpenedBeside> {
  const parties = await ask('message.openParties', {});
  const identities: Recipient[] = parties.identities.map((i) => ({ certificate: fromWire(i.certificate), key: remoteKey(ask, i.identity) }));
  // A missing issuer or a CRL is fetched by the background, which holds the practice's setting and the cache.
  const fetchPki: PkiFetch = async (url, kind) => fromWire((await ask('pki.fetch', { url, kind })).bytes);
  const opened = await open(sealed, identities, parties.anchors.map(fromWire), {
    now: options.now ?? new Date(),
    intermediates: parties.intermediates.map(fromWire),
    ...(parties.fetchOnline ? { fetchPki } : {}),
    ...(options.consumeInput ? { consumeInput: true } : {}),
  });
  const { verdict } = opened;
  const signer = verdict.signerCertificate;
  // A verified signer is a contact we can now write back to (certificates from signed mail), as before.
  if (verdict.status === 'verified' && signer && !identities.some((i) => equalBytes(i.certificate, signer))) {
    await ask('message.rememberSigner', { certificate: toWire(signer), chain: (verdict.signerChain ?? []).map(toWire) }).catch(() => undefined);
  }
  return { message: opened.message, verdict: wireVerdict(verdict) };
}

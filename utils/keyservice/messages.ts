/** Sealing and opening Direct messages with the stored identities, anchors and contacts. */
import { equalBytes } from '../bytes';
import { DirectSealError } from '../errors';
import type { Recipient, Signer } from '../cms/keys';
import { seal } from '../direct/seal';
import { open } from '../direct/open';
import { header, splitEntity } from '../mime/entity';
import { addressOf, parseAddressList } from '../mime/address';
import { identitiesFor, listIdentities } from '../store/identities';
import type { KeyServiceApi, WireVerdict } from './api';
import { anchorCertificates } from './anchors';
import { isKnownContact, storeContactCertificate, usableCertificates } from './contacts';
import type { ServiceContext } from './context';
import { identityKey } from './keys';
import { identityState } from './summaries';
import { fromWire, toWire, wireVerdict } from './wire';

export async function sealMessage(ctx: ServiceContext, req: KeyServiceApi['message.seal']['request']): Promise<{ sealed: string }> {
  const message = fromWire(req.message);
  const entity = splitEntity(message);
  const from = addressOf(header(entity, 'from'));
  if (!from) throw new DirectSealError('NO_IDENTITY', 'the message has no From address');
  const signer = await signerFor(ctx, from);
  const recipients = ['to', 'cc', 'bcc'].flatMap((h) => parseAddressList(header(entity, h) ?? '')).map((m) => m.address.toLowerCase());
  if (recipients.length === 0) throw new DirectSealError('NO_RECIPIENTS', 'the message has no To address');
  const certificates: Uint8Array[] = [];
  const anchors = await anchorCertificates(ctx);
  for (const address of new Set(recipients)) {
    const usable = await usableCertificates(ctx, anchors, address);
    if (usable.certificates.length === 0) {
      throw new DirectSealError('NO_RECIPIENTS', `${address}: ${usable.status === 'none' ? 'no certificate known' : `certificate ${usable.status}`}`);
    }
    certificates.push(...usable.certificates);
  }
  const sealed = await seal(message, signer, certificates, {
    ...(req.options?.cipher ? { cipher: req.options.cipher } : {}),
    ...(req.options?.oaep ? { keyTransport: 'rsa-oaep' as const } : {}),
  });
  return { sealed: toWire(sealed) };
}

async function signerFor(ctx: ServiceContext, address: string): Promise<Signer> {
  const candidates = await identitiesFor(ctx.store, address);
  const ready = candidates.filter((r) => identityState(r) === 'ready');
  // The newest certificate first: after a renewal both exist until the user deletes the old one.
  ready.sort((a, b) => b.createdAt - a.createdAt);
  const record = ready[0];
  if (!record) {
    const pending = candidates[0];
    if (pending && identityState(pending) === 'awaiting-backup') throw new DirectSealError('BACKUP_REQUIRED', address);
    throw new DirectSealError('NO_IDENTITY', pending ? `${address} still awaits its certificate` : address);
  }
  const [certificate, ...chain] = record.certificateChain;
  return { certificate: certificate!, chain, key: identityKey(ctx, record) };
}

export async function openMessage(ctx: ServiceContext, req: KeyServiceApi['message.open']['request']): Promise<{ message: string; verdict: WireVerdict }> {
  const records = (await listIdentities(ctx.store)).filter((r) => r.certificateChain.length > 0);
  if (records.length === 0) throw new DirectSealError('NO_IDENTITY', 'import your Direct identity before opening messages');
  const identities: Recipient[] = records.map((r) => ({ certificate: r.certificateChain[0]!, key: identityKey(ctx, r) }));
  const opened = await open(fromWire(req.sealed), identities, await anchorCertificates(ctx), { now: new Date(ctx.now()) });
  const { verdict } = opened;
  // A verified signer is a contact we can now write back to (certificates from signed mail).
  const signer = verdict.signerCertificate;
  const ownCopy = signer !== undefined && records.some((r) => equalBytes(r.certificateChain[0]!, signer));
  if (verdict.status === 'verified' && signer && !ownCopy && !(await isKnownContact(ctx, signer))) {
    await storeContactCertificate(ctx, signer, verdict.signerChain ?? [], 'signed-mail', false).catch(() => undefined);
  }
  return { message: toWire(opened.message), verdict: wireVerdict(verdict) };
}

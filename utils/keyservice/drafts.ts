/**
 * Compose drafts, encrypted under the install's KEK (AES-GCM, purpose-bound), so an unsent message survives a
 * crash or a closed tab without resting in the clear.
 */
import { fromUtf8, toArrayBuffer, utf8 } from '../bytes';
import { randomBytes, subtle } from '../crypto';
import { DirectSealError } from '../errors';
import { deleteDraft, getDraft, listDrafts, putDraft } from '../store/drafts';
import type { ComposeDraft, KeyServiceApi } from './api';
import type { ServiceContext } from './context';

const DRAFT_AAD = utf8('directseal/draft/v1');

export async function saveDraft(ctx: ServiceContext, req: KeyServiceApi['drafts.save']['request']): Promise<{ updatedAt: number }> {
  if (!req.id) throw new DirectSealError('USAGE', 'a draft needs an id');
  const iv = randomBytes(12);
  const plain = utf8(JSON.stringify(req.draft));
  const ciphertext = new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv: toArrayBuffer(iv), additionalData: toArrayBuffer(DRAFT_AAD) }, ctx.kek, toArrayBuffer(plain)));
  plain.fill(0);
  const updatedAt = ctx.now();
  await putDraft(ctx.store, { id: req.id, iv, ciphertext, updatedAt });
  return { updatedAt };
}

export async function listDraftContents(ctx: ServiceContext): Promise<KeyServiceApi['drafts.list']['reply']> {
  const drafts = await listDrafts(ctx.store);
  drafts.sort((a, b) => b.updatedAt - a.updatedAt);
  const out: KeyServiceApi['drafts.list']['reply'] = [];
  for (const d of drafts) {
    try {
      const plain = await subtle().decrypt({ name: 'AES-GCM', iv: toArrayBuffer(d.iv), additionalData: toArrayBuffer(DRAFT_AAD) }, ctx.kek, toArrayBuffer(d.ciphertext));
      out.push({ id: d.id, updatedAt: d.updatedAt, draft: JSON.parse(fromUtf8(new Uint8Array(plain))) as ComposeDraft });
    } catch {
      // A draft from another install's KEK cannot be read; it is left for the user to delete, not shown.
    }
  }
  return out;
}

export async function removeDraft(ctx: ServiceContext, req: KeyServiceApi['drafts.delete']['request']): Promise<{ deleted: true }> {
  if (!(await getDraft(ctx.store, req.id))) throw new DirectSealError('NOT_FOUND', `draft ${req.id}`);
  await deleteDraft(ctx.store, req.id);
  return { deleted: true };
}

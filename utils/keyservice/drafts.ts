/**
 * Compose drafts, sealed under the vault (AES-GCM, purpose-bound), so an unsent message survives a crash or
 * a closed tab without resting readable. The vault exists only while unlocked: while locked, no draft can be
 * saved, and none is listed or shown.
 */
import { fromUtf8, toArrayBuffer, utf8, zeroize } from '../bytes';
import { subtle } from '../crypto';
import { DirectSealError, isDirectSealError } from '../errors';
import { openWithVault } from '../custody/vault';
import { deleteDraft, getDraft, listDrafts, putDraft } from '../store/drafts';
import type { DraftRecord } from '../store/schema';
import type { ComposeDraft, KeyServiceApi } from './api';
import type { ServiceContext } from './context';
import { sealInVault, withVault } from './keys';

export async function saveDraft(ctx: ServiceContext, req: KeyServiceApi['drafts.save']['request']): Promise<{ updatedAt: number }> {
  if (!req.id) throw new DirectSealError('USAGE', 'a draft needs an id');
  const plain = utf8(JSON.stringify(req.draft));
  try {
    const { iv, ciphertext } = await sealInVault(ctx, 'draft', plain); // KEY_LOCKED while locked
    const updatedAt = ctx.now();
    await putDraft(ctx.store, { id: req.id, kind: 'vault', iv, ciphertext, updatedAt });
    return { updatedAt };
  } finally {
    zeroize(plain);
  }
}

export async function listDraftContents(ctx: ServiceContext): Promise<KeyServiceApi['drafts.list']['reply']> {
  const drafts = await listDrafts(ctx.store);
  drafts.sort((a, b) => b.updatedAt - a.updatedAt);
  try {
    return await withVault(ctx, async (vault) => {
      const out: KeyServiceApi['drafts.list']['reply'] = [];
      for (const d of drafts) {
        const draft = await readDraft(ctx, d, vault);
        if (draft) out.push({ id: d.id, updatedAt: d.updatedAt, draft });
      }
      return out;
    });
  } catch (e) {
    // Locked (or no passphrase chosen yet): nothing is listed.
    if (isDirectSealError(e, 'KEY_LOCKED') || isDirectSealError(e, 'LOCK_NOT_SET')) return [];
    throw e;
  }
}

/** An earlier version's draft was under its KEK with this AAD. */
const LEGACY_DRAFT_AAD = utf8('directseal/draft/v1');

async function readDraft(ctx: ServiceContext, d: DraftRecord, vault: Uint8Array): Promise<ComposeDraft | undefined> {
  try {
    let plain: Uint8Array;
    if (d.kind === 'vault') plain = await openWithVault(vault, 'draft', d);
    else if (ctx.legacyKek) {
      const algorithm = { name: 'AES-GCM', iv: toArrayBuffer(d.iv), additionalData: toArrayBuffer(LEGACY_DRAFT_AAD) };
      plain = new Uint8Array(await subtle().decrypt(algorithm, ctx.legacyKek, toArrayBuffer(d.ciphertext)));
    } else return undefined;
    try {
      return JSON.parse(fromUtf8(plain)) as ComposeDraft;
    } finally {
      zeroize(plain);
    }
  } catch {
    // A draft that no longer opens (another install's, or damaged) is left for the user to delete, not shown.
    return undefined;
  }
}

export async function removeDraft(ctx: ServiceContext, req: KeyServiceApi['drafts.delete']['request']): Promise<{ deleted: true }> {
  if (!(await getDraft(ctx.store, req.id))) throw new DirectSealError('NOT_FOUND', `draft ${req.id}`);
  await deleteDraft(ctx.store, req.id);
  return { deleted: true };
}

/**
 * The passphrase lock (DESIGN.md section 4): the only thing that keeps private keys from whoever reads the
 * disk. The user chooses it before the first key is stored; the vault secret rests only under it, and while
 * unlocked lives in memory (and in memory-only `storage.session`) until the idle time ends.
 *
 * Without it, by explicit choice only, the vault secret rests in the clear: nothing then protects the keys
 * from a disk reader, and the status says so (`mode: 'unprotected'`).
 *
 * Setting the passphrase on an install that held anything outside it (an earlier version's KEK and clear
 * CryptoKeys, or the unprotected vault) rewrites the whole database under a new vault secret, so that no
 * earlier copy stays in LevelDB's files (store/rewrite.ts).
 */
import type { IDBPDatabase } from 'idb';
import { zeroize } from '../bytes';
import { DirectSealError } from '../errors';
import { lockKey, unlockKey } from '../custody/passphrase';
import { createVaultSecret } from '../custody/vault';
import { listIdentities } from '../store/identities';
import { listDrafts } from '../store/drafts';
import { openStore } from '../store/open';
import { readSnapshot, rewriteStore } from '../store/rewrite';
import { getSettings, putSetting } from '../store/settings';
import type { KeyServiceApi, LockStatus } from './api';
import { checkPassphraseFloor } from './passphrase-floor';
import type { ServiceContext } from './context';
import { VAULT_ID } from './keys';
import { rewrapSnapshot, type OldSecrets } from './rewrap';

const MINUTE = 60_000;

export async function lockStatus(ctx: ServiceContext): Promise<LockStatus> {
  const settings = await getSettings(ctx.store);
  const mode = await custodyMode(ctx);
  return {
    mode,
    enabled: mode === 'passphrase',
    unlocked: mode === 'passphrase' && ctx.session.has(VAULT_ID),
    idleMinutes: settings.idleMinutes,
    earlierVersion: ctx.legacyKek !== undefined,
  };
}

/** 'unprotected': keys exist that a disk reader can use (the user's explicit choice, or an earlier version's). */
async function custodyMode(ctx: ServiceContext): Promise<LockStatus['mode']> {
  const settings = await getSettings(ctx.store);
  if (settings.lockEnabled) return 'passphrase';
  if (settings.unprotectedVault) return 'unprotected';
  const legacyKeys = (await listIdentities(ctx.store)).some((r) => r.wrappedKey.kind === 'kek');
  return legacyKeys ? 'unprotected' : 'unset';
}

/** Sets the passphrase: before the first key, or later on an unprotected install (which is rewritten). */
export async function enableLock(ctx: ServiceContext, req: KeyServiceApi['lock.enable']['request']): Promise<LockStatus> {
  const settings = await getSettings(ctx.store);
  if (settings.lockEnabled) throw new DirectSealError('USAGE', 'the passphrase lock is already on');
  checkPassphraseFloor(req.passphrase, 'the passphrase');
  const idleMinutes = checkedIdle(req.idleMinutes);
  const vault = createVaultSecret();
  const lockCheck = await lockKey(vault, req.passphrase);
  if (ctx.legacyKek || settings.unprotectedVault || (await hasRecordsOutsideVault(ctx))) {
    await rewriteUnderVault(ctx, { legacyKek: ctx.legacyKek, vault: settings.unprotectedVault ?? undefined }, vault, lockCheck, idleMinutes);
  } else {
    // Nothing secret was ever stored: there is no earlier copy to remove.
    await putSetting(ctx.store, 'lockCheck', lockCheck);
    await putSetting(ctx.store, 'idleMinutes', idleMinutes);
    await putSetting(ctx.store, 'lockEnabled', true);
  }
  // The user just typed the passphrase: start unlocked.
  ctx.session.setIdleTime(idleMinutes * MINUTE);
  ctx.session.hold(VAULT_ID, vault);
  return lockStatus(ctx);
}

/**
 * The explicit choice of no passphrase, only before any key is stored. Whoever copies this computer's disk
 * can then use every key DirectSeal keeps; the request says so in its own shape.
 */
export async function declinePassphrase(ctx: ServiceContext, req: KeyServiceApi['lock.noPassphrase']['request']): Promise<LockStatus> {
  if (req.understood !== true) throw new DirectSealError('USAGE', 'choosing no passphrase needs the user\'s explicit confirmation');
  if ((await custodyMode(ctx)) !== 'unset') throw new DirectSealError('USAGE', 'the passphrase choice was already made');
  await putSetting(ctx.store, 'unprotectedVault', createVaultSecret());
  return lockStatus(ctx);
}

export async function unlock(ctx: ServiceContext, req: KeyServiceApi['lock.unlock']['request']): Promise<LockStatus> {
  const settings = await getSettings(ctx.store);
  if (!settings.lockEnabled || !settings.lockCheck) throw new DirectSealError('USAGE', 'the passphrase lock is off');
  const vault = await unlockKey(settings.lockCheck, req.passphrase); // BAD_PASSPHRASE
  if (ctx.legacyKek || (await hasRecordsOutsideVault(ctx))) {
    // An earlier version's lock: keys wrapped one by one, and the KEK and maybe clear CryptoKeys of the time
    // before the lock still in LevelDB's files. Move everything under a new vault in a fresh database.
    const fresh = createVaultSecret();
    try {
      const lockCheck = await lockKey(fresh, req.passphrase);
      await rewriteUnderVault(ctx, { legacyKek: ctx.legacyKek, vault, passphrase: req.passphrase }, fresh, lockCheck, settings.idleMinutes);
    } finally {
      zeroize(vault);
    }
    ctx.session.setIdleTime(settings.idleMinutes * MINUTE);
    ctx.session.hold(VAULT_ID, fresh);
    return lockStatus(ctx);
  }
  ctx.session.setIdleTime(settings.idleMinutes * MINUTE);
  ctx.session.hold(VAULT_ID, vault);
  return lockStatus(ctx);
}

export async function lockNow(ctx: ServiceContext): Promise<LockStatus> {
  ctx.session.forgetAll();
  await ctx.keeper.clear();
  return lockStatus(ctx);
}

/**
 * Turning the lock off is the explicit choice of no passphrase: the vault secret then rests in the clear.
 * (Records need no rewrite: what LevelDB kept of them was under the passphrase.)
 */
export async function disableLock(ctx: ServiceContext, req: KeyServiceApi['lock.disable']['request']): Promise<LockStatus> {
  if (req.understood !== true) throw new DirectSealError('USAGE', 'turning the lock off needs the user\'s explicit confirmation');
  const settings = await getSettings(ctx.store);
  if (!settings.lockEnabled || !settings.lockCheck) throw new DirectSealError('USAGE', 'the passphrase lock is off');
  const vault = await unlockKey(settings.lockCheck, req.passphrase); // BAD_PASSPHRASE before anything changes
  if (ctx.legacyKek || (await hasRecordsOutsideVault(ctx))) {
    zeroize(vault);
    throw new DirectSealError('KEY_LOCKED', 'unlock once so the keys of an earlier version move under the vault, then turn the lock off');
  }
  await putSetting(ctx.store, 'unprotectedVault', vault);
  await putSetting(ctx.store, 'lockCheck', null);
  await putSetting(ctx.store, 'lockEnabled', false);
  ctx.session.forgetAll();
  await ctx.keeper.clear();
  return lockStatus(ctx);
}

/** The user's passphrase, checked again for a sensitive step (exporting a backup). BAD_PASSPHRASE if wrong. */
export async function confirmPassphrase(ctx: ServiceContext, passphrase: string | undefined): Promise<void> {
  const settings = await getSettings(ctx.store);
  if (!settings.lockEnabled || !settings.lockCheck) return; // nothing to confirm: no passphrase protects anything
  if (passphrase === undefined) throw new DirectSealError('BAD_PASSPHRASE', 'type your DirectSeal passphrase to export a backup');
  zeroize(await unlockKey(settings.lockCheck, passphrase));
}

/** Records of an earlier version: keys under the KEK or per-key passphrase, drafts under the KEK, clear backups. */
async function hasRecordsOutsideVault(ctx: ServiceContext): Promise<boolean> {
  const identities = await listIdentities(ctx.store);
  if (identities.some((r) => r.wrappedKey.kind !== 'vault' || r.cryptoKeys || r.backup?.bytes)) return true;
  return (await listDrafts(ctx.store)).some((d) => d.kind !== 'vault');
}

async function rewriteUnderVault(
  ctx: ServiceContext,
  from: OldSecrets,
  vault: Uint8Array,
  lockCheck: NonNullable<Awaited<ReturnType<typeof lockKey>>>,
  idleMinutes: number,
): Promise<void> {
  const next = await rewrapSnapshot(await readSnapshot(ctx.store as unknown as IDBPDatabase<unknown>), from, vault, { lockEnabled: true, lockCheck, idleMinutes });
  ctx.store.close();
  try {
    await rewriteStore(ctx.factory, next, ctx.rewrite);
  } finally {
    // Reopening also finishes the move if it stopped half way (or leaves the old store if staging had not ended).
    ctx.store = await openStore(ctx.factory, ctx.rewrite);
    ctx.legacyKek = (await ctx.store.get('meta', 'kek')) as CryptoKey | undefined;
  }
}

function checkedIdle(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes < 1 || minutes > 24 * 60) throw new DirectSealError('USAGE', 'the idle time must be between 1 minute and 24 hours');
  return Math.round(minutes);
}

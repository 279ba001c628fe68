/**
 * The optional passphrase lock (DESIGN.md section 4): when on, private keys rest only under the passphrase
 * (PBKDF2) and are usable for a session that ends after the idle time the user set.
 */
import { zeroize } from '../bytes';
import { randomBytes } from '../crypto';
import { DirectSealError } from '../errors';
import { lockKey, unlockKey } from '../custody/passphrase';
import { unwrapPrivateKey } from '../custody/wrap';
import { listIdentities } from '../store/identities';
import { importRecords } from '../store/import';
import { getSettings, putSetting } from '../store/settings';
import type { IdentityRecord } from '../store/schema';
import type { KeyServiceApi, LockStatus } from './api';
import type { ServiceContext } from './context';
import { LOCK_CHECK_ID, restUnderKek } from './keys';

const MINUTE = 60_000;

export async function lockStatus(ctx: ServiceContext): Promise<LockStatus> {
  const settings = await getSettings(ctx.store);
  return { enabled: settings.lockEnabled, unlocked: settings.lockEnabled && ctx.session.has(LOCK_CHECK_ID), idleMinutes: settings.idleMinutes };
}

export async function enableLock(ctx: ServiceContext, req: KeyServiceApi['lock.enable']['request']): Promise<LockStatus> {
  const settings = await getSettings(ctx.store);
  if (settings.lockEnabled) throw new DirectSealError('USAGE', 'the passphrase lock is already on');
  if (req.passphrase.length < 8) throw new DirectSealError('BAD_PASSPHRASE', 'the passphrase needs at least 8 characters');
  const idleMinutes = checkedIdle(req.idleMinutes);
  const identities = await listIdentities(ctx.store);
  const locked: IdentityRecord[] = [];
  const unlocked = new Map<string, Uint8Array>();
  for (const r of identities) {
    if (r.wrappedKey.kind !== 'kek') continue;
    const pkcs8 = await unwrapPrivateKey(r.wrappedKey, ctx.kek);
    unlocked.set(r.id, pkcs8);
    const { cryptoKeys: _dropped, ...rest } = r;
    locked.push({ ...rest, wrappedKey: await lockKey(pkcs8, req.passphrase) });
  }
  const check = randomBytes(32);
  const lockCheck = await lockKey(check, req.passphrase);
  // All keys change kind in one transaction: a crash leaves either every key as it was, or every key locked.
  await importRecords(ctx.store, { identities: locked });
  await putSetting(ctx.store, 'lockCheck', lockCheck);
  await putSetting(ctx.store, 'idleMinutes', idleMinutes);
  await putSetting(ctx.store, 'lockEnabled', true);
  // The user just typed the passphrase: start unlocked.
  ctx.session.setIdleTime(idleMinutes * MINUTE);
  for (const [id, pkcs8] of unlocked) ctx.session.hold(id, pkcs8);
  ctx.session.hold(LOCK_CHECK_ID, check);
  ctx.lock.passphrase = req.passphrase;
  return lockStatus(ctx);
}

export async function unlock(ctx: ServiceContext, req: KeyServiceApi['lock.unlock']['request']): Promise<LockStatus> {
  const settings = await getSettings(ctx.store);
  if (!settings.lockEnabled || !settings.lockCheck) throw new DirectSealError('USAGE', 'the passphrase lock is off');
  const check = await unlockKey(settings.lockCheck, req.passphrase); // BAD_PASSPHRASE
  const keys = new Map<string, Uint8Array>();
  try {
    for (const r of await listIdentities(ctx.store)) {
      if (r.wrappedKey.kind === 'passphrase') keys.set(r.id, await unlockKey(r.wrappedKey, req.passphrase));
    }
  } catch (e) {
    for (const k of keys.values()) zeroize(k);
    zeroize(check);
    throw e;
  }
  ctx.session.setIdleTime(settings.idleMinutes * MINUTE);
  for (const [id, pkcs8] of keys) ctx.session.hold(id, pkcs8);
  ctx.session.hold(LOCK_CHECK_ID, check);
  ctx.lock.passphrase = req.passphrase;
  return lockStatus(ctx);
}

export async function lockNow(ctx: ServiceContext): Promise<LockStatus> {
  ctx.session.forgetAll();
  delete ctx.lock.passphrase;
  return lockStatus(ctx);
}

export async function disableLock(ctx: ServiceContext, req: KeyServiceApi['lock.disable']['request']): Promise<LockStatus> {
  const settings = await getSettings(ctx.store);
  if (!settings.lockEnabled || !settings.lockCheck) throw new DirectSealError('USAGE', 'the passphrase lock is off');
  zeroize(await unlockKey(settings.lockCheck, req.passphrase)); // BAD_PASSPHRASE before anything changes
  const records: IdentityRecord[] = [];
  for (const r of await listIdentities(ctx.store)) {
    if (r.wrappedKey.kind !== 'passphrase') continue;
    const pkcs8 = await unlockKey(r.wrappedKey, req.passphrase);
    try {
      records.push({ ...r, ...(await restUnderKek(ctx.kek, pkcs8)) });
    } finally {
      zeroize(pkcs8);
    }
  }
  await importRecords(ctx.store, { identities: records });
  await putSetting(ctx.store, 'lockEnabled', false);
  await putSetting(ctx.store, 'lockCheck', null);
  ctx.session.forgetAll();
  delete ctx.lock.passphrase;
  return lockStatus(ctx);
}

function checkedIdle(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes < 1 || minutes > 24 * 60) throw new DirectSealError('USAGE', 'the idle time must be between 1 minute and 24 hours');
  return Math.round(minutes);
}

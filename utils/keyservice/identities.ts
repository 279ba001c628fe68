/** The user's own Direct identities: import (.p12, PEM), generate with a CSR, certificate arrival, backup, delete. */
import { toHex, zeroize } from '../bytes';
import { randomBytes, subtle } from '../crypto';
import { DirectSealError } from '../errors';
import {
  boundAddresses,
  directBinding,
  keyMatchesCertificate,
  readCertificates,
  readPkcs12,
  readPrivateKey,
  writePkcs12,
} from '../pki';
import { backupFilename } from './api';
import { checkPassphraseFloor } from './passphrase-floor';
import { generateIdentityRequest } from '../pki/csr';
import { deleteIdentity, getIdentity, listIdentities, putIdentity, updateIdentity } from '../store/identities';
import { getSettings } from '../store/settings';
import type { IdentityRecord } from '../store/schema';
import type { IdentitySummary, KeyServiceApi } from './api';
import type { ServiceContext } from './context';
import { backupBytes, restKey, sealInVault, withIdentityPkcs8, withVault } from './keys';
import { confirmPassphrase } from './lock';
import { identitySummary } from './summaries';
import { fromWire, toWire } from './wire';

type Req<T extends keyof KeyServiceApi> = KeyServiceApi[T]['request'];

export async function listIdentitySummaries(ctx: ServiceContext): Promise<IdentitySummary[]> {
  const records = await listIdentities(ctx.store);
  records.sort((a, b) => a.createdAt - b.createdAt);
  const { lockEnabled } = await getSettings(ctx.store);
  return Promise.all(records.map((r) => summary(ctx, r, lockEnabled)));
}

/** What protects the key on disk: the passphrase, or nothing (the user's choice, or an earlier version's). */
async function summary(ctx: ServiceContext, r: IdentityRecord, lockEnabled?: boolean): Promise<IdentitySummary> {
  lockEnabled ??= (await getSettings(ctx.store)).lockEnabled;
  const underPassphrase = r.wrappedKey.kind === 'passphrase' || (r.wrappedKey.kind === 'vault' && lockEnabled);
  return identitySummary(r, ctx.now(), underPassphrase ? 'passphrase' : 'none');
}

export async function importP12(ctx: ServiceContext, req: Req<'identities.importP12'>): Promise<IdentitySummary> {
  const bytes = fromWire(req.p12);
  const p12 = await readPkcs12(bytes, req.passphrase);
  try {
    return await addIdentity(ctx, p12.privateKeyPkcs8, [p12.certificate, ...p12.chain], bytes);
  } finally {
    zeroize(p12.privateKeyPkcs8);
  }
}

export async function importPem(ctx: ServiceContext, req: Req<'identities.importPem'>): Promise<IdentitySummary> {
  const pkcs8 = await readPrivateKey(fromWire(req.key), req.passphrase);
  try {
    const certs = readCertificates(fromWire(req.certificates));
    const leaf = certs.find((c) => keyMatchesCertificate(pkcs8, c));
    if (!leaf) throw new DirectSealError('KEY_CERT_MISMATCH', 'none of the certificates belongs to this key');
    return await addIdentity(ctx, pkcs8, [leaf, ...certs.filter((c) => c !== leaf)], undefined);
  } finally {
    zeroize(pkcs8);
  }
}

async function addIdentity(
  ctx: ServiceContext,
  pkcs8: Uint8Array,
  chain: Uint8Array[],
  backup: Uint8Array | undefined,
): Promise<IdentitySummary> {
  const address = boundAddresses(chain[0]!)[0];
  if (!address) throw new DirectSealError('CERT_ADDRESS_MISMATCH', 'the certificate names no Direct address or domain');
  const id = await certificateId(chain[0]!);
  const resting = await restKey(ctx, pkcs8);
  const record: IdentityRecord = {
    id,
    address,
    certificateChain: chain,
    ...resting,
    backup: backup && (await sealBackup(ctx, backup, ctx.now())),
    // The user imported this from a file they keep: that file is the backup.
    backupConfirmed: true,
    createdAt: ctx.now(),
  };
  await putIdentity(ctx.store, record);
  return summary(ctx, record);
}

/** The kept .p12 rests under the vault too: its own passphrase (a HISP's, or typed once) may be weak. */
async function sealBackup(ctx: ServiceContext, p12: Uint8Array, createdAt: number): Promise<NonNullable<IdentityRecord['backup']>> {
  return { kind: 'p12', sealed: await sealInVault(ctx, 'backup', p12), createdAt };
}

/** Importing the same certificate twice replaces the identity instead of duplicating it. */
async function certificateId(der: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await subtle().digest('SHA-256', der as Uint8Array<ArrayBuffer>));
  return `cert-${toHex(digest.subarray(0, 12))}`;
}

export async function generate(ctx: ServiceContext, req: Req<'identities.generate'>): Promise<KeyServiceApi['identities.generate']['reply']> {
  checkPassphraseFloor(req.backupPassphrase, 'the backup passphrase');
  // Before the slow part: a key is made only where it can rest under the vault (LOCK_NOT_SET, KEY_LOCKED).
  await withVault(ctx, async () => undefined);
  const request = await generateIdentityRequest({
    address: req.address,
    commonName: req.commonName,
    organization: req.organization,
    modulusLength: req.modulusLength,
  });
  const { privateKeyPkcs8: pkcs8 } = request;
  try {
    // The backup exists before the key is stored: nothing is kept that the user could not restore.
    const backupP12 = await writePkcs12({ privateKeyPkcs8: pkcs8 }, req.backupPassphrase);
    const id = `gen-${toHex(randomBytes(12))}`;
    const resting = await restKey(ctx, pkcs8);
    const address = req.address.trim().toLowerCase();
    const record: IdentityRecord = {
      id,
      address,
      certificateChain: [],
      ...resting,
      backup: await sealBackup(ctx, backupP12, ctx.now()),
      backupConfirmed: false,
      csrPem: request.csrPem,
      createdAt: ctx.now(),
    };
    await putIdentity(ctx.store, record);
    return {
      identity: await summary(ctx, record),
      backupP12: toWire(backupP12),
      backupFilename: backupFilename(address),
      csrPem: request.csrPem,
    };
  } finally {
    zeroize(pkcs8);
  }
}

export async function confirmBackup(ctx: ServiceContext, req: Req<'identities.confirmBackup'>): Promise<IdentitySummary> {
  const updated = await updateIdentity(ctx.store, req.id, (r) => ({ ...r, backupConfirmed: true }));
  if (!updated) throw new DirectSealError('NOT_FOUND', `identity ${req.id}`);
  return summary(ctx, updated);
}

/** The certificate (or chain) the CA returned for a generated key. */
export async function importCertificate(ctx: ServiceContext, req: Req<'identities.importCertificate'>): Promise<IdentitySummary> {
  const record = await requireIdentity(ctx, req.id);
  const certs = readCertificates(fromWire(req.certificates));
  const leaf = await withIdentityPkcs8(ctx, record, async (pkcs8) => certs.find((c) => keyMatchesCertificate(pkcs8, c)));
  if (!leaf) throw new DirectSealError('KEY_CERT_MISMATCH', `no certificate in the file belongs to the key of ${record.address}`);
  if (!directBinding(leaf, record.address)) {
    throw new DirectSealError('CERT_ADDRESS_MISMATCH', `the certificate names ${boundAddresses(leaf).join(', ') || 'no address'}, not ${record.address}`);
  }
  const chain = [leaf, ...certs.filter((c) => c !== leaf)];
  const updated = await updateIdentity(ctx.store, req.id, (r) => {
    const { csrPem: _done, ...rest } = r;
    return { ...rest, certificateChain: chain };
  });
  if (!updated) throw new DirectSealError('NOT_FOUND', `identity ${req.id}`);
  return summary(ctx, updated);
}

/**
 * A backup carries the key out of the browser: the lock passphrase is asked again, so whoever finds the
 * computer unlocked cannot take the key away under a passphrase of their own.
 */
export async function exportBackup(ctx: ServiceContext, req: Req<'identities.exportBackup'>): Promise<KeyServiceApi['identities.exportBackup']['reply']> {
  const record = await requireIdentity(ctx, req.id);
  await confirmPassphrase(ctx, req.lockPassphrase); // BAD_PASSPHRASE
  if (req.passphrase === undefined) {
    const kept = await backupBytes(ctx, record);
    if (!kept) throw new DirectSealError('NOT_FOUND', 'no backup file was kept for this identity; give a passphrase to make one');
    return { p12: toWire(kept), filename: `${record.address}-backup.p12` };
  }
  checkPassphraseFloor(req.passphrase, 'the backup passphrase');
  const [certificate, ...chain] = record.certificateChain;
  const p12 = await withIdentityPkcs8(ctx, record, (pkcs8) =>
    writePkcs12({ privateKeyPkcs8: pkcs8, ...(certificate ? { certificate, chain } : {}) }, req.passphrase!),
  );
  return { p12: toWire(p12), filename: `${record.address}.p12` };
}

export async function removeIdentity(ctx: ServiceContext, req: Req<'identities.delete'>): Promise<{ deleted: true }> {
  await requireIdentity(ctx, req.id);
  await deleteIdentity(ctx.store, req.id);
  ctx.session.forget(req.id);
  return { deleted: true };
}

export async function requireIdentity(ctx: ServiceContext, id: string): Promise<IdentityRecord> {
  const record = await getIdentity(ctx.store, id);
  if (!record) throw new DirectSealError('NOT_FOUND', `identity ${id}`);
  return record;
}

/**
 * The practice's own CA in the options page (issue 10, part 1): made once, its key resting under the vault
 * like an identity's and backed up first; it issues patients' certificates from the requests their DirectSeal
 * made. The CLI's `directseal ca` does the same over files.
 */
import { zeroize } from '../bytes';
import { DirectSealError } from '../errors';
import { createPracticeCa, issueCertificate } from '../pki/ca';
import { certificateInfo, toPem, validateCertificatePath, writePkcs12 } from '../pki';
import { readEnrollmentRequest, requestDer } from '../direct/enrollment';
import { welcomeFilename, writeWelcome } from '../direct/welcome';
import { listIdentities } from '../store/identities';
import { anchorCertificates } from './anchors';
import { getSetting, putSetting } from '../store/settings';
import type { PracticeCaRecord } from '../store/schema';
import type { KeyServiceApi, PracticeCaSummary } from './api';
import { checkPassphraseFloor } from './passphrase-floor';
import type { ServiceContext } from './context';
import { openFromVault, restKey, withVault } from './keys';
import { fromWire, toWire } from './wire';

type Req<T extends keyof KeyServiceApi> = KeyServiceApi[T]['request'];

export async function practiceCaStatus(ctx: ServiceContext): Promise<PracticeCaSummary | null> {
  const ca = await getSetting(ctx.store, 'practiceCa');
  return ca && caSummary(ca);
}

export async function createCa(ctx: ServiceContext, req: Req<'ca.create'>): Promise<KeyServiceApi['ca.create']['reply']> {
  if (await getSetting(ctx.store, 'practiceCa')) throw new DirectSealError('USAGE', 'this practice already has a CA; delete it first to make another');
  checkPassphraseFloor(req.backupPassphrase, 'the backup passphrase');
  await withVault(ctx, async () => undefined); // LOCK_NOT_SET or KEY_LOCKED before the slow part
  const ca = await createPracticeCa({ practiceName: req.practiceName, now: new Date(ctx.now()) });
  try {
    // The backup exists before the key is kept: a CA key that is lost can never issue or renew again.
    const backupP12 = await writePkcs12({ privateKeyPkcs8: ca.privateKeyPkcs8, certificate: ca.certificate, chain: [] }, req.backupPassphrase);
    const record: PracticeCaRecord = {
      practiceName: req.practiceName.trim(),
      certificate: ca.certificate,
      ...(await restKey(ctx, ca.privateKeyPkcs8)),
      backupConfirmed: false,
      createdAt: ctx.now(),
    };
    await putSetting(ctx.store, 'practiceCa', record);
    return { ca: await caSummary(record), backupP12: toWire(backupP12), backupFilename: 'practice-ca-backup.p12' };
  } finally {
    zeroize(ca.privateKeyPkcs8);
  }
}

export async function confirmCaBackup(ctx: ServiceContext): Promise<PracticeCaSummary> {
  const ca = await requireCa(ctx);
  const next = { ...ca, backupConfirmed: true };
  await putSetting(ctx.store, 'practiceCa', next);
  return caSummary(next);
}

/** The patient's certificate followed by the CA's, as one PEM file to hand over. */
export async function issueFromCa(ctx: ServiceContext, req: Req<'ca.issue'>): Promise<KeyServiceApi['ca.issue']['reply']> {
  const ca = await requireCa(ctx);
  if (!ca.backupConfirmed) throw new DirectSealError('BACKUP_REQUIRED', 'the practice CA');
  const pkcs8 = await openFromVault(ctx, 'pkcs8', ca.wrappedKey);
  try {
    const leaf = await issueCertificate({
      ca: { certificate: ca.certificate, privateKeyPkcs8: pkcs8 },
      request: fromWire(req.request),
      address: req.address,
      ...(req.patientName ? { commonName: req.patientName } : {}),
      now: new Date(ctx.now()),
    });
    const address = req.address.trim().toLowerCase();
    return { pem: toPem('CERTIFICATE', leaf) + toPem('CERTIFICATE', ca.certificate), filename: `${address}-certificate.pem` };
  } finally {
    zeroize(pkcs8);
  }
}

/**
 * From a patient's enrollment request file: their certificate, in a welcome file the CA signs, with the CA as
 * their anchor and the practice's own identity (and the root it chains to) as their contact.
 */
export async function issueWelcome(ctx: ServiceContext, req: Req<'ca.issueWelcome'>): Promise<KeyServiceApi['ca.issueWelcome']['reply']> {
  const ca = await requireCa(ctx);
  if (!ca.backupConfirmed) throw new DirectSealError('BACKUP_REQUIRED', 'the practice CA');
  const enrollment = await readEnrollmentRequest(fromWire(req.enrollment));
  const practice = await practiceIdentity(ctx, req.practiceIdentity);
  const [practiceLeaf, ...practiceChain] = practice.certificateChain;
  const path = await validateCertificatePath({ leaf: practiceLeaf!, intermediates: practiceChain, anchors: await anchorCertificates(ctx), at: new Date(ctx.now()) });
  const practiceAnchors = path.status === 'trusted' ? [path.chain.at(-1)!] : [];
  const pkcs8 = await openFromVault(ctx, 'pkcs8', ca.wrappedKey);
  try {
    const now = new Date(ctx.now());
    const leaf = await issueCertificate({ ca: { certificate: ca.certificate, privateKeyPkcs8: pkcs8 }, request: requestDer(enrollment), address: enrollment.address, commonName: enrollment.name, now });
    const welcome = await writeWelcome({
      ca: { certificate: ca.certificate, privateKeyPkcs8: pkcs8 },
      practiceName: ca.practiceName,
      practiceCertificates: practice.certificateChain,
      practiceAnchors,
      patientCertificate: leaf,
      patientName: enrollment.name,
      now,
    });
    return { welcome, filename: welcomeFilename(enrollment.address), patientAddress: enrollment.address, caFingerprint: (await certificateInfo(ca.certificate)).fingerprintSha256 };
  } finally {
    zeroize(pkcs8);
  }
}

/** The identity the practice writes to patients from: the one asked for, else its first ready one. */
async function practiceIdentity(ctx: ServiceContext, id: string | undefined) {
  const ready = (await listIdentities(ctx.store)).filter((r) => r.certificateChain.length > 0 && r.backupConfirmed).sort((a, b) => a.createdAt - b.createdAt);
  const chosen = id === undefined ? ready[0] : ready.find((r) => r.id === id);
  if (!chosen) throw new DirectSealError('NO_IDENTITY', 'the welcome file names the practice as the patient’s contact: set up the practice’s own Direct identity first');
  return chosen;
}

async function requireCa(ctx: ServiceContext): Promise<PracticeCaRecord> {
  const ca = await getSetting(ctx.store, 'practiceCa');
  if (!ca) throw new DirectSealError('NOT_FOUND', 'this practice has no CA yet');
  return ca;
}

async function caSummary(ca: PracticeCaRecord): Promise<PracticeCaSummary> {
  const info = await certificateInfo(ca.certificate);
  return {
    practiceName: ca.practiceName,
    subject: info.subject,
    notAfter: info.notAfter.getTime(),
    fingerprint: info.fingerprintSha256,
    certificatePem: toPem('CERTIFICATE', ca.certificate),
    backupConfirmed: ca.backupConfirmed,
  };
}

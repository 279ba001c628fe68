/**
 * The patient's side of enrollment (issue 10.1): one welcome file from the practice sets up the certificate
 * for the key this browser made, the practice CA (and the practice's own roots) as trust anchors, and the
 * practice as a contact. The file is read and checked in utils/direct/welcome.ts; here it is matched to the
 * patient's own key and applied.
 */
import { equalBytes, utf8 } from '../bytes';
import { DirectSealError } from '../errors';
import { keyMatchesCertificate, toPem } from '../pki';
import { readWelcome } from '../direct/welcome';
import { listIdentities } from '../store/identities';
import type { IdentityRecord } from '../store/schema';
import type { KeyServiceApi } from './api';
import type { ServiceContext } from './context';
import { importAnchors } from './anchors';
import { storeContactCertificate } from './contacts';
import { importCertificate, listIdentitySummaries } from './identities';
import { withIdentityPkcs8 } from './keys';
import { fromWire, toWire } from './wire';

export async function importWelcome(ctx: ServiceContext, req: KeyServiceApi['identities.importWelcome']['request']): Promise<KeyServiceApi['identities.importWelcome']['reply']> {
  const welcome = await readWelcome(fromWire(req.welcome));
  const own = await ownIdentity(ctx, welcome.patientCertificate);
  if (!own) throw new DirectSealError('WELCOME_KEY_MISMATCH', `no key made in this browser belongs to the certificate for ${welcome.patientAddress}`);
  // The anchors first: the certificate and the practice's contact are then judged against them.
  const pems = (certs: Uint8Array[]) => toWire(utf8(certs.map((c) => toPem('CERTIFICATE', c)).join('')));
  await importAnchors(ctx, { bytes: pems(welcome.anchors) });
  if (own.certificateChain.length === 0) await importCertificate(ctx, { id: own.id, certificates: pems([welcome.patientCertificate, welcome.caCertificate]) });
  const [practiceLeaf, ...practiceChain] = welcome.practiceCertificates;
  // Accepted as the patient checked it: the CA fingerprint they compared vouches for the whole signed file.
  await storeContactCertificate(ctx, practiceLeaf!, practiceChain, 'file', true);
  const identity = (await listIdentitySummaries(ctx)).find((i) => i.id === own.id)!;
  return { identity, practiceName: welcome.practiceName, practiceAddress: welcome.practiceAddress, caFingerprint: welcome.caFingerprint };
}

/** The identity whose key the certificate is for: a key still waiting for it, or one that already has it. */
async function ownIdentity(ctx: ServiceContext, certificate: Uint8Array): Promise<IdentityRecord | undefined> {
  const identities = await listIdentities(ctx.store);
  const already = identities.find((r) => r.certificateChain[0] && equalBytes(r.certificateChain[0], certificate));
  if (already) return already;
  for (const r of identities.filter((r) => r.certificateChain.length === 0)) {
    if (await withIdentityPkcs8(ctx, r, async (pkcs8) => keyMatchesCertificate(pkcs8, certificate))) return r;
  }
  return undefined;
}


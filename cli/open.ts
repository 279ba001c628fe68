import { open } from '../utils/direct/open';
import { DirectSealError } from '../utils/errors';
import { boundAddresses, readCertificates, readCrls, toPem } from '../utils/pki';
import type { Verdict } from '../utils/direct/verdict';
import { buildMdn, readMdn } from '../utils/direct/mdn';
import { header, splitEntity } from '../utils/mime/entity';
import { parseAddressList } from '../utils/mime/address';
import { seal } from '../utils/direct/seal';
import type { Signer } from '../utils/cms/keys';
import { parse, required } from './args';
import { loadIdentity } from './identity';
import { readInput, writeOutput } from './io';
import { cachedPkiFetch, memoryPkiFetchCache, networkPkiFetch } from '../utils/pki/pki-fetch';


/** Exit 0 only when decrypted AND verified; otherwise the inner message is withheld unless --allow-untrusted. */
export async function openCommand(args: string[]): Promise<number> {
  const { values } = parse(args, {
    key: { type: 'string' },
    pass: { type: 'string' },
    cert: { type: 'string' },
    anchor: { type: 'string', multiple: true },
    crl: { type: 'string', multiple: true },
    in: { type: 'string', default: '-' },
    out: { type: 'string' },
    json: { type: 'boolean', default: false },
    'allow-untrusted': { type: 'boolean', default: false },
    mdn: { type: 'string' },
    // Fetch a missing issuer (AIA caIssuers) and the path's CRLs (distribution points): off unless asked, so that
    // opening a message tells no server anything by default.
    fetch: { type: 'boolean', default: false },
  });
  if (values.json && values.out === '-') throw new DirectSealError('USAGE', '--json and --out - would both write to stdout; give --out a file');
  const identity = await loadIdentity({ key: required(values.key, '--key'), pass: values.pass, cert: values.cert });
  const anchors = (await Promise.all((values.anchor ?? []).map(async (f) => readCertificates(await readInput(f))))).flat();
  const crls = (await Promise.all((values.crl ?? []).map(async (f) => readCrls(await readInput(f))))).flat();
  // The CLI never reads its input again: let open decode and decrypt over it (about 2.5x the message in memory).
  const fetchPki = values.fetch ? cachedPkiFetch(networkPkiFetch(fetch), memoryPkiFetchCache(), Date.now) : undefined;
  const { message, verdict } = await open(await readInput(values.in), [identity], anchors, { crls, consumeInput: true, ...(fetchPki ? { fetchPki } : {}) });
  const verified = verdict.status === 'verified';
  const release = verified || (values['allow-untrusted'] && verdict.status === 'untrusted');
  if (release && values.out) await writeOutput(values.out, message);
  if (values.json) process.stdout.write(JSON.stringify(verdictJson(verdict), null, 2) + '\n');
  for (const r of verdict.reasons) process.stderr.write(`error: ${r.code}: ${r.sentence}${r.detail ? ` (${r.detail})` : ''}\n`);
  if (!values.json && verified) process.stderr.write(`verified: signed by ${verdict.signerAddress}\n`);
  if (values.fetch) for (const w of verdict.warnings) process.stderr.write(`warning: ${w.sentence}\n`);
  const posing = verdict.from?.nameShowsOtherAddress;
  if (posing) process.stderr.write(`warning: the sender's name "${verdict.from!.name}" shows ${posing.join(', ')}, but the message is from ${verdict.from!.address}\n`);
  if (verdict.claimedLongBeforeArrival) {
    process.stderr.write(`warning: the signature claims ${verdict.signingTime?.toISOString()}, long before the message arrived (${verdict.arrivedAt?.toISOString()}); validity was checked for now\n`);
  }
  if (verdict.expiredSinceClaim) {
    process.stderr.write(`warning: the signer's certificate expired ${verdict.expiredSinceClaim.toISOString()}, after the signing time it claims (${verdict.signingTime?.toISOString()}); when the message arrived is not known\n`);
  }
  await deliveryNotification(message, verdict, identity, values.mdn);
  return verified ? 0 : 1;
}

/**
 * With --mdn: the "processed" notification for a verified message, sealed back to its signer (Direct's MDN);
 * an arriving notification is reported instead, and never answered.
 */
async function deliveryNotification(message: Uint8Array, verdict: Verdict, identity: Signer, out: string | undefined): Promise<void> {
  const report = verdict.status === 'verified' ? readMdn(message) : undefined;
  if (report) {
    process.stderr.write(`notification: ${report.disposition ?? 'unknown'} by ${report.finalRecipient ?? 'unknown'} for ${report.originalMessageId ?? 'an unnamed message'}\n`);
  }
  if (!out) return;
  if (verdict.status !== 'verified' || !verdict.signerCertificate) {
    process.stderr.write('no delivery notification written: only a verified message is answered\n');
    return;
  }
  const mdn = buildMdn({ original: message, finalRecipient: ownAddress(identity.certificate, message) });
  if (!mdn) {
    process.stderr.write('no delivery notification written: the message is itself a notification\n');
    return;
  }
  await writeOutput(out, await seal(mdn, identity, [verdict.signerCertificate]));
}

export function verdictJson(v: Verdict) {
  return {
    ...signatureJson(v),
    arrivedAt: v.arrivedAt?.toISOString(),
    otherSignatures: v.otherSignatures.map(signatureJson),
  };
}

/** One judgement for --json: certificates as PEM strings (not byte objects), dates as ISO 8601. */
function signatureJson<T extends { signerCertificate?: Uint8Array; signerChain?: Uint8Array[]; signingTime?: Date; expiredSinceClaim?: Date }>(s: T) {
  return {
    ...s,
    signerCertificate: s.signerCertificate && toPem('CERTIFICATE', s.signerCertificate),
    signerChain: s.signerChain?.map((c) => toPem('CERTIFICATE', c)),
    signingTime: s.signingTime?.toISOString(),
    expiredSinceClaim: s.expiredSinceClaim?.toISOString(),
  };
}

/** The address this identity received the message at: its certificate's, or (domain-bound) the matching To. */
function ownAddress(certificate: Uint8Array, message: Uint8Array): string {
  const bound = boundAddresses(certificate);
  const personal = bound.find((a) => a.includes('@'));
  if (personal) return personal;
  const to = parseAddressList(header(splitEntity(message), 'to') ?? '').map((m) => m.address.toLowerCase());
  return to.find((a) => bound.some((domain) => a.endsWith(`@${domain}`))) ?? to[0] ?? '';
}

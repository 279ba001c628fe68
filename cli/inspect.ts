/** `directseal inspect FILE`: what a certificate, a bundle, a .p12 (without its passphrase) or a sealed message holds. */
import { DirectSealError, isDirectSealError } from '../utils/errors';
import { certificateInfo, readCertificates } from '../utils/pki';
import { describePkcs12 } from '../utils/pki/pkcs12-describe';
import { describeEnvelope, contentTypeOf } from '../utils/cms/enveloped';
import { locateCms } from '../utils/direct/locate';
import { OID } from '../utils/cms/oids';
import { toHex } from '../utils/bytes';
import { readInput } from './io';

export async function inspectCommand(args: string[]): Promise<number> {
  const file = args[0];
  if (!file || args.length > 1) throw new DirectSealError('USAGE', 'directseal inspect FILE');
  const report = await inspectReport(await readInput(file));
  process.stdout.write(report.join('\n') + '\n');
  return 0;
}

/** The lines `inspect` prints for `bytes`; NOT_A_CERTIFICATE when they are none of the kinds it reads. */
export async function inspectReport(bytes: Uint8Array): Promise<string[]> {
  const report = (await tryCertificates(bytes)) ?? tryPkcs12(bytes) ?? tryMessage(bytes);
  if (!report) throw new DirectSealError('NOT_A_CERTIFICATE', 'not a certificate, bundle, .p12 or sealed message');
  return report;
}

async function tryCertificates(bytes: Uint8Array): Promise<string[] | undefined> {
  let certs: Uint8Array[];
  try {
    certs = readCertificates(bytes);
  } catch (e) {
    if (isDirectSealError(e)) return undefined;
    throw e;
  }
  const out = [certs.length === 1 ? 'Certificate' : `Certificate bundle: ${certs.length} certificates`];
  for (const der of certs) {
    const i = await certificateInfo(der);
    out.push(
      `- subject: ${i.subject}`,
      `  issuer: ${i.issuer}`,
      `  Direct addresses: ${i.emailAddresses.join(', ') || '(none)'}${i.dnsNames.length ? `; domains: ${i.dnsNames.join(', ')}` : ''}`,
      `  valid: ${i.notBefore.toISOString()} to ${i.notAfter.toISOString()}${i.notAfter < new Date() ? ' (EXPIRED)' : ''}`,
      `  CA: ${i.isCa ? 'yes' : 'no'}; key usage: ${i.keyUsage?.join(', ') ?? '(any)'}`,
      `  SHA-256 fingerprint: ${i.fingerprintSha256}`,
    );
  }
  return out;
}

function tryPkcs12(bytes: Uint8Array): string[] | undefined {
  const d = describePkcs12(bytes);
  if (!d) return undefined;
  return [
    `PKCS#12 identity file (${d.legacy ? 'legacy encryption: 3DES/RC2' : 'modern encryption'}); its passphrase is needed to see the key and certificates`,
    `  integrity: ${d.mac ?? 'no MAC'}`,
    ...d.parts.map((p) => `  - ${p}`),
  ];
}

function tryMessage(bytes: Uint8Array): string[] | undefined {
  let der: Uint8Array;
  try {
    der = locateCms(bytes).der;
    if (contentTypeOf(der) !== OID.envelopedData && contentTypeOf(der) !== OID.authEnvelopedData) return undefined;
  } catch (e) {
    if (isDirectSealError(e)) return undefined;
    throw e;
  }
  const env = describeEnvelope(der);
  return [
    `Sealed Direct message: ${env.contentType}, content encryption ${env.contentEncryption}, ${env.recipients.length} recipient(s)`,
    ...env.recipients.map((r) =>
      r.issuerAndSerial
        ? `  - serial ${toHex(r.issuerAndSerial.serial)} (issuer DER ${r.issuerAndSerial.issuer.length} bytes), key transport ${r.keyTransport}`
        : `  - subject key id ${toHex(r.subjectKeyIdentifier!)}, key transport ${r.keyTransport}`,
    ),
  ];
}

/**
 * The welcome file a practice gives a patient it enrolled (issue 10.1): the patient's new certificate, the
 * practice's CA as the patient's trust anchor, and the practice's own Direct address and certificate as a
 * contact, in one file. The practice CA signs the content, so the one fingerprint the patient compares (the
 * CA's, read out or printed by the practice) vouches for everything in the file. Format:
 * docs/patient-enrollment.md. Pure: the extension, the CLI and the tests share it.
 */
import { equalBytes, fromUtf8, utf8 } from '../bytes';
import { subtle } from '../crypto';
import { DirectSealError, isDirectSealError } from '../errors';
import { boundAddresses, certificateInfo, directBinding, toPem } from '../pki';
import { parseCertificate, signedBy } from '../pki/cert';
import { base64Bytes, pemBlocks } from '../pki/pem';
import { encodeBase64String } from '../mime/base64';

export const WELCOME_TYPE = 'directseal-welcome';
export const WELCOME_EXTENSION = '.directseal-welcome';
const MAX_WELCOME_BYTES = 256 * 1024;
const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

export interface WelcomeInput {
  /** The practice CA: its certificate, and its key to sign the file with (the caller zeroes it). */
  ca: { certificate: Uint8Array; privateKeyPkcs8: Uint8Array };
  practiceName: string;
  /** The practice's own Direct certificate, then its chain. */
  practiceCertificates: Uint8Array[];
  /** Roots the practice's certificate chains to, so the patient can verify the practice's signed mail. */
  practiceAnchors?: Uint8Array[];
  patientCertificate: Uint8Array;
  patientName?: string;
  now?: Date;
}

/** A welcome file as read and checked. */
export interface Welcome {
  practiceName: string;
  practiceAddress: string;
  practiceCertificates: Uint8Array[];
  patientAddress: string;
  patientName?: string;
  patientCertificate: Uint8Array;
  /** The CA that issued the patient's certificate and signed the file. */
  caCertificate: Uint8Array;
  /** SHA-256 of the CA certificate, colon-separated: what the patient compares with the practice. */
  caFingerprint: string;
  /** The CA, then the practice's own roots. */
  anchors: Uint8Array[];
  issuedAt: string;
}

interface Content {
  practice: { name: string; address: string; certificates: string[] };
  patient: { name?: string; address: string; certificates: string[] };
  anchors: string[];
  issuedAt: string;
}

/** The file's text: the content as a JSON string, and the CA's signature over its UTF-8 bytes. */
export async function writeWelcome(input: WelcomeInput): Promise<string> {
  const [practiceLeaf] = input.practiceCertificates;
  if (!practiceLeaf) throw new DirectSealError('NO_IDENTITY', "the practice's own Direct certificate is needed for the welcome file");
  const practiceAddress = boundAddresses(practiceLeaf)[0];
  const patientAddress = boundAddresses(input.patientCertificate)[0];
  if (!practiceAddress || !patientAddress) throw new DirectSealError('CERT_ADDRESS_MISMATCH', 'a certificate in the welcome file names no address');
  const content: Content = {
    practice: { name: input.practiceName.trim(), address: practiceAddress, certificates: input.practiceCertificates.map(pem) },
    patient: { ...(input.patientName?.trim() ? { name: input.patientName.trim() } : {}), address: patientAddress, certificates: [pem(input.patientCertificate)] },
    anchors: [input.ca.certificate, ...(input.practiceAnchors ?? []).filter((a) => !equalBytes(a, input.ca.certificate))].map(pem),
    issuedAt: (input.now ?? new Date()).toISOString(),
  };
  const body = JSON.stringify(content, null, 2);
  const key = await subtle().importKey('pkcs8', input.ca.privateKeyPkcs8 as Uint8Array<ArrayBuffer>, RSA_SHA256, false, ['sign']);
  const signature = new Uint8Array(await subtle().sign(RSA_SHA256, key, utf8(body) as Uint8Array<ArrayBuffer>));
  return JSON.stringify({ type: WELCOME_TYPE, version: 1, content: body, signature: encodeBase64String(signature) }, null, 2) + '\n';
}

/** `pat@example.org.directseal-welcome` */
export function welcomeFilename(address: string): string {
  return `${address.trim().toLowerCase().replace(/[^a-z0-9@._+-]/g, '_')}${WELCOME_EXTENSION}`;
}

/**
 * Reads and checks a welcome file: our type, signed by the CA it names (first anchor), the patient's
 * certificate issued by that CA and bound to the patient's address, the practice's bound to the practice's,
 * every anchor a CA. WELCOME_FILE_INVALID otherwise. Whether the patient's certificate is for the patient's own
 * key is the key service's check (WELCOME_KEY_MISMATCH).
 */
export async function readWelcome(bytes: Uint8Array): Promise<Welcome> {
  if (bytes.length > MAX_WELCOME_BYTES) throw invalid('the file is far larger than a welcome file');
  const outer = parseObject(fromUtf8(bytes), 'the file is not JSON');
  if (outer.type !== WELCOME_TYPE) throw invalid(`the file's type is ${JSON.stringify(outer.type ?? null)}`);
  if (outer.version !== 1) throw invalid(`version ${JSON.stringify(outer.version)} is not one this DirectSeal reads`);
  if (typeof outer.content !== 'string' || typeof outer.signature !== 'string') throw invalid('the content or its signature is missing');
  const content = parseObject(outer.content, 'the content is not JSON') as Partial<Content>;
  const anchors = certificateList(content.anchors, 'anchors');
  const caCertificate = anchors[0]!;
  await checkSignature(caCertificate, outer.content, outer.signature);

  const practice = content.practice;
  const patient = content.patient;
  if (!practice || !patient || typeof practice.name !== 'string' || typeof practice.address !== 'string' || typeof patient.address !== 'string') {
    throw invalid('the practice or the patient is missing');
  }
  const practiceCertificates = certificateList(practice.certificates, 'practice certificates');
  const [patientCertificate] = certificateList(patient.certificates, 'patient certificate');
  for (const anchor of anchors) if (!parseCertificate(anchor).basicConstraints?.ca) throw invalid('an anchor is not a CA certificate');
  if (!(await signedBy(parseCertificate(patientCertificate!), parseCertificate(caCertificate)))) throw invalid("the patient's certificate is not issued by the practice CA");
  if (!directBinding(patientCertificate!, patient.address)) throw invalid(`the patient's certificate is not for ${patient.address}`);
  if (!directBinding(practiceCertificates[0]!, practice.address)) throw invalid(`the practice's certificate is not for ${practice.address}`);
  return {
    practiceName: practice.name,
    practiceAddress: practice.address.toLowerCase(),
    practiceCertificates,
    patientAddress: patient.address.toLowerCase(),
    ...(typeof patient.name === 'string' ? { patientName: patient.name } : {}),
    patientCertificate: patientCertificate!,
    caCertificate,
    caFingerprint: (await certificateInfo(caCertificate)).fingerprintSha256,
    anchors,
    issuedAt: typeof content.issuedAt === 'string' ? content.issuedAt : '',
  };
}

async function checkSignature(caCertificate: Uint8Array, body: string, signature: string): Promise<void> {
  const sig = base64Bytes(signature);
  if (!sig) throw invalid('the signature is not base64');
  let ok = false;
  try {
    const key = await subtle().importKey('spki', parseCertificate(caCertificate).spkiRaw as Uint8Array<ArrayBuffer>, RSA_SHA256, false, ['verify']);
    ok = await subtle().verify(RSA_SHA256, key, sig as Uint8Array<ArrayBuffer>, utf8(body) as Uint8Array<ArrayBuffer>);
  } catch (e) {
    throw invalid(`the practice CA's key cannot check the signature (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!ok) throw invalid('the signature does not match the content: the file was changed after the practice made it');
}

function certificateList(value: unknown, what: string): Uint8Array[] {
  if (!Array.isArray(value) || value.length === 0) throw invalid(`the ${what} are missing`);
  return value.map((p) => {
    const der = typeof p === 'string' ? pemBlocks(p).find((b) => b.label === 'CERTIFICATE')?.der : undefined;
    if (!der) throw invalid(`one of the ${what} is not a PEM certificate`);
    try {
      parseCertificate(der);
    } catch (e) {
      throw invalid(`one of the ${what} cannot be read (${isDirectSealError(e) ? e.code : String(e)})`);
    }
    return der;
  });
}

function parseObject(text: string, problem: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through: not JSON
  }
  throw invalid(problem);
}

const pem = (der: Uint8Array): string => toPem('CERTIFICATE', der);
const invalid = (detail: string) => new DirectSealError('WELCOME_FILE_INVALID', detail);

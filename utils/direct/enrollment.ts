/**
 * The enrollment request file a patient's DirectSeal saves and hands to the practice (issue 10.1): the
 * certificate request (PKCS#10) plus the contact details the practice checks the patient's identity with.
 * Format and handling: docs/patient-enrollment.md. Pure: the extension, the CLI and the tests share it.
 */
import { fromUtf8 } from '../bytes';
import { getCrypto } from '../crypto';
import { DirectSealError, isDirectSealError } from '../errors';
import { pemBlocks } from '../pki/pem';
import { x509 } from '../pki/x509';

export const ENROLLMENT_TYPE = 'directseal-enrollment-request';
export const ENROLLMENT_EXTENSION = '.directseal-request';
/** Real files are about 2 kB; anything far larger is not one. */
const MAX_ENROLLMENT_BYTES = 64 * 1024;
const ADDRESS = /^[^\s@<>()",;:]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

/** What the patient typed, as the practice will read it. */
export interface EnrollmentDetails {
  name: string;
  address: string;
  phone?: string;
  /** YYYY-MM-DD */
  dateOfBirth?: string;
}

export interface EnrollmentRequest extends EnrollmentDetails {
  /** The PKCS#10 request, PEM; its signature proves the patient holds the key. */
  certificateRequest: string;
  createdAt: string;
}

/** The file's text (JSON, one field per line) for `details` and the request their DirectSeal made. */
export function writeEnrollmentRequest(details: EnrollmentDetails, certificateRequestPem: string, now = new Date()): string {
  const file = {
    type: ENROLLMENT_TYPE,
    version: 1,
    name: details.name.trim(),
    address: details.address.trim().toLowerCase(),
    ...(details.phone?.trim() ? { phone: details.phone.trim() } : {}),
    ...(details.dateOfBirth?.trim() ? { dateOfBirth: details.dateOfBirth.trim() } : {}),
    createdAt: now.toISOString(),
    certificateRequest: certificateRequestPem.trim() + '\n',
  };
  return JSON.stringify(file, null, 2) + '\n';
}

/** `pat@example.org.directseal-request` */
export function enrollmentFilename(address: string): string {
  return `${address.trim().toLowerCase().replace(/[^a-z0-9@._+-]/g, '_')}${ENROLLMENT_EXTENSION}`;
}

/** Does this look like an enrollment file (JSON with our type) rather than a bare request? Cheap; reads nothing else. */
export function isEnrollmentFile(bytes: Uint8Array): boolean {
  if (bytes.length > MAX_ENROLLMENT_BYTES) return false;
  const text = fromUtf8(bytes).trimStart();
  return text.startsWith('{') && text.includes(ENROLLMENT_TYPE);
}

/**
 * Reads and checks a file: our type, the details present, a request signed by the key it carries and asking
 * for the same address. ENROLLMENT_FILE_INVALID otherwise (CERT_REQUEST_INVALID when only the request is bad).
 */
export async function readEnrollmentRequest(bytes: Uint8Array): Promise<EnrollmentRequest> {
  if (bytes.length > MAX_ENROLLMENT_BYTES) throw new DirectSealError('ENROLLMENT_FILE_INVALID', 'the file is far larger than an enrollment request');
  const json = parseJson(bytes);
  if (json.type !== ENROLLMENT_TYPE) throw new DirectSealError('ENROLLMENT_FILE_INVALID', `the file's type is ${JSON.stringify(json.type ?? null)}`);
  if (json.version !== 1) throw new DirectSealError('ENROLLMENT_FILE_INVALID', `version ${JSON.stringify(json.version)} is not one this DirectSeal reads`);
  const name = text(json, 'name');
  const address = text(json, 'address').toLowerCase();
  if (!ADDRESS.test(address)) throw new DirectSealError('ENROLLMENT_FILE_INVALID', `"${address}" is not an e-mail address`);
  const requestPem = text(json, 'certificateRequest');
  const asked = await requestAddresses(requestPem);
  if (asked.length > 0 && !asked.includes(address)) {
    throw new DirectSealError('ENROLLMENT_FILE_INVALID', `the request inside is for ${asked.join(', ')}, not ${address}`);
  }
  return {
    name,
    address,
    ...(optionalText(json, 'phone') ? { phone: optionalText(json, 'phone') } : {}),
    ...(optionalText(json, 'dateOfBirth') ? { dateOfBirth: optionalText(json, 'dateOfBirth') } : {}),
    createdAt: optionalText(json, 'createdAt') ?? '',
    certificateRequest: requestPem,
  };
}

/** The request's rfc822Name addresses, after checking its signature (CERT_REQUEST_INVALID). */
async function requestAddresses(pem: string): Promise<string[]> {
  const block = requestBlock(pem);
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(block.der as Uint8Array<ArrayBuffer>);
  } catch (e) {
    throw new DirectSealError('CERT_REQUEST_INVALID', 'the request inside is not a PKCS#10 request', { cause: e });
  }
  if (!(await csr.verify(getCrypto()))) throw new DirectSealError('CERT_REQUEST_INVALID', 'the request is not signed by the key it carries');
  const san = csr.extensions.find((e): e is x509.SubjectAlternativeNameExtension => e instanceof x509.SubjectAlternativeNameExtension);
  return (san?.names.toJSON() ?? []).filter((n) => n.type === 'email').map((n) => n.value.toLowerCase());
}

/** The request inside as DER, for the CA (which checks it again): the same block whose addresses were checked. */
export function requestDer(enrollment: EnrollmentRequest): Uint8Array {
  return requestBlock(enrollment.certificateRequest).der;
}

function requestBlock(pem: string) {
  const block = pemBlocks(pem).find((b) => b.label === 'CERTIFICATE REQUEST' || b.label === 'NEW CERTIFICATE REQUEST');
  if (!block) throw new DirectSealError('ENROLLMENT_FILE_INVALID', 'no certificate request inside');
  return block;
}

type Json = Record<string, unknown>;

function parseJson(bytes: Uint8Array): Json {
  try {
    const value: unknown = JSON.parse(fromUtf8(bytes));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Json;
  } catch (e) {
    if (isDirectSealError(e)) throw e;
  }
  throw new DirectSealError('ENROLLMENT_FILE_INVALID', 'the file is not JSON');
}

function text(json: Json, field: string): string {
  const value = json[field];
  if (typeof value !== 'string' || !value.trim()) throw new DirectSealError('ENROLLMENT_FILE_INVALID', `the ${field} is missing`);
  return value.trim();
}

function optionalText(json: Json, field: string): string | undefined {
  const value = json[field];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}


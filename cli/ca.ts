/**
 * `directseal ca init` and `directseal ca issue`: a practice's own CA for patients who have no HISP (the same
 * core as the extension's options page). The CA key rests in a passphrase-encrypted .p12, as any key.
 */
import { zeroize } from '../utils/bytes';
import { DirectSealError } from '../utils/errors';
import { createPracticeCa, issueCertificate } from '../utils/pki/ca';
import { readCertificates, readPkcs12, toPem, writePkcs12 } from '../utils/pki';
import { isEnrollmentFile, readEnrollmentRequest, requestDer } from '../utils/direct/enrollment';
import { writeWelcome } from '../utils/direct/welcome';
import { x509 } from '../utils/pki/x509';
import { CA_USAGE } from './usage';
import { parse, passphrase, required } from './args';
import { readInput, writeOutput } from './io';


export async function caCommand(args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === 'init') return caInit(rest);
  if (verb === 'issue') return caIssue(rest);
  throw new DirectSealError('USAGE', `directseal ca needs init or issue:\n  ${CA_USAGE.join('\n  ')}`);
}

async function caInit(args: string[]): Promise<number> {
  const { values } = parse(args, {
    name: { type: 'string' },
    out: { type: 'string' },
    pass: { type: 'string' },
    'cert-out': { type: 'string' },
    years: { type: 'string', default: '10' },
  });
  const pass = passphrase(values.pass);
  const ca = await createPracticeCa({ practiceName: required(values.name, '--name'), validYears: positive(values.years, '--years') });
  try {
    await writeOutput(required(values.out, '--out'), await writePkcs12({ privateKeyPkcs8: ca.privateKeyPkcs8, certificate: ca.certificate, chain: [] }, pass));
  } finally {
    zeroize(ca.privateKeyPkcs8);
  }
  if (values['cert-out']) await writeOutput(values['cert-out'], toPem('CERTIFICATE', ca.certificate));
  process.stderr.write(`practice CA made: give ${values['cert-out'] ?? 'its certificate'} to your patients as their trust anchor; keep ${values.out} and its passphrase safe\n`);
  return 0;
}

async function caIssue(args: string[]): Promise<number> {
  const { values } = parse(args, {
    ca: { type: 'string' },
    pass: { type: 'string' },
    request: { type: 'string' },
    address: { type: 'string' },
    name: { type: 'string' },
    days: { type: 'string', default: '730' },
    out: { type: 'string', default: '-' },
    welcome: { type: 'string' },
    'practice-cert': { type: 'string' },
    'practice-anchor': { type: 'string', multiple: true },
  });
  const request = await patientRequest(await readInput(required(values.request, '--request')), values.address, values.name);
  // The welcome file names the practice as the patient's contact: its own certificate is needed before any key is opened.
  const practiceCertificates = values.welcome ? readCertificates(await readInput(required(values['practice-cert'], '--practice-cert (with --welcome)'))) : [];
  const practiceAnchors = (await Promise.all((values['practice-anchor'] ?? []).map((f) => readInput(f)))).flatMap(readCertificates);
  const p12 = await readPkcs12(await readInput(required(values.ca, '--ca')), values.pass ?? '');
  try {
    const ca = { certificate: p12.certificate, privateKeyPkcs8: p12.privateKeyPkcs8 };
    const leaf = await issueCertificate({
      ca,
      request: request.der,
      address: request.address,
      ...(request.name ? { commonName: request.name } : {}),
      validDays: positive(values.days, '--days'),
    });
    if (values.welcome) {
      const practiceName = new x509.X509Certificate(p12.certificate as Uint8Array<ArrayBuffer>).subjectName.getField('O')[0] ?? 'Your practice';
      await writeOutput(values.welcome, await writeWelcome({ ca, practiceName, practiceCertificates, practiceAnchors, patientCertificate: leaf, ...(request.name ? { patientName: request.name } : {}) }));
    } else {
      // The patient imports this one file: their certificate first, then the CA that issued it.
      await writeOutput(values.out, toPem('CERTIFICATE', leaf) + toPem('CERTIFICATE', p12.certificate));
    }
  } finally {
    zeroize(p12.privateKeyPkcs8);
  }
  process.stderr.write(`issued for ${request.address}${values.welcome ? `: give ${values.welcome} to the patient, and read them the CA fingerprint to compare` : ''}\n`);
  return 0;
}

/** A bare PKCS#10 request (with --address), or a patient's enrollment request file (which names the address). */
async function patientRequest(bytes: Uint8Array, address: string | undefined, name: string | undefined): Promise<{ der: Uint8Array; address: string; name?: string }> {
  if (!isEnrollmentFile(bytes)) return { der: bytes, address: required(address, '--address').trim().toLowerCase(), ...(name ? { name } : {}) };
  const enrollment = await readEnrollmentRequest(bytes);
  if (address && address.trim().toLowerCase() !== enrollment.address) {
    throw new DirectSealError('CERT_REQUEST_INVALID', `the enrollment request is for ${enrollment.address}, not ${address}`);
  }
  process.stderr.write(`enrollment request: ${enrollment.name} <${enrollment.address}>${enrollment.dateOfBirth ? `, born ${enrollment.dateOfBirth}` : ''}${enrollment.phone ? `, phone ${enrollment.phone}` : ''}: check it is them\n`);
  return { der: requestDer(enrollment), address: enrollment.address, name: name ?? enrollment.name };
}

function positive(text: string | undefined, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new DirectSealError('USAGE', `${flag} must be a whole number of at least 1`);
  return n;
}

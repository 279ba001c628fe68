/**
 * `directseal ca init` and `directseal ca issue`: a practice's own CA for patients who have no HISP (the same
 * core as the extension's options page). The CA key rests in a passphrase-encrypted .p12, as any key.
 */
import { zeroize } from '../utils/bytes';
import { DirectSealError } from '../utils/errors';
import { createPracticeCa, issueCertificate } from '../utils/pki/ca';
import { readPkcs12, toPem, writePkcs12 } from '../utils/pki';
import { parse, required } from './args';
import { readInput, writeOutput } from './io';

export const CA_USAGE = [
  'directseal ca init --name "PRACTICE NAME" --out CA.p12 --pass PASS [--cert-out CA.pem] [--years N]',
  'directseal ca issue --ca CA.p12 --pass PASS --request REQUEST.pem --address ADDRESS [--name "PATIENT NAME"] [--days N] --out CERT.pem',
];

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
  });
  const p12 = await readPkcs12(await readInput(required(values.ca, '--ca')), values.pass ?? '');
  try {
    const leaf = await issueCertificate({
      ca: { certificate: p12.certificate, privateKeyPkcs8: p12.privateKeyPkcs8 },
      request: await readInput(required(values.request, '--request')),
      address: required(values.address, '--address'),
      ...(values.name ? { commonName: values.name } : {}),
      validDays: positive(values.days, '--days'),
    });
    // The patient imports this one file: their certificate first, then the CA that issued it.
    await writeOutput(values.out, toPem('CERTIFICATE', leaf) + toPem('CERTIFICATE', p12.certificate));
  } finally {
    zeroize(p12.privateKeyPkcs8);
  }
  process.stderr.write(`issued for ${values.address!.trim().toLowerCase()}\n`);
  return 0;
}

export function passphrase(pass: string | undefined): string {
  if (!pass || pass.length < 8) throw new DirectSealError('USAGE', '--pass needs at least 8 characters: it protects the key file');
  return pass;
}

function positive(text: string | undefined, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new DirectSealError('USAGE', `${flag} must be a whole number of at least 1`);
  return n;
}

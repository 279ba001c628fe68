/**
 * `directseal request`: a new key and a certificate request (PKCS#10) for a Direct address, for the HISP or
 * the practice CA to sign. The key is written at once into a passphrase-encrypted .p12, so it is never lost
 * and never rests in the clear; later use it with the certificate: `--key KEY.p12 --cert CERT.pem`.
 */
import { zeroize } from '../utils/bytes';
import { writePkcs12 } from '../utils/pki';
import { generateIdentityRequest } from '../utils/pki/csr';
import { parse, passphrase, required } from './args';
import { writeOutput } from './io';
import { writeEnrollmentRequest } from '../utils/direct/enrollment';


export async function requestCommand(args: string[]): Promise<number> {
  const { values } = parse(args, {
    address: { type: 'string' },
    name: { type: 'string' },
    org: { type: 'string' },
    bits: { type: 'string', default: '2048' },
    'key-out': { type: 'string' },
    pass: { type: 'string' },
    out: { type: 'string' },
    enrollment: { type: 'string' },
    phone: { type: 'string' },
    dob: { type: 'string' },
  });
  const pass = passphrase(values.pass);
  if (values.enrollment) required(values.name, '--name (the patient\'s name, with --enrollment)');
  const keyOut = required(values['key-out'], '--key-out');
  const bits = values.bits === '3072' ? 3072 : 2048;
  const request = await generateIdentityRequest({
    address: required(values.address, '--address'),
    ...(values.name ? { commonName: values.name } : {}),
    ...(values.org ? { organization: values.org } : {}),
    modulusLength: bits,
  });
  try {
    // The key's backup exists before the request leaves: a certificate for a lost key is worth nothing.
    await writeOutput(keyOut, await writePkcs12({ privateKeyPkcs8: request.privateKeyPkcs8 }, pass));
  } finally {
    zeroize(request.privateKeyPkcs8);
  }
  // A patient's enrollment request carries the request with the details the practice checks identity by.
  if (values.enrollment) {
    const details = { name: values.name!, address: values.address!, ...(values.phone ? { phone: values.phone } : {}), ...(values.dob ? { dateOfBirth: values.dob } : {}) };
    await writeOutput(values.enrollment, writeEnrollmentRequest(details, request.csrPem));
  }
  if (values.out || !values.enrollment) await writeOutput(values.out ?? '-', request.csrPem);
  return 0;
}

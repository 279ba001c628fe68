import { seal } from '../utils/direct/seal';
import { readCertificates } from '../utils/pki';
import { CONTENT_CIPHERS, type ContentCipher } from '../utils/cms/content-cipher';
import { DirectSealError } from '../utils/errors';
import { parse, required } from './args';
import { loadIdentity } from './identity';
import { readInput, writeOutput } from './io';
import { WRAP_HEADROOM } from '../utils/direct/wrap';


export async function sealCommand(args: string[]): Promise<number> {
  const { values } = parse(args, {
    key: { type: 'string' },
    pass: { type: 'string' },
    cert: { type: 'string' },
    to: { type: 'string', multiple: true },
    cipher: { type: 'string', default: 'aes-256-cbc' },
    oaep: { type: 'boolean', default: false },
    opaque: { type: 'boolean', default: false },
    in: { type: 'string', default: '-' },
    out: { type: 'string', default: '-' },
  });
  const cipher = values.cipher as ContentCipher;
  if (!CONTENT_CIPHERS.includes(cipher)) throw new DirectSealError('USAGE', `--cipher must be one of ${CONTENT_CIPHERS.join(', ')}`);
  if (!values.to?.length) throw new DirectSealError('NO_RECIPIENTS', 'give at least one --to CERT');
  const signer = await loadIdentity({ key: required(values.key, '--key'), pass: values.pass, cert: values.cert });
  const recipients = (await Promise.all(values.to.map(async (f) => readCertificates(await readInput(f))[0]!)));
  // Read with room for the message/rfc822 header in front: the message is wrapped for its digest without a copy.
  const sealed = await seal(await readInput(values.in, { headroom: WRAP_HEADROOM }), signer, recipients, {
    cipher,
    keyTransport: values.oaep ? 'rsa-oaep' : 'rsa-pkcs1',
    opaque: values.opaque,
  });
  await writeOutput(values.out, sealed);
  return 0;
}

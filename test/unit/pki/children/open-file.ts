/** Child of the bounded tests: opens a sealed file for one recipient, as the CLI does, and reports the verdict. */
import { readFileSync } from 'node:fs';
import { report } from '../../../support/bounded';
import { open } from '../../../../utils/direct/open';
import { localPrivateKey } from '../../../../utils/cms/keys';
import { readCertificates, readPrivateKey } from '../../../../utils/pki';
import { isDirectSealError } from '../../../../utils/errors';

const [sealedPath, keyPem, certPem, anchorPath] = process.argv.slice(2);
const file = (p: string | undefined) => new Uint8Array(readFileSync(p!));
const recipient = { certificate: readCertificates(file(certPem))[0]!, key: localPrivateKey(await readPrivateKey(file(keyPem))) };
const anchors = readCertificates(file(anchorPath));
await report(async () => {
  try {
    const { verdict, message } = await open(file(sealedPath), [recipient], anchors, { consumeInput: true });
    return { status: verdict.status, reasons: verdict.reasons.map((r) => r.code), messageBytes: message.length };
  } catch (e) {
    if (isDirectSealError(e)) return { error: e.code, detail: e.detail };
    return { thrown: String(e) };
  }
});

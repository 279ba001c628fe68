/** Child of crl.test.ts: reads a CRL file as the CLI does and checks two leaves against it. */
import { readFileSync } from 'node:fs';
import { report } from '../../../support/bounded';
import { readCertificates, readCrls, validateCertificatePath } from '../../../../utils/pki';

const [crlPath, anchorPath, intermediatePath, ...leafPaths] = process.argv.slice(2);
const file = (p: string | undefined) => new Uint8Array(readFileSync(p!));
await report(async () => {
  const crls = readCrls(file(crlPath));
  const out: Record<string, string[]> = {};
  for (const leaf of leafPaths) {
    const r = await validateCertificatePath({ leaf: readCertificates(file(leaf))[0]!, intermediates: [file(intermediatePath)], anchors: [file(anchorPath)], at: new Date(), crls });
    out[leaf] = [r.status, ...r.problems.map((p) => p.code)];
  }
  return out;
});

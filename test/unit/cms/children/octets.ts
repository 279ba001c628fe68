/** Child of segments.test.ts: joins a constructed OCTET STRING read from a file and reports its length and a checksum. */
import { readFileSync } from 'node:fs';
import { report } from '../../../support/bounded';
import { octets, readExact } from '../../../../utils/cms/ber';

const bytes = new Uint8Array(readFileSync(process.argv[2]!));
await report(() => {
  const joined = octets(readExact(bytes));
  let sum = 0;
  for (const b of joined) sum = (sum + b) % 65521;
  return { length: joined.length, sum };
});

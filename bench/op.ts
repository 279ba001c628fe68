/**
 * One benchmark operation in a fresh process, so its peak memory (maxRSS) is its own:
 *   op.ts seal MESSAGE SIGNER_KEY SIGNER_CERT RECIPIENT_CERT OUT
 *   op.ts open SEALED KEY CERT ANCHOR OUT
 *   op.ts open-consume SEALED KEY CERT ANCHOR OUT   (open with { consumeInput: true }: this process never reads
 *                                                    the input again, as the CLI could)
 *   op.ts idle                (loads the same modules and does nothing: Node's own baseline memory)
 * Prints {"ms": time of the operation alone, "maxRssKb": peak resident memory of the process}.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { seal } from '../utils/direct/seal';
import { open } from '../utils/direct/open';
import { localPrivateKey } from '../utils/cms/keys';
import { readCertificates, readPrivateKey } from '../utils/pki';
import { WRAP_HEADROOM } from '../utils/direct/wrap';
import { readInput } from '../cli/io';

const [op, input, keyFile, certFile, otherCert, out] = process.argv.slice(2) as string[];
if (op === 'idle') {
  process.stdout.write(JSON.stringify({ ms: 0, maxRssKb: process.resourceUsage().maxRSS }) + '\n');
  process.exit(0);
}
// A view of the Buffer readFileSync returns: `new Uint8Array(buffer)` would copy it, and that copy (the size of
// the input, garbage at once) would count in the operation's peak memory.
const bytes = (f: string) => {
  const b = readFileSync(f!);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
};
const identity = {
  certificate: readCertificates(bytes(certFile!))[0]!,
  chain: [],
  key: localPrivateKey(await readPrivateKey(bytes(keyFile!))),
};
// A message to seal is read as the CLI reads it, with room for the wrap header in front (no copy to digest it).
const data = op === 'seal' ? await readInput(input!, { headroom: WRAP_HEADROOM }) : bytes(input!);
const other = readCertificates(bytes(otherCert!));
const start = performance.now();
let result: Uint8Array;
if (op === 'seal') {
  result = await seal(data, identity, other);
} else {
  const opened = await open(data, [identity], other, { consumeInput: op === 'open-consume' });
  if (opened.verdict.status !== 'verified') throw new Error(`not verified: ${JSON.stringify(opened.verdict.reasons)}`);
  result = opened.message;
}
const ms = performance.now() - start;
writeFileSync(out!, result);
process.stdout.write(JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS }) + '\n');

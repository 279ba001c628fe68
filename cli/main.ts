/** The `directseal` command: seal, open and inspect Direct messages with the same core as the extension. */
import { asDirectSealError } from '../utils/errors';
import { sealCommand, SEAL_USAGE } from './seal';
import { openCommand, OPEN_USAGE } from './open';
import { inspectCommand } from './inspect';
import { caCommand, CA_USAGE } from './ca';
import { requestCommand, REQUEST_USAGE } from './request';
import { discoverCommand, DISCOVER_USAGE } from './discover';

const USAGE = `Usage:
  ${SEAL_USAGE}
  ${OPEN_USAGE}
  directseal inspect FILE
  ${REQUEST_USAGE}
  ${CA_USAGE.join('\n  ')}
  ${DISCOVER_USAGE}
--key also takes a PEM private key with --cert CERT.pem; "-" reads stdin / writes stdout.
open exits 0 only when the message is decrypted AND verified; otherwise it prints "error: CODE: sentence".
discover prints the usable certificates found in DNS (CERT) as PEM, and where each came from on stderr; exit 1 when none is usable.`;

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  seal: sealCommand,
  open: openCommand,
  inspect: inspectCommand,
  ca: caCommand,
  request: requestCommand,
  discover: discoverCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE + '\n');
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(`error: USAGE: unknown command "${command}"\n${USAGE}\n`);
    return 2;
  }
  try {
    return await run(rest);
  } catch (e) {
    const err = asDirectSealError(e, 'MESSAGE_MALFORMED');
    process.stderr.write(`error: ${err.code}: ${err.sentence}${err.detail ? ` (${err.detail})` : ''}\n`);
    return err.code === 'USAGE' ? 2 : 1;
  }
}

/** The `directseal` command: seal, open and inspect Direct messages with the same core as the extension. */
import { asDirectSealError } from '../utils/errors';
import { CA_USAGE, DISCOVER_USAGE, OPEN_USAGE, REQUEST_USAGE, SEAL_USAGE } from './usage';

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

type Command = (args: string[]) => Promise<number>;

/**
 * Each command loaded when it runs: the bundle (scripts/build-cli.mjs) starts only the modules that command
 * reaches, so `seal` does not pay for the certificate generator `ca` needs or the RSA decryption `open` needs.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  seal: async () => (await import('./seal')).sealCommand,
  open: async () => (await import('./open')).openCommand,
  inspect: async () => (await import('./inspect')).inspectCommand,
  ca: async () => (await import('./ca')).caCommand,
  request: async () => (await import('./request')).requestCommand,
  discover: async () => (await import('./discover')).discoverCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE + '\n');
    return command ? 0 : 2;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) {
    process.stderr.write(`error: USAGE: unknown command "${command}"\n${USAGE}\n`);
    return 2;
  }
  try {
    return await (await load())(rest);
  } catch (e) {
    const err = asDirectSealError(e, 'MESSAGE_MALFORMED');
    process.stderr.write(`error: ${err.code}: ${err.sentence}${err.detail ? ` (${err.detail})` : ''}\n`);
    return err.code === 'USAGE' ? 2 : 1;
  }
}

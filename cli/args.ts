/** Argument parsing for the directseal command (node:util parseArgs, strict). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DirectSealError } from '../utils/errors';

export function parse<T extends ParseArgsConfig['options']>(args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (e) {
    throw new DirectSealError('USAGE', (e as Error).message);
  }
}

export function required(value: string | undefined, flag: string): string {
  if (!value) throw new DirectSealError('USAGE', `${flag} is required`);
  return value;
}

/** A key file's passphrase from --pass (request, ca init): long enough to protect it. */
export function passphrase(pass: string | undefined): string {
  if (!pass || pass.length < 8) throw new DirectSealError('USAGE', '--pass needs at least 8 characters: it protects the key file');
  return pass;
}

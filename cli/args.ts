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

/** File and stream helpers for the CLI: `-` means stdin / stdout. */
import { readFile, writeFile } from 'node:fs/promises';
import { DirectSealError } from '../utils/errors';

export async function readInput(path: string): Promise<Uint8Array> {
  try {
    if (path === '-') {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return new Uint8Array(Buffer.concat(chunks));
    }
    return new Uint8Array(await readFile(path));
  } catch (e) {
    throw new DirectSealError('IO_ERROR', `cannot read ${path}: ${(e as Error).message}`, { cause: e });
  }
}

export async function writeOutput(path: string, data: Uint8Array | string): Promise<void> {
  try {
    if (path === '-') {
      await new Promise<void>((resolve, reject) => process.stdout.write(data, (err) => (err ? reject(err) : resolve())));
      return;
    }
    await writeFile(path, data);
  } catch (e) {
    throw new DirectSealError('IO_ERROR', `cannot write ${path}: ${(e as Error).message}`, { cause: e });
  }
}

/** File and stream helpers for the CLI: `-` means stdin / stdout. */
import { readFile, writeFile } from 'node:fs/promises';
import { DirectSealError } from '../utils/errors';

/**
 * The whole file (or stdin) as a plain Uint8Array view of the Buffer Node read it into: never a second copy,
 * which for a 70 MB sealed .eml would be 70 MB more at the peak. Not a Buffer itself, so `slice` copies as the
 * core expects of a Uint8Array.
 */
export async function readInput(path: string): Promise<Uint8Array> {
  try {
    if (path === '-') {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return view(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    }
    return view(await readFile(path));
  } catch (e) {
    throw new DirectSealError('IO_ERROR', `cannot read ${path}: ${(e as Error).message}`, { cause: e });
  }
}

const view = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

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

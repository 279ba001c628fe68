/** File and stream helpers for the CLI: `-` means stdin / stdout. */
import { open, readFile, writeFile } from 'node:fs/promises';
import { DirectSealError } from '../utils/errors';
import { concatWithHeadroom, withHeadroom } from '../utils/headroom';

/**
 * The whole file (or stdin) as a plain Uint8Array view of the Buffer Node read it into: never a second copy,
 * which for a 70 MB sealed .eml would be 70 MB more at the peak. Not a Buffer itself, so `slice` copies as the
 * core expects of a Uint8Array.
 */
export async function readInput(path: string, options: { headroom?: number } = {}): Promise<Uint8Array> {
  try {
    if (path === '-') {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      if (options.headroom) return concatWithHeadroom(chunks, options.headroom);
      return view(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    }
    if (options.headroom) return await readWithHeadroom(path, options.headroom);
    return view(await readFile(path));
  } catch (e) {
    throw new DirectSealError('IO_ERROR', `cannot read ${path}: ${(e as Error).message}`, { cause: e });
  }
}

const view = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/**
 * The file read straight into a buffer with free bytes before it (utils/headroom.ts: `seal` wraps the message
 * there instead of copying it). A pipe or device (`--in /dev/stdin`), or a file that changes size while it is
 * read, is read as usual, without headroom.
 */
async function readWithHeadroom(path: string, room: number): Promise<Uint8Array> {
  const file = await open(path);
  try {
    const stat = await file.stat();
    if (!stat.isFile()) return view(await file.readFile());
    const size = stat.size;
    const out = withHeadroom(size, room);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await file.read(out, filled, size - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled === size && (await file.read(new Uint8Array(1), 0, 1, size)).bytesRead === 0) return out;
  } finally {
    await file.close();
  }
  return view(await readFile(path));
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

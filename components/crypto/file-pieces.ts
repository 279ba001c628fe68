/**
 * A picked file's bytes in pieces, read into one reused buffer: reading a 100 MB file as a new ArrayBuffer per
 * piece left up to 64 MB of dead pieces in the worker until the next garbage collection (issue 9's renderer
 * peak). Where the file's stream cannot be read into our own buffer (no BYOB reader), each piece is a slice.
 */
import { DirectSealError } from '@/utils/errors';

const PIECE = 1 << 20;

export async function* filePieces(file: Blob & { name?: string }): AsyncGenerator<Uint8Array> {
  // The browser's own failure (a file changed or removed since it was picked: NotReadableError) in our words.
  const read = async <T>(pending: Promise<T>): Promise<T> => {
    try {
      return await pending;
    } catch (e) {
      throw new DirectSealError('ATTACHMENT_UNREADABLE', `the attachment ${JSON.stringify(file.name ?? 'file')} could not be read (${(e as Error)?.name ?? e}); attach it again`, { cause: e });
    }
  };
  let reader: ReadableStreamBYOBReader;
  try {
    reader = file.stream().getReader({ mode: 'byob' });
  } catch {
    for (let at = 0; at < file.size; at += PIECE) yield new Uint8Array(await read(file.slice(at, at + PIECE).arrayBuffer()));
    return;
  }
  try {
    let buffer = new ArrayBuffer(PIECE);
    for (;;) {
      const { done, value } = await read(reader.read(new Uint8Array(buffer)));
      if (done || !value) return;
      yield value;
      buffer = value.buffer as ArrayBuffer; // the read hands our buffer back, transferred
    }
  } finally {
    // Also when the message stopped being built half-way: the rest of the file is not read.
    reader.cancel().catch(() => undefined);
  }
}

/**
 * A picked file's bytes in pieces, read into one reused buffer: reading a 100 MB file as a new ArrayBuffer per
 * piece left up to 64 MB of dead pieces in the worker until the next garbage collection (issue 9's renderer
 * peak). Where the file's stream cannot be read into our own buffer (no BYOB reader), each piece is a slice.
 */
const PIECE = 1 << 20;

export async function* filePieces(file: Blob): AsyncGenerator<Uint8Array> {
  let reader: ReadableStreamBYOBReader;
  try {
    reader = file.stream().getReader({ mode: 'byob' });
  } catch {
    for (let at = 0; at < file.size; at += PIECE) yield new Uint8Array(await file.slice(at, at + PIECE).arrayBuffer());
    return;
  }
  try {
    let buffer = new ArrayBuffer(PIECE);
    for (;;) {
      const { done, value } = await reader.read(new Uint8Array(buffer));
      if (done || !value) return;
      yield value;
      buffer = value.buffer as ArrayBuffer; // the read hands our buffer back, transferred
    }
  } finally {
    reader.releaseLock();
  }
}

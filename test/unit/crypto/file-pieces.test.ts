/**
 * The worker's file reader: every byte once, in order, in pieces of at most 1 MiB, through the stream's BYOB
 * reader (one reused buffer) or, where a stream has none, through slices.
 */
import { describe, expect, it } from 'vitest';
import { filePieces } from '../../../components/crypto/file-pieces';
import { DirectSealError } from '../../../utils/errors';

function random(size: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(i + 65536, size)));
  return out;
}

/** The pieces copied as they come (a piece may be overwritten by the next read). */
async function collect(blob: Blob): Promise<{ joined: Buffer; sizes: number[]; buffers: number[] }> {
  const copies: Buffer[] = [];
  const buffers: number[] = [];
  for await (const piece of filePieces(blob)) {
    copies.push(Buffer.from(piece));
    buffers.push(piece.buffer.byteLength);
  }
  return { joined: Buffer.concat(copies), sizes: copies.map((c) => c.length), buffers };
}

/** A Blob whose stream is not a byte stream: getReader({ mode: 'byob' }) throws, as on older engines. */
class NoByobBlob extends Blob {
  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    const reader = super.stream().getReader();
    return new ReadableStream({
      async pull(controller) {
        const r = await reader.read();
        if (r.done) controller.close();
        else controller.enqueue(r.value);
      },
    });
  }
}

describe('filePieces', () => {
  const content = random(3 * 1024 * 1024 + 17);

  it('reads a file whole and in order through the BYOB reader', async () => {
    const blob = new Blob([content]);
    expect(() => blob.stream().getReader({ mode: 'byob' }).releaseLock()).not.toThrow();
    const { joined, sizes, buffers } = await collect(blob);
    expect(joined.equals(Buffer.from(content))).toBe(true);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1 << 20);
    // Every piece, the short last one too, is a view of our 1 MiB buffer (handed back by each read), not its own.
    expect(new Set(buffers)).toEqual(new Set([1 << 20]));
  });

  it('falls back to 1 MiB slices where the stream has no BYOB reader', async () => {
    const blob = new NoByobBlob([content]);
    expect(() => blob.stream().getReader({ mode: 'byob' })).toThrow();
    const { joined, sizes, buffers } = await collect(blob);
    expect(joined.equals(Buffer.from(content))).toBe(true);
    expect(sizes).toEqual([1 << 20, 1 << 20, 1 << 20, 17]);
    expect(buffers).toEqual(sizes); // each slice its own buffer
  });

  it('says a file the browser cannot read any more (changed since it was picked) as ATTACHMENT_UNREADABLE, naming it', async () => {
    const failing = Object.assign(new Blob([content]), { name: 'scan.pdf' });
    failing.stream = () => new ReadableStream({ type: 'bytes', pull: (c) => c.error(new DOMException('gone', 'NotReadableError')) }) as never;
    const err = await collect(failing).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DirectSealError);
    expect((err as DirectSealError).code).toBe('ATTACHMENT_UNREADABLE');
    expect((err as DirectSealError).message).toContain('scan.pdf');
    expect((err as DirectSealError).message).toContain('NotReadableError');
  });

  it('gives nothing for an empty file', async () => {
    expect((await collect(new Blob([]))).sizes.filter((n) => n > 0)).toEqual([]);
  });
});

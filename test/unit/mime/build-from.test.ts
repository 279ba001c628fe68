/**
 * Building a message whose attachments are read a piece at a time (the extension's picked files): the same bytes
 * as buildMessage, one buffer, and a file that changes while it is read is refused rather than spilling into the
 * next part.
 */
import { describe, expect, it } from 'vitest';
import { buildMessage, buildMessageFrom, type AttachmentSource, type MessageInput } from '../../../utils/mime/build';
import { DirectSealError } from '../../../utils/errors';
import { seededBytes } from '../../support/seeded-bytes';

const base: Omit<MessageInput, 'attachments'> = {
  from: 'Gregory House <dr.house@doctor.test>',
  to: ['pat@patient.test'],
  subject: 'Results',
  text: 'Attached.\n',
  date: new Date('2026-11-30T10:00:00Z'),
  messageId: 'build-from@doctor.test',
};

/** The message as Latin-1 with each random boundary named by its order of appearance, so two builds compare. */
function comparable(message: Uint8Array): string {
  const names = new Map<string, string>();
  return Buffer.from(message).toString('latin1').replace(/=_DirectSeal_[0-9a-f]+/g, (b) => {
    if (!names.has(b)) names.set(b, `BOUNDARY-${names.size}`);
    return names.get(b)!;
  });
}

/** A source over `content` in pieces of `piece` bytes, handed out in one reused buffer (as a stream reader may). */
function source(filename: string, content: Uint8Array, piece = 1 << 20, handed: number[] = []): AttachmentSource {
  return {
    filename,
    size: content.length,
    async *pieces() {
      const reused = new Uint8Array(piece);
      for (let at = 0; at < content.length; at += piece) {
        const n = Math.min(piece, content.length - at);
        reused.set(content.subarray(at, at + n));
        handed.push(n);
        yield reused.subarray(0, n);
        reused.fill(0xee); // the builder must have used the piece already
      }
    },
  };
}

describe('buildMessageFrom', () => {
  it('gives the bytes buildMessage gives, for attachments of every size around a base64 group and a piece', async () => {
    const sizes = [0, 1, 2, 3, 57, 58, 4095, 4096, 4097, 250_001];
    const contents = sizes.map((n, k) => seededBytes(n, k + 1));
    const whole = buildMessage({ ...base, attachments: contents.map((content, k) => ({ filename: `part-${k}.bin`, content })) });
    for (const piece of [1, 2, 5, 4096]) {
      const handed: number[] = [];
      const pieced = await buildMessageFrom({ ...base, attachments: contents.map((c, k) => source(`part-${k}.bin`, c, piece, handed)) });
      expect(comparable(pieced)).toBe(comparable(whole));
      expect(pieced.length).toBe(whole.length);
      expect(handed.reduce((a, b) => Math.max(a, b), 0)).toBe(piece);
    }
  });

  it('refuses with ATTACHMENT_UNREADABLE a file that shrank or grew since its size was taken', async () => {
    const content = seededBytes(5000, 3);
    for (const size of [6000, 4000]) {
      const bad = { ...source('scan.pdf', content, 1024), size };
      const err = await buildMessageFrom({ ...base, attachments: [bad] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DirectSealError);
      expect((err as DirectSealError).code).toBe('ATTACHMENT_UNREADABLE');
      expect((err as DirectSealError).message).toContain('scan.pdf');
    }
  });

  it('keeps the headroom it is asked for in front of the message, in the same buffer', async () => {
    const built = await buildMessageFrom({ ...base, attachments: [source('a.bin', seededBytes(100, 1))] }, { headroom: 33 });
    expect(built.byteOffset).toBe(33);
    expect(built.buffer.byteLength).toBe(33 + built.length);
  });
});

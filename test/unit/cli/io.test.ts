import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readInput } from '../../../cli/io';
import { prepend } from '../../../utils/headroom';
import { DirectSealError } from '../../../utils/errors';

const dir = mkdtempSync(join(tmpdir(), 'directseal-io-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readInput with headroom', () => {
  it('reads the whole file into a buffer with that much room before it, which prepend then uses', async () => {
    const content = new Uint8Array(200_003).map((_, i) => (i * 7) & 0xff);
    const path = join(dir, 'message.eml');
    writeFileSync(path, content);
    const read = await readInput(path, { headroom: 33 });
    expect(Buffer.from(read).equals(Buffer.from(content))).toBe(true);
    expect(read.byteOffset).toBe(33);
    const whole = prepend(new Uint8Array(33).fill(65), read);
    expect(whole.buffer).toBe(read.buffer);
    expect(whole.length).toBe(33 + content.length);
  });

  it('reads a named pipe as usual (`--in /dev/stdin` in a shell pipeline), without headroom', async () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `printf 'piped message' > '${fifo}'`]);
    const written = new Promise((resolve) => writer.on('exit', resolve));
    const read = await readInput(fifo, { headroom: 33 });
    expect(await written).toBe(0);
    expect(Buffer.from(read).toString()).toBe('piped message');
  });

  it('reads an empty file, and refuses a missing one with IO_ERROR', async () => {
    const empty = join(dir, 'empty.eml');
    writeFileSync(empty, '');
    expect((await readInput(empty, { headroom: 33 })).length).toBe(0);
    const err = await readInput(join(dir, 'missing.eml'), { headroom: 33 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DirectSealError);
    expect((err as DirectSealError).code).toBe('IO_ERROR');
  });
});

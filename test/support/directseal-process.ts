/** The `directseal` command as a user runs it: a real process (bin/directseal.mjs), its exit code, stdout and stderr. */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const BIN = resolve('bin/directseal.mjs');

export interface Run {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

export function directseal(args: string[], input?: Uint8Array | string): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000); // a prompt waiting on stdin must not hang the suite
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout: Buffer.concat(out), stderr: err });
    });
    child.stdin.end(input ?? '');
  });
}

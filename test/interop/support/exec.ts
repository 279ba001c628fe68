/**
 * Runs the peers' command-line tools. Explicit argv only (no shell), stdout kept as bytes because
 * CMS output is binary. Never throws on a non-zero exit by itself: verify steps need the exit code.
 */
import { execFile } from 'node:child_process';

export interface RunResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

export interface RunOptions {
  input?: Uint8Array | string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Kill the tool after this long: a peer waiting on a pinentry or a lock must not hang the suite. */
  timeoutMs?: number;
}

export function run(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      cmd,
      args,
      {
        encoding: 'buffer',
        maxBuffer: 512 * 1024 * 1024,
        env: opts.env ?? process.env,
        cwd: opts.cwd,
        timeout: opts.timeoutMs ?? 60_000,
        killSignal: 'SIGKILL',
      },
      (err, stdout, stderr) => {
        const e = err as (NodeJS.ErrnoException & { code?: number | string; killed?: boolean }) | null;
        if (e && typeof e.code === 'string') {
          // ENOENT and friends: the tool is missing, not a peer verdict.
          reject(new Error(`${cmd}: ${e.message} (run scripts/install-test-deps.sh)`));
          return;
        }
        if (e?.killed) {
          reject(new Error(`${cmd} ${args.join(' ')}: killed after timeout; stderr: ${stderr.toString()}`));
          return;
        }
        resolve({ code: e ? Number(e.code ?? 1) : 0, stdout, stderr: stderr.toString('utf8') });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    else child.stdin?.end();
  });
}

/** Like run, but a non-zero exit is an error carrying the tool's stderr. */
export async function runOk(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.code}: ${r.stderr.trim() || r.stdout.toString('utf8').slice(0, 2000)}`);
  }
  return r;
}

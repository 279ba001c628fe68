/**
 * Sealing and opening from an extension page without blocking it: each job runs in its own module worker
 * (bulk.worker.ts), which asks the key service, through this page, only for what needs a private key.
 */
import type { SealOptions, WireVerdict } from '@/utils/keyservice/api';
import type { ParsedMessage } from '@/utils/mime/parse';
import { call, ServiceError } from '../client';
import type { FromWorker, Job, OpenedNotification, Step, ToWorker } from './protocol';

export type { OpenedNotification, Step } from './protocol';

const newWorker = () => new Worker(new URL('./bulk.worker.ts', import.meta.url), { type: 'module', name: 'DirectSeal bulk' });

/** One worker started ahead, so a job does not wait for the worker's code to load and compile (about 0.1 s). */
let spare: Worker | undefined;

/** Called by the views that will seal or open, when they appear, and after each job. */
export function prewarm(): void {
  spare ??= newWorker();
}

function run(job: Job, onStep: (step: Step) => void): Promise<Extract<FromWorker, { kind: 'sealed' | 'opened' }>> {
  // Each job has a worker of its own, ended after it: nothing of one message stays for the next.
  const worker = spare ?? newWorker();
  spare = undefined;
  const send = (m: ToWorker) => worker.postMessage(m);
  return new Promise<Extract<FromWorker, { kind: 'sealed' | 'opened' }>>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      switch (m.kind) {
        case 'ask':
          // Through this page's own runtime messaging: the background checks that an extension page asks.
          call(m.type, m.request as never).then(
            (value) => send({ kind: 'answer', id: m.id, outcome: { ok: true, value } }),
            (err: unknown) =>
              send({
                kind: 'answer',
                id: m.id,
                outcome: { ok: false, error: err instanceof ServiceError ? { code: err.code, sentence: err.sentence, ...(err.detail ? { detail: err.detail } : {}) } : { code: 'INTERNAL', sentence: String(err) } },
              }),
          );
          return;
        case 'step':
          return onStep(m.step);
        case 'failed':
          return reject(new ServiceError(m.error));
        default:
          return resolve(m);
      }
    };
    worker.onerror = (e) => {
      e.preventDefault();
      reject(new ServiceError({ code: 'INTERNAL', sentence: 'DirectSeal could not start its worker; reload the page.', detail: e.message }));
    };
    send({ kind: 'job', job });
  }).finally(() => {
    worker.terminate();
    prewarm();
  });
}

export interface Draft {
  from: string;
  to: string[];
  subject: string;
  text: string;
  files: File[];
}

/** Builds the message from the draft and seals it: the files are read in the worker, never in this page. */
export async function sealDraft(draft: Draft, onStep: (step: Step) => void, options?: SealOptions): Promise<Uint8Array> {
  const attachments = draft.files.map((f) => ({ filename: f.name, file: f, ...(f.type ? { contentType: f.type } : {}) }));
  const out = await run({ kind: 'seal', from: draft.from, to: draft.to, subject: draft.subject, text: draft.text, attachments, ...(options ? { options } : {}) }, onStep);
  if (out.kind !== 'sealed') throw new ServiceError({ code: 'INTERNAL', sentence: 'DirectSeal got no sealed message back; try again.' });
  return out.sealed;
}

/** Opens (decrypts, verifies) and parses a sealed message; with the delivery notification it calls for, if any. */
export async function openSealed(sealed: Blob, onStep: (step: Step) => void): Promise<{ message: ParsedMessage; verdict: WireVerdict; notification?: OpenedNotification }> {
  const out = await run({ kind: 'open', sealed }, onStep);
  if (out.kind !== 'opened') throw new ServiceError({ code: 'INTERNAL', sentence: 'DirectSeal got no opened message back; try again.' });
  return { message: out.message, verdict: out.verdict, ...(out.notification ? { notification: out.notification } : {}) };
}

/** Seals the prepared MDN back to the sender of the message it answers. */
export async function sealNotification(mdn: Uint8Array, onStep: (step: Step) => void): Promise<Uint8Array> {
  const out = await run({ kind: 'seal-notification', mdn }, onStep);
  if (out.kind !== 'sealed') throw new ServiceError({ code: 'INTERNAL', sentence: 'DirectSeal got no sealed notification back; try again.' });
  return out.sealed;
}

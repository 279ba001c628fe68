/**
 * The bulk worker an extension page starts for one seal or open: MIME building, SHA-256, AES and MIME parsing
 * run here, off the page's main thread, with the core's chunked code (utils/keyservice/beside.ts). Private-key
 * operations are asked of the key service through the page, over a few hundred bytes each.
 */
import { buildMessageFrom, generateMessageId } from '@/utils/mime/build';
import { WRAP_HEADROOM } from '@/utils/direct/wrap';
import { notificationRequestHeaders, notificationSide } from '@/utils/direct/notification';
import { parseMessage } from '@/utils/mime/parse';
import { openBeside, sealBeside, type Ask } from '@/utils/keyservice/beside';
import type { WireError, WireVerdict } from '@/utils/keyservice/api';
import { wireError } from '@/utils/keyservice/wire';
import { filePieces } from './file-pieces';
import type { FromWorker, Job, OpenedNotification, OpenJob, SealJob, SealNotificationJob, ToWorker } from './protocol';

const scope = self as unknown as { postMessage(m: FromWorker, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null };
const post = (m: FromWorker, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

/** A refusal from the key service, kept as it was so the page shows its sentence (KEY_LOCKED offers an unlock). */
class ServiceRefusal extends Error {
  readonly code: string;
  readonly detail?: string;
  constructor(readonly wire: WireError) {
    super(wire.sentence);
    this.code = wire.code;
    if (wire.detail) this.detail = wire.detail;
  }
}

let asked = 0;
const waiting = new Map<number, (outcome: { ok: true; value: unknown } | { ok: false; error: WireError }) => void>();

const ask: Ask = (type, request) =>
  new Promise((resolve, reject) => {
    const id = ++asked;
    waiting.set(id, (outcome) => (outcome.ok ? resolve(outcome.value as never) : reject(new ServiceRefusal(outcome.error))));
    post({ kind: 'ask', id, type, request });
  });

async function seal(job: SealJob): Promise<void> {
  post({ kind: 'step', step: 'building' });
  // The Message-ID is chosen here so the sent log knows what the recipients' notifications will name.
  const messageId = generateMessageId(job.from);
  const headers = notificationRequestHeaders(job.from);
  // The files are read a piece at a time into their place in the message, never whole; the headroom lets the
  // seal wrap the message for its digest without a copy (the renderer's peak while sealing, issue 9).
  const attachments = job.attachments.map(({ file, ...a }) => ({ ...a, size: file.size, pieces: () => filePieces(file) }));
  const message = await buildMessageFrom({ from: job.from, to: job.to, subject: job.subject, text: job.text, attachments, messageId, headers }, { headroom: WRAP_HEADROOM });
  post({ kind: 'step', step: 'sealing' });
  const sealed = await sealBeside(ask, message, job.options);
  // A log that could not be written must not lose the sealed message: its notifications then match nothing.
  await ask('delivery.recordSent', { messageId, from: job.from, recipients: job.to }).catch((e: unknown) => console.warn('DirectSeal: not in the sent log', e));
  post({ kind: 'sealed', sealed }, [sealed.buffer]);
}

async function sealNotification(job: SealNotificationJob): Promise<void> {
  post({ kind: 'step', step: 'sealing' });
  const sealed = await sealBeside(ask, job.mdn);
  post({ kind: 'sealed', sealed }, [sealed.buffer]);
}

async function open(job: OpenJob): Promise<void> {
  post({ kind: 'step', step: 'reading' });
  const sealed = new Uint8Array(await job.sealed.arrayBuffer());
  post({ kind: 'step', step: 'opening' });
  // This buffer is the worker's own: decoded and decrypted in place.
  const opened = await openBeside(ask, sealed, { consumeInput: true });
  // Before parsing hands the attachments' buffers (views of this one) to the page.
  const notification = await notificationOf(opened.message, opened.verdict);
  post({ kind: 'step', step: 'parsing' });
  const message = await parseMessage(opened.message);
  const buffers = new Set<ArrayBuffer>();
  for (const a of message.attachments) if (a.content.buffer instanceof ArrayBuffer) buffers.add(a.content.buffer);
  post({ kind: 'opened', message, verdict: opened.verdict, ...(notification ? { notification } : {}) }, [...buffers]);
}

/** The MDN to offer for a verified message, or what an arrived MDN did to the sent log; never fails the open. */
async function notificationOf(message: Uint8Array, verdict: WireVerdict): Promise<OpenedNotification | undefined> {
  try {
    const verified = verdict.status === 'verified';
    const own = verified ? (await ask('identities.list', {})).map((i) => i.address) : [];
    const side = notificationSide(message, verified, own);
    if (side.kind === 'answer') return { kind: 'answer', mdn: side.mdn, to: side.to };
    if (side.kind !== 'arrived') return undefined;
    const { report } = side;
    const match = await ask('delivery.noteNotification', {
      verified,
      ...(verdict.signerAddress ? { signerAddress: verdict.signerAddress } : {}),
      ...(report.originalMessageId ? { originalMessageId: report.originalMessageId } : {}),
      ...(report.finalRecipient ? { finalRecipient: report.finalRecipient } : {}),
      ...(report.disposition ? { disposition: report.disposition } : {}),
    });
    return { kind: 'arrived', report, match };
  } catch (e) {
    console.warn('DirectSeal: delivery notification not handled', e);
    return undefined;
  }
}

scope.onmessage = (e) => {
  const m = e.data;
  if (m.kind === 'answer') {
    waiting.get(m.id)?.(m.outcome as never);
    waiting.delete(m.id);
    return;
  }
  const job: Job = m.job;
  (job.kind === 'seal' ? seal(job) : job.kind === 'seal-notification' ? sealNotification(job) : open(job)).catch((err: unknown) => {
    post({ kind: 'failed', error: err instanceof ServiceRefusal ? err.wire : wireError(err) });
  });
};

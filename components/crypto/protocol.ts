/**
 * What an extension page and its bulk worker (bulk.worker.ts) say to each other. Files go over as Blobs (no
 * copy in the page), results come back as transferred buffers; the worker reaches the key service through the
 * page (a worker has no extension API), asking only the small private-key requests of utils/keyservice/beside.ts.
 */
import type { ReplyOf, RequestType, SealOptions, WireError, WireVerdict, Outcome } from '@/utils/keyservice/api';
import type { MdnReport } from '@/utils/direct/mdn';
import type { ParsedMessage } from '@/utils/mime/parse';

export interface SealJob {
  kind: 'seal';
  from: string;
  to: string[];
  subject: string;
  text: string;
  attachments: { filename: string; contentType?: string; file: Blob }[];
  options?: SealOptions;
}

export interface OpenJob {
  kind: 'open';
  sealed: Blob;
}

/** The "processed" MDN prepared when a message was opened: sealed back to its sender, never recorded as sent. */
export interface SealNotificationJob {
  kind: 'seal-notification';
  mdn: Uint8Array;
}

export type Job = SealJob | OpenJob | SealNotificationJob;

/** What opening meant for delivery notifications (utils/direct/notification.ts). */
export type OpenedNotification =
  /** A verified message: the MDN to offer, unsealed, addressed to `to`. */
  | { kind: 'answer'; mdn: Uint8Array; to: string }
  /** An MDN arrived: what it says, and what the sent log made of it. */
  | { kind: 'arrived'; report: MdnReport; match: ReplyOf<'delivery.noteNotification'> };

/** What the worker is doing, for the progress line. */
export type Step = 'reading' | 'building' | 'sealing' | 'opening' | 'parsing';

export type ToWorker = { kind: 'job'; job: Job } | { kind: 'answer'; id: number; outcome: Outcome<unknown> };

export type FromWorker =
  | { kind: 'ask'; id: number; type: RequestType; request: unknown }
  | { kind: 'step'; step: Step }
  | { kind: 'sealed'; sealed: Uint8Array }
  | { kind: 'opened'; message: ParsedMessage; verdict: WireVerdict; notification?: OpenedNotification }
  | { kind: 'failed'; error: WireError };

/**
 * How extension pages talk to the background key service: one typed call per request, errors as
 * ServiceError with the stable code and the sentence to show. Never used from content scripts (the
 * background refuses them anyway).
 */
import { browser } from 'wxt/browser';
import type { KeyServiceApi, Outcome, ReplyOf, RequestType, WireError } from '@/utils/keyservice/api';
import { t } from './i18n/current';

export class ServiceError extends Error {
  readonly code: WireError['code'];
  readonly sentence: string;
  readonly detail?: string;

  constructor(error: WireError) {
    super(error.detail ? `${error.sentence} (${error.detail})` : error.sentence);
    this.name = 'ServiceError';
    this.code = error.code;
    this.sentence = error.sentence;
    this.detail = error.detail;
  }
}

export async function call<T extends RequestType>(type: T, request: KeyServiceApi[T]['request']): Promise<ReplyOf<T>> {
  const outcome = (await browser.runtime.sendMessage({ ...request, type })) as Outcome<ReplyOf<T>> | undefined;
  if (!outcome) throw new ServiceError({ code: 'INTERNAL', sentence: t('ui.error.noAnswer') });
  if (!outcome.ok) throw new ServiceError(outcome.error);
  return outcome.value;
}

/** Bytes across runtime messaging, the key service's own way (utils/keyservice/wire.ts). */
export { toWire as toBase64, fromWire as fromBase64 } from '@/utils/keyservice/wire';

/** The bytes of a picked or dropped file. */
export async function fileBytes(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

/** Saves bytes as a download from an extension page (the host page never sees them). */
export function download(bytes: Uint8Array | string, filename: string, type = 'application/octet-stream'): void {
  const blob = new Blob([typeof bytes === 'string' ? bytes : bytes.slice()], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

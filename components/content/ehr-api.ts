/**
 * The content script's side of `window.directseal` (utils/ehr-api-protocol.ts): a request from the EHR page
 * opens the DirectSeal frame like a user's click would; the page gets back only the sealed block, or that
 * the message was shown (and the user's sealed reply, if they wrote one). Plaintext stays in the frame.
 */
import { EHR_REQUEST_EVENT, EHR_RESPONSE_EVENT, readEhrRequest, type EhrRequest, type EhrResponse } from '@/utils/ehr-api-protocol';
import { t } from '@/components/i18n/content-text';
import { armoredOf } from './armor';
import { openFrame } from './overlay';

/** Listens for the page's requests until `signal` aborts (the content script's context invalidated). */
export function answerEhrRequests(signal: AbortSignal): void {
  window.addEventListener(EHR_REQUEST_EVENT, (event) => void answer((event as CustomEvent).detail), { signal });
}

async function answer(detail: unknown): Promise<void> {
  const request = readEhrRequest(detail);
  if (!request) {
    const id = idOf(detail);
    if (id) respond({ id, ok: false, error: 'BAD_REQUEST', message: t('webmail.ehr.badRequest') });
    return;
  }
  try {
    respond(await run(request));
  } catch (e) {
    respond({ id: request.id, ok: false, error: 'FAILED', message: e instanceof Error ? e.message : String(e) });
  }
}

async function run(request: EhrRequest): Promise<EhrResponse> {
  if (request.kind === 'compose') {
    const result = await openFrame({
      view: 'write',
      provider: 'ehr',
      suggestedRecipients: request.to ?? [],
      ...(request.subject !== undefined ? { suggestedSubject: request.subject } : {}),
      ...(request.text !== undefined ? { suggestedText: request.text } : {}),
    });
    if (!result) return { id: request.id, ok: false, error: 'CLOSED', message: t('webmail.ehr.closed') };
    return { id: request.id, ok: true, sealed: armoredOf(result) };
  }
  const reply = await openFrame({ view: 'read', provider: 'ehr', name: 'message' }, { sealed: new TextEncoder().encode(request.armored) });
  return { id: request.id, ok: true, shown: true, ...(reply ? { reply: armoredOf(reply) } : {}) };
}

function respond(response: EhrResponse): void {
  window.dispatchEvent(new CustomEvent(EHR_RESPONSE_EVENT, { detail: JSON.stringify(response) }));
}

function idOf(detail: unknown): string | undefined {
  try {
    const id = (JSON.parse(String(detail)) as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

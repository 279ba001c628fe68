/**
 * `window.directseal` in the EHR page's own world, on the sites the practice enabled (registered at run time
 * beside the field script; components/sites/sites.ts). Thin: it turns calls into DOM events for DirectSeal's
 * content script and its answers into promises. See docs/ehr-api.md.
 */
import { EHR_REQUEST_EVENT, EHR_RESPONSE_EVENT, type EhrResponse } from '@/utils/ehr-api-protocol';

export default defineUnlistedScript(() => {
  if ('directseal' in window) return;
  const waiting = new Map<string, (r: EhrResponse) => void>();
  window.addEventListener(EHR_RESPONSE_EVENT, (event) => {
    let response: EhrResponse;
    try {
      response = JSON.parse(String((event as CustomEvent).detail)) as EhrResponse;
    } catch {
      return;
    }
    waiting.get(response.id)?.(response);
    waiting.delete(response.id);
  });
  const ask = (request: Record<string, unknown>) =>
    new Promise<EhrResponse>((resolve) => {
      const id = crypto.randomUUID();
      waiting.set(id, resolve);
      window.dispatchEvent(new CustomEvent(EHR_REQUEST_EVENT, { detail: JSON.stringify({ ...request, id }) }));
    }).then((r) => {
      if (!r.ok) throw Object.assign(new Error(r.message), { code: r.error });
      return r;
    });
  const api = Object.freeze({
    version: 1,
    /** Opens DirectSeal's write frame with these suggestions; resolves with the armored sealed block. */
    compose: (options: { to?: string[]; subject?: string; text?: string } = {}) =>
      ask({ kind: 'compose', ...options }).then((r) => ({ sealed: (r as { sealed: string }).sealed })),
    /** Shows a sealed (armored) message in DirectSeal's read frame; resolves when the user closed it. */
    open: (armored: string) => ask({ kind: 'open', armored }).then(() => ({ shown: true as const })),
  });
  Object.defineProperty(window, 'directseal', { value: api, enumerable: true });
});

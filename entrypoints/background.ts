import { browser, type Browser } from 'wxt/browser';

/**
 * The requests the service worker answers, each with its reply. Key custody adds its own (sign, decrypt...)
 * here later; the private keys never leave this context.
 */
export interface Requests {
  status: { request: { type: 'status' }; reply: { ok: true; version: string } };
}
export type RequestType = keyof Requests;
export type Request = Requests[RequestType]['request'];
export type Reply<T extends RequestType> = Requests[T]['reply'];
/** Sent instead of a reply; the reason is a stable string so the sender can act on it. */
export type Refusal = { ok: false; reason: 'FORBIDDEN_SENDER' | 'UNKNOWN_REQUEST' };

type Handlers = { [T in RequestType]: (request: Requests[T]['request']) => Promise<Reply<T>> | Reply<T> };

export default defineBackground(() => {
  const handlers: Handlers = {
    status: () => ({ ok: true, version: browser.runtime.getManifest().version }),
  };

  // sendResponse + `return true` rather than a returned promise: Chromium and Firefox both honour it.
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    const refusal = check(message, sender);
    if (refusal) {
      sendResponse(refusal);
      return false;
    }
    const request = message as Request;
    Promise.resolve(handlers[request.type](request)).then(sendResponse, (e: unknown) => {
      console.error('DirectSeal: request failed', request.type, e);
      sendResponse({ ok: false, reason: 'UNKNOWN_REQUEST' } satisfies Refusal);
    });
    return true;
  });

  /**
   * Only the extension's own pages may talk to the service worker. Content scripts run inside webmail pages
   * that an attacker may script, so everything they send is refused. Their `sender.url` is the web page's;
   * `sender.tab` alone does not tell them apart, because the options page also opens in a tab.
   */
  function check(message: unknown, sender: Browser.runtime.MessageSender): Refusal | undefined {
    const ownOrigin = browser.runtime.getURL('/');
    if (sender.id !== browser.runtime.id || !sender.url?.startsWith(ownOrigin)) {
      return { ok: false, reason: 'FORBIDDEN_SENDER' };
    }
    const type = (message as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !Object.hasOwn(handlers, type)) {
      return { ok: false, reason: 'UNKNOWN_REQUEST' };
    }
    return undefined;
  }
});

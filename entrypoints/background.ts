import { browser, type Browser } from 'wxt/browser';
import { createKeyService, type KeyService } from '@/utils/keyservice/service';
import type { Outcome } from '@/utils/keyservice/api';
import { openStore } from '@/utils/store/open';
import { restoreSites } from '@/components/sites/sites';
import { storageSessionKeeper } from '@/components/security/session-keeper';

/**
 * The background service worker holds the private keys (utils/keyservice) and answers the extension's own
 * pages. Everything else is refused before any handler runs.
 */
export default defineBackground(() => {
  // Chromium drops run-time content scripts on update (and on every start of an unpacked extension): put the
  // "Secure this field" sites the user enabled back.
  const restore = () => void restoreSites().catch((e: unknown) => console.warn('DirectSeal: sites not restored', e));
  browser.runtime.onInstalled.addListener(restore);
  browser.runtime.onStartup.addListener(restore);
  let service: Promise<KeyService> | undefined;
  // One service per worker lifetime; an unlocked session outlives a stopped worker in storage.session
  // (memory only), until the idle time ends.
  const keyService = () =>
    (service ??= openStore(indexedDB).then((store) =>
      createKeyService({ store, factory: indexedDB, version: browser.runtime.getManifest().version, keeper: storageSessionKeeper() }),
    ));

  // sendResponse + `return true` rather than a returned promise: Chromium and Firefox both honour it.
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (!fromOwnPage(sender)) {
      sendResponse(forbidden());
      return false;
    }
    keyService()
      .then((s) => s.handle(message))
      .then(sendResponse, (e: unknown) => {
        service = undefined; // the store failed to open: try again on the next request
        console.error('DirectSeal: key service unavailable', e);
        sendResponse({ ok: false, error: { code: 'INTERNAL', sentence: 'The DirectSeal key store could not be opened; reload the extension.', detail: String(e) } } satisfies Outcome<never>);
      });
    return true;
  });
});

/**
 * Only the extension's own pages may talk to the service worker. Content scripts run inside webmail pages
 * that an attacker may script, so everything they send is refused. Their `sender.url` is the web page's;
 * `sender.tab` alone does not tell them apart, because the options page also opens in a tab.
 */
function fromOwnPage(sender: Browser.runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && Boolean(sender.url?.startsWith(browser.runtime.getURL('/')));
}

function forbidden(): Outcome<never> {
  return { ok: false, error: { code: 'FORBIDDEN_SENDER', sentence: 'Web pages may not use DirectSeal keys.' } };
}

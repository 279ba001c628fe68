import { browser, type Browser } from 'wxt/browser';
import { createKeyService, type KeyService } from '@/utils/keyservice/service';
import type { Outcome } from '@/utils/keyservice/api';
import { openStore } from '@/utils/store/open';
import { FrameBroker, type BrokerSender } from '@/utils/frame-broker';
import { isBrokerRequest } from '@/utils/frame-protocol';
import { restoreSites } from '@/components/sites/sites';
import { frameSessionStore } from '@/components/frame/session-store';
import { storageSessionKeeper } from '@/components/security/session-keeper';
import { extensionRewriteSupport } from '@/components/security/rewrite-support';

/**
 * The background service worker holds the private keys (utils/keyservice) and answers the extension's own
 * pages; it also brokers the DirectSeal frames that content scripts open (utils/frame-broker). Everything
 * else is refused before any handler runs.
 */
export default defineBackground(() => {
  // Chromium drops run-time content scripts on update (and on every start of an unpacked extension): put the
  // "Secure this field" sites the user enabled back.
  const restore = () => void restoreSites().catch((e: unknown) => console.warn('DirectSeal: sites not restored', e));
  browser.runtime.onInstalled.addListener(restore);
  // A new install opens the first-run setup (not an update: that user is set up already).
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/setup.html') }).catch((e: unknown) => console.warn('DirectSeal: setup not opened', e));
  });
  browser.runtime.onStartup.addListener(restore);
  let service: Promise<KeyService> | undefined;
  // One service per worker lifetime; an unlocked session outlives a stopped worker in storage.session
  // (memory only), until the idle time ends.
  const rewrite = extensionRewriteSupport(indexedDB);
  const keyService = () =>
    (service ??= openStore(indexedDB, rewrite).then((store) =>
      createKeyService({ store, factory: indexedDB, rewrite, version: browser.runtime.getManifest().version, keeper: storageSessionKeeper() }),
    ));
  const broker = new FrameBroker({
    sessions: frameSessionStore(),
    newToken: () => crypto.randomUUID(),
    now: () => Date.now(),
  });

  // sendResponse + `return true` rather than a returned promise: Chromium and Firefox both honour it.
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (isBrokerRequest(message)) {
      broker.handle(message, brokerSender(sender)).then(sendResponse, (e: unknown) => {
        console.error('DirectSeal: frame broker failed', e);
        sendResponse({ ok: false, code: 'FRAME_NOT_OPENED', sentence: 'DirectSeal could not open its window here; reload the page and try again.' });
      });
      return true;
    }
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

/** Extension pages have our own scheme; with use_dynamic_url a framed page's host is a per-session id. */
function isExtensionUrl(url: string | undefined): boolean {
  if (!url) return false;
  const own = new URL(browser.runtime.getURL('/'));
  try {
    return new URL(url).protocol === own.protocol;
  } catch {
    return false;
  }
}

/**
 * Only the extension's own pages may talk to the key service. Content scripts run inside webmail pages that
 * an attacker may script, so everything they send is refused. Their `sender.url` is the web page's;
 * `sender.tab` alone does not tell them apart, because the options page also opens in a tab. (Web pages
 * themselves cannot use onMessage at all: the manifest declares no externally_connectable.)
 */
function fromOwnPage(sender: Browser.runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && isExtensionUrl(sender.url);
}

function brokerSender(sender: Browser.runtime.MessageSender): BrokerSender {
  const tabId = sender.tab?.id;
  const frameId = sender.frameId;
  if (sender.id !== browser.runtime.id || tabId === undefined || frameId === undefined || !sender.url) return { kind: 'other' };
  if (isExtensionUrl(sender.url)) return new URL(sender.url).pathname === '/secure.html' ? { kind: 'frame', tabId, frameId } : { kind: 'other' };
  const origin = (sender as { origin?: string }).origin ?? new URL(sender.url).origin;
  return { kind: 'content', tabId, frameId, origin };
}

function forbidden(): Outcome<never> {
  return { ok: false, error: { code: 'FORBIDDEN_SENDER', sentence: 'Web pages may not use DirectSeal keys.' } };
}

/**
 * The DirectSeal frame over the webmail: an extension page in an iframe inside a closed shadow root, so the
 * host page can neither read the frame (other origin) nor restyle our chrome. The frame gets what to show
 * from the background (frame-protocol.ts), never from this window, and its result comes back the same way:
 * nothing is posted where the page's scripts listen. Resolves with the frame's result, or undefined when the
 * user closed it.
 */
import { browser } from 'wxt/browser';
import { isHostDelivery, type BrokerReply, type FrameOutcome, type FrameResult, type FrameStart, type HostDelivery } from '@/utils/frame-protocol';

export type { FrameResult } from '@/utils/frame-protocol';

const STYLE = `
  :host { all: initial; }
  .backdrop { position: fixed; inset: 0; z-index: 2147483646; background: rgb(15 23 42 / 0.45); display: grid; place-items: center; }
  iframe { width: min(760px, 96vw); height: min(820px, 94vh); border: 0; border-radius: 14px; background: #fff;
           box-shadow: 0 24px 64px rgb(0 0 0 / 0.35); }
`;

/**
 * With `handle`, the frame stays open after its result: the content script acts on it (attaches the sealed
 * file to the draft...), tells the frame how that went, and the user closes the frame when done reading.
 */
export type ResultHandler = (result: FrameResult) => Promise<FrameOutcome>;

export async function openFrame(start: FrameStart, signal?: AbortSignal, handle?: ResultHandler): Promise<FrameResult | undefined> {
  const opened = (await browser.runtime.sendMessage({ ds: 'frame.open', start })) as BrokerReply | undefined;
  if (!opened?.ok || !('token' in opened)) throw new Error(opened && !opened.ok ? opened.sentence : 'DirectSeal did not answer; reload the page.');
  const { token } = opened;
  const host = document.createElement('directseal-frame');
  const shadow = host.attachShadow({ mode: 'closed' });
  // DOM calls, not innerHTML: webmails such as Gmail enforce Trusted Types.
  const style = document.createElement('style');
  style.textContent = STYLE;
  const backdrop = Object.assign(document.createElement('div'), { className: 'backdrop' });
  const iframe = Object.assign(document.createElement('iframe'), { title: 'DirectSeal' });
  iframe.setAttribute('allow', 'clipboard-write');
  backdrop.append(iframe);
  shadow.append(style, backdrop);
  iframe.src = browser.runtime.getURL(`/secure.html?view=${start.view}&embed=1#${token}`);
  document.documentElement.append(host);

  return new Promise((resolve) => {
    let handled: FrameResult | undefined;
    const finish = (result: FrameResult | undefined, tellBackground: boolean) => {
      browser.runtime.onMessage.removeListener(onDelivery);
      signal?.removeEventListener('abort', onAbort);
      host.remove();
      if (tellBackground) void browser.runtime.sendMessage({ ds: 'frame.closed', token }).catch(() => undefined);
      resolve(result);
    };
    const onAbort = () => finish(undefined, true);
    // Only the background can send here (runtime messaging); the token picks this frame among several.
    const onDelivery = (message: unknown, _sender: unknown, sendResponse: (outcome: FrameOutcome) => void): boolean => {
      if (!isHostDelivery(message, token)) return false;
      const event: HostDelivery['event'] = message.event;
      if (event.kind === 'close') {
        finish(handled, false);
        sendResponse({ ok: true, message: '' });
        return false;
      }
      if (!handle) {
        finish(event.result, true);
        sendResponse({ ok: true, message: '' });
        return false;
      }
      handled = event.result;
      void handle(event.result)
        .catch((e: unknown) => ({ ok: false, message: e instanceof Error ? e.message : String(e) }))
        .then(sendResponse);
      return true;
    };
    browser.runtime.onMessage.addListener(onDelivery);
    signal?.addEventListener('abort', onAbort);
  });
}

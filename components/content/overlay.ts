/**
 * The DirectSeal frame over the webmail: an extension page in an iframe inside a closed shadow root, so the
 * host page can neither read the frame (other origin) nor restyle our chrome. Resolves with the frame's
 * result, or undefined when the user closed it.
 */
import { browser } from 'wxt/browser';
import { isFrameEvent, type FrameDone, type FrameEvent, type FrameInit } from '@/utils/frame-protocol';

type InitWithoutNonce = FrameInit extends infer T ? (T extends FrameInit ? Omit<T, 'nonce' | 'ds'> : never) : never;
export type FrameResult = Extract<FrameEvent, { ds: 'sealed' } | { ds: 'armored' }>;

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
export type ResultHandler = (result: FrameResult) => Promise<{ ok: boolean; message: string }>;

export function openFrame(init: InitWithoutNonce, signal?: AbortSignal, handle?: ResultHandler): Promise<FrameResult | undefined> {
  const nonce = crypto.randomUUID();
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
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
  iframe.src = browser.runtime.getURL(`/secure.html?view=${init.view}&embed=1#${nonce}`);
  document.documentElement.append(host);

  return new Promise((resolve) => {
    const finish = (result: FrameResult | undefined) => {
      window.removeEventListener('message', onMessage);
      signal?.removeEventListener('abort', onAbort);
      host.remove();
      resolve(result);
    };
    const onAbort = () => finish(undefined);
    let handled: FrameResult | undefined;
    const onMessage = (event: MessageEvent) => {
      // Only our frame, from the extension's origin, with this frame's nonce; the host page can post too.
      if (event.source !== iframe.contentWindow || event.origin !== extensionOrigin || !isFrameEvent(event.data, nonce)) return;
      const data = event.data;
      if (data.ds === 'ready') iframe.contentWindow!.postMessage({ ...init, ds: 'init', nonce }, extensionOrigin);
      else if (data.ds === 'close') finish(handled);
      else if (!handle) finish(data);
      else {
        handled = data;
        void handle(data)
          .catch((e: unknown) => ({ ok: false, message: e instanceof Error ? e.message : String(e) }))
          .then((outcome) => iframe.contentWindow?.postMessage({ ds: 'done', nonce, ...outcome } satisfies FrameDone, extensionOrigin));
      }
    };
    window.addEventListener('message', onMessage);
    signal?.addEventListener('abort', onAbort);
  });
}

/**
 * The DirectSeal frame over the webmail: an extension page in an iframe inside a closed shadow root, so the
 * host page can neither read the frame (other origin) nor restyle our chrome, nor even find its window (an
 * iframe in a shadow root is not among window.frames). The frame gets what to show from the background; this
 * content script and the frame then talk over a MessagePort handed to the frame's window alone
 * (frame-protocol.ts): nothing is posted where the page's scripts listen. Resolves with the frame's result,
 * or undefined when the user closed it.
 */
import { browser } from 'wxt/browser';
import { t } from '@/components/i18n/content-text';
import type { BrokerReply, FrameOutcome, FrameResult, FrameStart, FrameToHost, HostToFrame, PortHandover } from '@/utils/frame-protocol';

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

/** `sealed`: a read frame's message, handed over the port (transferred: the caller's buffer is emptied). */
export async function openFrame(start: FrameStart, options: { sealed?: Uint8Array; signal?: AbortSignal; handle?: ResultHandler } = {}): Promise<FrameResult | undefined> {
  const channelSecret = crypto.randomUUID();
  const opened = (await browser.runtime.sendMessage({ ds: 'frame.open', start, channel: channelSecret })) as BrokerReply | undefined;
  // Refused (the background failed, or a start it cannot take): the user can only reload and try again.
  if (!opened?.ok || !('token' in opened)) throw new Error(t(opened && !opened.ok ? 'webmail.frame.cannotOpen' : 'webmail.frame.noAnswer'));
  const { token } = opened;
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
  const channel = new MessageChannel();
  // To the frame's own window, and only if it holds the extension's origin: the page cannot read this.
  iframe.addEventListener('load', () => iframe.contentWindow?.postMessage({ ds: 'port', secret: channelSecret } satisfies PortHandover, extensionOrigin, [channel.port2]), {
    once: true,
  });
  iframe.src = browser.runtime.getURL(`/secure.html?view=${start.view}&embed=1#${token}`);
  document.documentElement.append(host);
  const port = channel.port1;
  const send = (message: HostToFrame, transfer: Transferable[] = []) => port.postMessage(message, transfer);
  // Queued by the port until the frame takes it.
  if (options.sealed) send({ kind: 'sealed-bytes', bytes: options.sealed }, [options.sealed.buffer as ArrayBuffer]);

  return new Promise((resolve) => {
    let handled: FrameResult | undefined;
    const finish = (result: FrameResult | undefined) => {
      port.close();
      options.signal?.removeEventListener('abort', onAbort);
      // Hidden at once, removed a moment later: the click that closed the frame is still being handled in it.
      // The caller hears of it only then, so the focus it gives back is not taken by the frame's removal.
      host.style.display = 'none';
      void browser.runtime.sendMessage({ ds: 'frame.closed', token }).catch(() => undefined);
      setTimeout(() => {
        host.remove();
        resolve(result);
      }, 50);
    };
    const onAbort = () => finish(undefined);
    port.onmessage = (event: MessageEvent<FrameToHost>) => {
      const message = event.data;
      if (message?.kind === 'close') return finish(handled);
      if (message?.kind !== 'result') return;
      if (!options.handle) return finish(message.result);
      handled = message.result;
      void options
        .handle(message.result)
        .catch((e: unknown) => ({ ok: false, message: e instanceof Error ? e.message : String(e) }))
        .then((outcome) => send({ kind: 'outcome', outcome }));
    };
    options.signal?.addEventListener('abort', onAbort);
  });
}

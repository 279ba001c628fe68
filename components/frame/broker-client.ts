/**
 * The DirectSeal frame's side of the frame protocol (utils/frame-protocol.ts): it asks the background what
 * to show, then takes the private port of the content script that opened it, and nothing else, from the
 * window around it.
 */
import { browser } from 'wxt/browser';
import { t } from '@/components/i18n/current';
import type { MessageId } from '@/utils/i18n';
import { isPortHandover, type BrokerRefusal, type BrokerReply, type FrameStart, type FrameToHost } from '@/utils/frame-protocol';

export class FrameRefused extends Error {
  constructor(readonly sentence: string) {
    super(sentence);
    this.name = 'FrameRefused';
  }
}

/** The broker's refusals in the frame's language, by code (the broker's own sentences are the English source). */
const REFUSALS: Record<BrokerRefusal, MessageId> = {
  FRAME_NOT_OPENED: 'webmail.refusal.notOpened',
  FRAME_FORBIDDEN: 'webmail.refusal.forbidden',
};
const refused = (reply: Extract<BrokerReply, { ok: false }>): FrameRefused =>
  new FrameRefused(Object.hasOwn(REFUSALS, reply.code) ? t(REFUSALS[reply.code]) : reply.sentence);
const noAnswer = () => new FrameRefused(t('webmail.refusal.noAnswer'));
const notHere = () => new FrameRefused(t('webmail.refusal.notHere'));
/** The content script posts the port when the frame has loaded; a frame that never gets it gives up. */
const PORT_WAIT_MS = 15_000;

/** Ports offered by the parent window before the claim came back; collected from the first moment. */
const offered: { data: unknown; port: MessagePort }[] = [];
let onOffer: (() => void) | undefined;

/** Call before anything renders: the port may arrive before the claim is answered. */
export function listenForPort(): void {
  window.addEventListener('message', (event) => {
    // Only from the window that framed us; the secret (from the background) then tells ours from the page's.
    if (event.source !== window.parent || !event.ports[0]) return;
    offered.push({ data: event.data, port: event.ports[0] });
    onOffer?.();
  });
}

/**
 * What this frame was opened for, and the port to its content script. Refused unless a content script of
 * this tab opened it moments ago and no other frame claimed it; and refused here when the page around the
 * frame is not the one that opened it.
 */
export async function connectFrame(token: string): Promise<{ start: FrameStart; port: MessagePort }> {
  const reply = (await browser.runtime.sendMessage({ ds: 'frame.claim', token })) as BrokerReply | undefined;
  if (!reply) throw noAnswer();
  if (!reply.ok) throw refused(reply);
  if (!('start' in reply)) throw noAnswer();
  const port = await portWithSecret(reply.channel);
  // Chromium names the origins around a frame; the session says which one opened it.
  const around = location.ancestorOrigins;
  if (window.parent === window || (around && around[0] !== reply.hostOrigin)) {
    port.postMessage({ kind: 'close' } satisfies FrameToHost);
    throw notHere();
  }
  return { start: reply.start, port };
}

function portWithSecret(secret: string): Promise<MessagePort> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(notHere()), PORT_WAIT_MS);
    const look = () => {
      const found = offered.find((o) => isPortHandover(o.data, secret));
      if (!found) return;
      clearTimeout(timer);
      onOffer = undefined;
      // Any other port offered is the page's: closed unused.
      for (const o of offered.splice(0)) if (o !== found) o.port.close();
      resolve(found.port);
    };
    onOffer = look;
    look();
  });
}

/**
 * The DirectSeal frame's side of the frame protocol (utils/frame-protocol.ts): it asks the background what
 * to show and hands its result back through the background, never through the window around it.
 */
import { browser } from 'wxt/browser';
import type { BrokerReply, FrameOutcome, FrameResult, FrameStart } from '@/utils/frame-protocol';

export class FrameRefused extends Error {
  constructor(readonly sentence: string) {
    super(sentence);
    this.name = 'FrameRefused';
  }
}

async function ask(message: object): Promise<BrokerReply> {
  const reply = (await browser.runtime.sendMessage(message)) as BrokerReply | undefined;
  if (!reply) throw new FrameRefused('DirectSeal did not answer; close this window and try again.');
  if (!reply.ok) throw new FrameRefused(reply.sentence);
  return reply;
}

/**
 * What this frame was opened for, once. Refused unless a content script of this tab opened it moments ago
 * and no other frame claimed it; and refused here when the page around the frame is not the one that did.
 */
export async function claimFrame(token: string): Promise<FrameStart> {
  const reply = await ask({ ds: 'frame.claim', token });
  if (!('start' in reply)) throw new FrameRefused('DirectSeal did not answer; close this window and try again.');
  // Chromium names the origins around a frame; the session says which one opened it.
  const around = location.ancestorOrigins;
  if (window.parent === window || (around && around[0] !== reply.hostOrigin)) {
    void browser.runtime.sendMessage({ ds: 'frame.close', token }).catch(() => undefined);
    throw new FrameRefused('This DirectSeal window is not inside the page that opened it. Close it.');
  }
  return reply.start;
}

export async function sendResult(token: string, result: FrameResult): Promise<FrameOutcome> {
  const reply = await ask({ ds: 'frame.result', token, result });
  return 'outcome' in reply ? reply.outcome : { ok: false, message: 'DirectSeal did not answer.' };
}

export function closeFrame(token: string): void {
  void browser.runtime.sendMessage({ ds: 'frame.close', token }).catch(() => undefined);
}

/**
 * How the DirectSeal frame (secure.html in an iframe over a webmail or EHR page) is opened and how its result
 * reaches the content script that opened it. Nothing travels by window.postMessage: the host page's scripts
 * share the window with our content script and would see (and could forge) every such message. Instead:
 *
 *   content script --frame.open(start)--> background: a session for this tab and frame, and a one-time token
 *   content script puts secure.html#TOKEN in an iframe inside a closed shadow root
 *   frame --frame.claim(TOKEN)--> background: the start, once, to a frame of the same tab (never its parent)
 *   frame --frame.result / frame.close--> background --tabs.sendMessage(frameId)--> that content script only
 *
 * Only ciphertext, addresses the page suggested and the cover note cross to the content script; the frame
 * talks to the key service for everything else.
 */

export type FrameView = 'write' | 'read' | 'field';

/**
 * What the content script asks the frame to show. Recipients come from the host page: they are suggestions,
 * shown as such and set once; bytes are base64 (runtime messaging is JSON).
 */
export type FrameStart =
  | { view: 'write'; provider: string; suggestedRecipients: string[] }
  | { view: 'read'; provider: string; sealed: string; name: string }
  /** `text`: what the user had already typed into the host page's field (the page could read it anyway). */
  | { view: 'field'; provider: string; text?: string };

/** What the frame hands back: never plaintext. */
export type FrameResult =
  /** The sealed message as the attachment to add (DER EnvelopedData, base64), and the cover note for the draft. */
  | { kind: 'sealed'; p7m: string; filename: string; coverSubject: string; coverBody: string; reply: boolean }
  /** For text-only fields: the armored PKCS7 block that replaces the field's text. */
  | { kind: 'armored'; text: string };

/** What the content script did with a result, in words for the user (shown in the frame). */
export interface FrameOutcome {
  ok: boolean;
  message: string;
}

/** Requests to the background's frame broker. */
export type BrokerRequest =
  /** Content script: open a frame for this start. Reply: the token the frame will claim. */
  | { ds: 'frame.open'; start: FrameStart }
  /** Content script: its frame is gone (closed by the page's navigation, or by the user). */
  | { ds: 'frame.closed'; token: string }
  /** Frame: who opened me, and with what? Answered once. */
  | { ds: 'frame.claim'; token: string }
  /** Frame: hand this to the content script that opened me. Reply: its FrameOutcome. */
  | { ds: 'frame.result'; token: string; result: FrameResult }
  /** Frame: the user closed me. */
  | { ds: 'frame.close'; token: string };

export type BrokerReply =
  | { ok: true; token: string }
  | { ok: true; start: FrameStart; hostOrigin: string }
  | { ok: true; outcome: FrameOutcome }
  | { ok: true }
  | { ok: false; code: BrokerRefusal; sentence: string };

export type BrokerRefusal = 'FRAME_NOT_OPENED' | 'FRAME_FORBIDDEN' | 'FRAME_HOST_GONE';

/** Background → the content script that opened the frame (tabs.sendMessage to its own frame only). */
export interface HostDelivery {
  ds: 'frame.deliver';
  token: string;
  event: { kind: 'result'; result: FrameResult } | { kind: 'close' };
}

const BROKER_REQUESTS = new Set(['frame.open', 'frame.closed', 'frame.claim', 'frame.result', 'frame.close']);

export function isBrokerRequest(message: unknown): message is BrokerRequest {
  const ds = (message as { ds?: unknown } | null)?.ds;
  return typeof ds === 'string' && BROKER_REQUESTS.has(ds);
}

export function isHostDelivery(message: unknown, token: string): message is HostDelivery {
  const m = message as { ds?: unknown; token?: unknown } | null;
  return !!m && m.ds === 'frame.deliver' && m.token === token;
}

/** The cover note: says a secure message is attached and how to read it; never the subject or any content. */
export const COVER_SUBJECT = 'Secure message';
export const COVER_BODY = [
  'This email carries a secure Direct message (smime.p7m), signed and encrypted for you.',
  '',
  'To read it, open the attachment with DirectSeal or your Direct/S/MIME mail program.',
].join('\n');

/**
 * How the DirectSeal frame (secure.html in an iframe over a webmail or EHR page) is opened, and how it and the
 * content script that opened it talk. The host page's scripts share the window with our content script and
 * see every message posted to it, so nothing DirectSeal says is posted there:
 *
 *   content script --frame.open(start, channel secret)--> background: a session for this tab and frame, and
 *     a one-time token
 *   content script puts secure.html#TOKEN in an iframe inside a closed shadow root, and posts a MessagePort
 *     with the channel secret to that frame's window only (target origin: the extension's)
 *   frame --frame.claim(TOKEN)--> background: the start and the secret, once, to a frame of the same tab
 *   frame takes the port only from its parent and with that secret; bytes then travel over it as
 *     transferred ArrayBuffers (no JSON, no size cap, no copy)
 *
 * The frame never takes what to show from the window around it. Only ciphertext, addresses the page
 * suggested and the cover note cross to the content script; the frame talks to the key service for the rest.
 */

export type FrameView = 'write' | 'read' | 'field';

/**
 * What the content script asks the frame to show. Recipients come from the host page: they are suggestions,
 * shown as such and set once. A read frame's sealed bytes come over the private port.
 */
export type FrameStart =
  /** `maxAttachmentBytes`: the webmail's own attachment limit, so the frame can say before sealing that it will not fit. */
  /** `suggestedSubject`/`suggestedText`: what was typed into the webmail's own fields (the page could read it).
   *  `replyTo`: the outer subject of the message this compose answers, kept after "Re: " so replies thread. */
  | { view: 'write'; provider: string; suggestedRecipients: string[]; suggestedSubject?: string; suggestedText?: string; maxAttachmentBytes?: number; replyTo?: string }
  /** `outerSubject`: the subject the webmail shows for the message (outside the encryption), for the reply's. */
  /** `intent: 'reply'`: the webmail's "Reply securely" — the frame goes to the reply once the message is verified. */
  | { view: 'read'; provider: string; name: string; maxAttachmentBytes?: number; outerSubject?: string; intent?: 'reply' }
  /** `text`: what the user had already typed into the host page's field (the page could read it anyway). */
  | { view: 'field'; provider: string; text?: string };

/** What the frame hands back: never plaintext. */
export type FrameResult =
  /**
   * The sealed message as the attachment to add (DER EnvelopedData), and the cover note for the draft.
   * `notification`: a delivery notification (MDN), which goes the way of a reply.
   */
  | { kind: 'sealed'; p7m: Uint8Array; filename: string; coverSubject: string; coverBody: string; reply: boolean; notification?: boolean }
  /** For text-only fields: the armored PKCS7 block that replaces the field's text. */
  | { kind: 'armored'; text: string };

/** What the content script did with a result, in words for the user (shown in the frame). */
export interface FrameOutcome {
  ok: boolean;
  message: string;
}

/** Requests to the background's frame broker. */
export type BrokerRequest =
  /** Content script: open a frame for this start; `channel` is the secret its port will carry. */
  | { ds: 'frame.open'; start: FrameStart; channel: string }
  /** Content script: its frame is gone (closed by the user, or the page navigated). */
  | { ds: 'frame.closed'; token: string }
  /** Frame: who opened me, and with what? Answered once. */
  | { ds: 'frame.claim'; token: string };

export type BrokerReply =
  | { ok: true; token: string }
  | { ok: true; start: FrameStart; hostOrigin: string; channel: string }
  | { ok: true }
  | { ok: false; code: BrokerRefusal; sentence: string };

export type BrokerRefusal = 'FRAME_NOT_OPENED' | 'FRAME_FORBIDDEN';

/** Content script → the frame's window only, with the port transferred. */
export interface PortHandover {
  ds: 'port';
  secret: string;
}

/** Over the port, content script → frame. */
export type HostToFrame = { kind: 'sealed-bytes'; bytes: Uint8Array } | { kind: 'outcome'; outcome: FrameOutcome };
/** Over the port, frame → content script. */
export type FrameToHost = { kind: 'result'; result: FrameResult } | { kind: 'close' };

const BROKER_REQUESTS = new Set(['frame.open', 'frame.closed', 'frame.claim']);

export function isBrokerRequest(message: unknown): message is BrokerRequest {
  const ds = (message as { ds?: unknown } | null)?.ds;
  return typeof ds === 'string' && BROKER_REQUESTS.has(ds);
}

export function isPortHandover(data: unknown, secret: string): data is PortHandover {
  const d = data as { ds?: unknown; secret?: unknown } | null;
  return !!d && d.ds === 'port' && typeof d.secret === 'string' && d.secret === secret;
}

/** The cover note: says a secure message is attached and how to read it; never the subject or any content. */
export const COVER_SUBJECT = 'Secure message';
export const COVER_BODY = [
  'This email carries a secure Direct message (smime.p7m), signed and encrypted for you.',
  '',
  'To read it, open the attachment with DirectSeal or your Direct/S/MIME mail program.',
].join('\n');

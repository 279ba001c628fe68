/**
 * The background's frame broker (see frame-protocol.ts): it opens a session when a content script asks for a
 * DirectSeal frame, and gives that session's start and channel secret to exactly one frame of the same tab,
 * soon after. A web page that frames secure.html itself has no session and so gets nothing; a page that
 * forges window messages reaches nobody, because the frame takes nothing from the page.
 *
 * Pure: the background passes in who sent each request (from runtime messaging's MessageSender) and where
 * sessions are kept (storage.session: memory only, and an MV3 worker may be stopped meanwhile).
 */
import type { BrokerRefusal, BrokerReply, BrokerRequest, FrameStart } from './frame-protocol';

/** Who sent a request, as the background classified runtime messaging's sender. */
export type BrokerSender =
  /** One of our content scripts, in a web page's frame. `origin` is that frame's origin. */
  | { kind: 'content'; tabId: number; frameId: number; origin: string }
  /** secure.html in a frame of a tab. */
  | { kind: 'frame'; tabId: number; frameId: number }
  | { kind: 'other' };

export interface FrameSession {
  token: string;
  tabId: number;
  /** The frame whose content script opened the session: the only one results go to. */
  hostFrameId: number;
  hostOrigin: string;
  start: FrameStart;
  /** The secret the content script's port carries: the frame takes that port and no other. */
  channel: string;
  openedAt: number;
  /** The secure.html frame that claimed the session; until then undefined. */
  claimedBy?: number;
}

export interface FrameSessionStore {
  get(token: string): Promise<FrameSession | undefined>;
  put(session: FrameSession): Promise<void>;
  remove(token: string): Promise<void>;
  all(): Promise<FrameSession[]>;
}

export interface BrokerOptions {
  sessions: FrameSessionStore;
  newToken(): string;
  now(): number;
}

/** A frame claims its session as it loads; a token not claimed by then is void. */
export const CLAIM_WITHIN_MS = 60_000;
/** A frame open this long was forgotten (a crashed tab): its session goes at the next open. */
const SESSION_LIFETIME_MS = 24 * 60 * 60_000;

const SENTENCES: Record<BrokerRefusal, string> = {
  FRAME_NOT_OPENED: 'This DirectSeal window was not opened by DirectSeal on this page. Close it, and use the Secure or Open securely button instead.',
  FRAME_FORBIDDEN: 'Only DirectSeal itself may do this.',
};

const refuse = (code: BrokerRefusal): BrokerReply => ({ ok: false, code, sentence: SENTENCES[code] });

export class FrameBroker {
  readonly #o: BrokerOptions;

  constructor(options: BrokerOptions) {
    this.#o = options;
  }

  async handle(request: BrokerRequest, sender: BrokerSender): Promise<BrokerReply> {
    switch (request.ds) {
      case 'frame.open':
        return sender.kind === 'content' ? this.#open(request.start, request.channel, sender) : refuse('FRAME_FORBIDDEN');
      case 'frame.closed':
        return sender.kind === 'content' ? this.#hostClosed(request.token, sender) : refuse('FRAME_FORBIDDEN');
      case 'frame.claim':
        return sender.kind === 'frame' ? this.#claim(request.token, sender) : refuse('FRAME_FORBIDDEN');
      default:
        return refuse('FRAME_FORBIDDEN');
    }
  }

  async #open(start: FrameStart, channel: string, sender: Extract<BrokerSender, { kind: 'content' }>): Promise<BrokerReply> {
    if (!validStart(start) || typeof channel !== 'string' || channel.length < 16) return refuse('FRAME_FORBIDDEN');
    await this.#forgetStale();
    const token = this.#o.newToken();
    await this.#o.sessions.put({ token, tabId: sender.tabId, hostFrameId: sender.frameId, hostOrigin: sender.origin, start, channel, openedAt: this.#o.now() });
    return { ok: true, token };
  }

  async #hostClosed(token: string, sender: Extract<BrokerSender, { kind: 'content' }>): Promise<BrokerReply> {
    const session = await this.#o.sessions.get(token);
    if (session && session.tabId === sender.tabId && session.hostFrameId === sender.frameId) await this.#o.sessions.remove(token);
    return { ok: true };
  }

  /**
   * Once, to a secure.html frame of the tab that opened the session, soon after it was opened. The frame then
   * checks for itself that the page around it is the session's host origin.
   */
  async #claim(token: string, sender: Extract<BrokerSender, { kind: 'frame' }>): Promise<BrokerReply> {
    const session = await this.#o.sessions.get(token);
    const fresh = session && this.#o.now() - session.openedAt <= CLAIM_WITHIN_MS;
    if (!session || !fresh || session.claimedBy !== undefined || session.tabId !== sender.tabId || session.hostFrameId === sender.frameId) {
      return refuse('FRAME_NOT_OPENED');
    }
    await this.#o.sessions.put({ ...session, claimedBy: sender.frameId });
    return { ok: true, start: session.start, hostOrigin: session.hostOrigin, channel: session.channel };
  }

  async #forgetStale(): Promise<void> {
    const now = this.#o.now();
    for (const s of await this.#o.sessions.all()) {
      const unclaimedTooLong = s.claimedBy === undefined && now - s.openedAt > CLAIM_WITHIN_MS;
      if (unclaimedTooLong || now - s.openedAt > SESSION_LIFETIME_MS) await this.#o.sessions.remove(s.token);
    }
  }
}

function validStart(start: FrameStart | undefined): boolean {
  if (!start || typeof start.provider !== 'string') return false;
  switch (start.view) {
    case 'write':
      return (
        Array.isArray(start.suggestedRecipients) &&
        start.suggestedRecipients.every((r) => typeof r === 'string') &&
        [start.suggestedSubject, start.suggestedText, start.replyTo].every((s) => s === undefined || typeof s === 'string')
      );
    case 'read':
      return (
        typeof start.name === 'string' &&
        (start.outerSubject === undefined || typeof start.outerSubject === 'string') &&
        (start.intent === undefined || start.intent === 'reply')
      );
    case 'field':
      return start.text === undefined || typeof start.text === 'string';
    default:
      return false;
  }
}

/** Sessions in memory: for tests, and where the browser has no storage.session. */
export function memorySessionStore(): FrameSessionStore {
  const map = new Map<string, FrameSession>();
  return {
    get: async (t) => map.get(t),
    put: async (s) => void map.set(s.token, s),
    remove: async (t) => void map.delete(t),
    all: async () => [...map.values()],
  };
}

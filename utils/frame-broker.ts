/**
 * The background's frame broker (see frame-protocol.ts): it opens a session when a content script asks for a
 * DirectSeal frame, gives that session's start to exactly one frame of the same tab, and relays the frame's
 * result to the content script that opened it. A web page that frames secure.html itself has no session and
 * so gets nothing; a page that forges window messages reaches nobody, because nobody listens to them.
 *
 * Pure: the background passes in who sent each request (from runtime messaging's MessageSender), where
 * sessions are kept (storage.session: an MV3 worker may be stopped while the user writes) and how to reach a
 * content script.
 */
import type { BrokerRefusal, BrokerReply, BrokerRequest, FrameOutcome, FrameStart, HostDelivery } from './frame-protocol';

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

export interface HostChannel {
  /** Delivers to the content script of one frame of one tab; rejects when it is gone. */
  deliver(tabId: number, frameId: number, message: HostDelivery): Promise<unknown>;
}

export interface BrokerOptions {
  sessions: FrameSessionStore;
  host: HostChannel;
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
  FRAME_HOST_GONE: 'The page that opened this DirectSeal window has gone away; reload it and try again.',
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
        return sender.kind === 'content' ? this.#open(request.start, sender) : refuse('FRAME_FORBIDDEN');
      case 'frame.closed':
        return sender.kind === 'content' ? this.#hostClosed(request.token, sender) : refuse('FRAME_FORBIDDEN');
      case 'frame.claim':
        return sender.kind === 'frame' ? this.#claim(request.token, sender) : refuse('FRAME_FORBIDDEN');
      case 'frame.result':
        return sender.kind === 'frame' ? this.#relay(request.token, sender, { kind: 'result', result: request.result }) : refuse('FRAME_FORBIDDEN');
      case 'frame.close':
        return sender.kind === 'frame' ? this.#relay(request.token, sender, { kind: 'close' }) : refuse('FRAME_FORBIDDEN');
    }
  }

  async #open(start: FrameStart, sender: Extract<BrokerSender, { kind: 'content' }>): Promise<BrokerReply> {
    if (!validStart(start)) return refuse('FRAME_FORBIDDEN');
    await this.#forgetStale();
    const token = this.#o.newToken();
    await this.#o.sessions.put({ token, tabId: sender.tabId, hostFrameId: sender.frameId, hostOrigin: sender.origin, start, openedAt: this.#o.now() });
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
    return { ok: true, start: session.start, hostOrigin: session.hostOrigin };
  }

  async #relay(token: string, sender: Extract<BrokerSender, { kind: 'frame' }>, event: HostDelivery['event']): Promise<BrokerReply> {
    const session = await this.#o.sessions.get(token);
    if (!session || session.claimedBy !== sender.frameId || session.tabId !== sender.tabId) return refuse('FRAME_NOT_OPENED');
    if (event.kind === 'close') await this.#o.sessions.remove(token);
    let answer: unknown;
    try {
      answer = await this.#o.host.deliver(session.tabId, session.hostFrameId, { ds: 'frame.deliver', token, event });
    } catch {
      await this.#o.sessions.remove(token);
      return refuse('FRAME_HOST_GONE');
    }
    if (event.kind === 'close') return { ok: true };
    return { ok: true, outcome: isOutcome(answer) ? answer : { ok: false, message: SENTENCES.FRAME_HOST_GONE } };
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
      return Array.isArray(start.suggestedRecipients) && start.suggestedRecipients.every((r) => typeof r === 'string');
    case 'read':
      return typeof start.sealed === 'string' && typeof start.name === 'string';
    case 'field':
      return start.text === undefined || typeof start.text === 'string';
    default:
      return false;
  }
}

function isOutcome(x: unknown): x is FrameOutcome {
  const o = x as FrameOutcome | null;
  return !!o && typeof o.ok === 'boolean' && typeof o.message === 'string';
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

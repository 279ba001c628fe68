/**
 * The frame broker (utils/frame-broker.ts): a DirectSeal frame gets its start, and the secret of the port it
 * may take, only from a session a content script of its own tab opened, once, and soon. Each refusal here is
 * an attack a hostile page tried in a real browser (test/e2e/hostile-frame.test.ts plays them there).
 */
import { describe, expect, it } from 'vitest';
import { CLAIM_WITHIN_MS, FrameBroker, memorySessionStore, type BrokerSender } from '../../../utils/frame-broker';
import type { BrokerReply, FrameStart } from '../../../utils/frame-protocol';

const WEBMAIL: BrokerSender = { kind: 'content', tabId: 7, frameId: 0, origin: 'https://mail.example.test' };
const FRAME: BrokerSender = { kind: 'frame', tabId: 7, frameId: 3 };
const WRITE: FrameStart = { view: 'write', provider: 'gmail', suggestedRecipients: ['pat@patient.test'] };
const CHANNEL = 'channel-secret-0123456789abcdef';

function setup() {
  let clock = 1_000_000;
  let tokens = 0;
  const broker = new FrameBroker({ sessions: memorySessionStore(), newToken: () => `token-${++tokens}`, now: () => clock });
  return {
    broker,
    tick: (ms: number) => (clock += ms),
    async open(start: FrameStart = WRITE, sender: BrokerSender = WEBMAIL): Promise<string> {
      const r = await broker.handle({ ds: 'frame.open', start, channel: CHANNEL }, sender);
      if (!r.ok || !('token' in r)) throw new Error(JSON.stringify(r));
      return r.token;
    },
  };
}

const refused = (r: BrokerReply) => (r.ok ? 'ok' : r.code);

describe('frame broker', () => {
  it('gives the start and the port secret to a frame of the same tab, with the origin of the page that opened it', async () => {
    const t = setup();
    const token = await t.open();
    expect(await t.broker.handle({ ds: 'frame.claim', token }, FRAME)).toEqual({ ok: true, start: WRITE, hostOrigin: 'https://mail.example.test', channel: CHANNEL });
  });

  it('answers a claim once: a second frame (or the page re-framing secure.html) gets nothing', async () => {
    const t = setup();
    const token = await t.open();
    await t.broker.handle({ ds: 'frame.claim', token }, FRAME);
    expect(refused(await t.broker.handle({ ds: 'frame.claim', token }, { kind: 'frame', tabId: 7, frameId: 9 }))).toBe('FRAME_NOT_OPENED');
    expect(refused(await t.broker.handle({ ds: 'frame.claim', token }, FRAME))).toBe('FRAME_NOT_OPENED');
  });

  it('refuses a token nobody opened, a frame of another tab, the opening frame itself, and a claim that comes too late', async () => {
    const t = setup();
    expect(refused(await t.broker.handle({ ds: 'frame.claim', token: 'guessed' }, FRAME))).toBe('FRAME_NOT_OPENED');
    const token = await t.open();
    expect(refused(await t.broker.handle({ ds: 'frame.claim', token }, { kind: 'frame', tabId: 8, frameId: 3 }))).toBe('FRAME_NOT_OPENED');
    expect(refused(await t.broker.handle({ ds: 'frame.claim', token }, { kind: 'frame', tabId: 7, frameId: 0 }))).toBe('FRAME_NOT_OPENED');
    t.tick(CLAIM_WITHIN_MS + 1);
    expect(refused(await t.broker.handle({ ds: 'frame.claim', token }, FRAME))).toBe('FRAME_NOT_OPENED');
  });

  it('lets only content scripts open sessions and only secure.html frames claim them', async () => {
    const t = setup();
    expect(refused(await t.broker.handle({ ds: 'frame.open', start: WRITE, channel: CHANNEL }, FRAME))).toBe('FRAME_FORBIDDEN');
    expect(refused(await t.broker.handle({ ds: 'frame.open', start: WRITE, channel: CHANNEL }, { kind: 'other' }))).toBe('FRAME_FORBIDDEN');
    const token = await t.open();
    expect(refused(await t.broker.handle({ ds: 'frame.claim', token }, WEBMAIL))).toBe('FRAME_FORBIDDEN');
    expect(refused(await t.broker.handle({ ds: 'frame.claim', token }, { kind: 'other' }))).toBe('FRAME_FORBIDDEN');
  });

  it('refuses a malformed start or a guessable channel secret', async () => {
    const t = setup();
    const bad = { view: 'write', provider: 'gmail', suggestedRecipients: [{ toString: () => 'x' }] } as unknown as FrameStart;
    expect(refused(await t.broker.handle({ ds: 'frame.open', start: bad, channel: CHANNEL }, WEBMAIL))).toBe('FRAME_FORBIDDEN');
    expect(refused(await t.broker.handle({ ds: 'frame.open', start: { view: 'admin' } as unknown as FrameStart, channel: CHANNEL }, WEBMAIL))).toBe('FRAME_FORBIDDEN');
    expect(refused(await t.broker.handle({ ds: 'frame.open', start: WRITE, channel: '1' }, WEBMAIL))).toBe('FRAME_FORBIDDEN');
    const read = { view: 'read', provider: 'roundcube', name: 'smime.p7m' };
    for (const start of [{ ...read, intent: 'delete' }, { ...read, outerSubject: 42 }, { ...WRITE, replyTo: ['x'] }]) {
      expect(refused(await t.broker.handle({ ds: 'frame.open', start: start as unknown as FrameStart, channel: CHANNEL }, WEBMAIL))).toBe('FRAME_FORBIDDEN');
    }
    expect((await t.broker.handle({ ds: 'frame.open', start: { ...read, intent: 'reply', outerSubject: 'Secure message' } as FrameStart, channel: CHANNEL }, WEBMAIL)).ok).toBe(true);
  });

  it('forgets a session its own content script closed, but not when another frame says so', async () => {
    const t = setup();
    const token = await t.open();
    await t.broker.handle({ ds: 'frame.closed', token }, { ...WEBMAIL, frameId: 5 } as BrokerSender);
    expect((await t.broker.handle({ ds: 'frame.claim', token }, FRAME)).ok).toBe(true);
    const other = await t.open();
    await t.broker.handle({ ds: 'frame.closed', token: other }, WEBMAIL);
    expect(refused(await t.broker.handle({ ds: 'frame.claim', token: other }, FRAME))).toBe('FRAME_NOT_OPENED');
  });

  it('drops sessions nobody claimed in time when the next one opens', async () => {
    const sessions = memorySessionStore();
    let clock = 0;
    const broker = new FrameBroker({ sessions, newToken: () => `t${clock}`, now: () => clock });
    await broker.handle({ ds: 'frame.open', start: WRITE, channel: CHANNEL }, WEBMAIL);
    clock += CLAIM_WITHIN_MS + 1;
    await broker.handle({ ds: 'frame.open', start: WRITE, channel: CHANNEL }, WEBMAIL);
    expect((await sessions.all()).map((s) => s.token)).toEqual([`t${clock}`]);
  });
});

/**
 * The frame broker (utils/frame-broker.ts): a DirectSeal frame gets its start only from a session a content
 * script of its own tab opened, once, and its result reaches only that content script. Each refusal here is
 * an attack a hostile page tried in a real browser (test/e2e/hostile-frame.test.ts plays them there).
 */
import { describe, expect, it } from 'vitest';
import { CLAIM_WITHIN_MS, FrameBroker, memorySessionStore, type BrokerSender } from '../../../utils/frame-broker';
import type { BrokerReply, FrameStart, HostDelivery } from '../../../utils/frame-protocol';

const WEBMAIL: BrokerSender = { kind: 'content', tabId: 7, frameId: 0, origin: 'https://mail.example.test' };
const FRAME: BrokerSender = { kind: 'frame', tabId: 7, frameId: 3 };
const WRITE: FrameStart = { view: 'write', provider: 'gmail', suggestedRecipients: ['pat@patient.test'] };

function setup() {
  let clock = 1_000_000;
  const delivered: { tabId: number; frameId: number; message: HostDelivery }[] = [];
  let answer: unknown = { ok: true, message: 'Attached.' };
  let tokens = 0;
  const broker = new FrameBroker({
    sessions: memorySessionStore(),
    host: {
      deliver: async (tabId, frameId, message) => {
        delivered.push({ tabId, frameId, message });
        if (answer instanceof Error) throw answer;
        return answer;
      },
    },
    newToken: () => `token-${++tokens}`,
    now: () => clock,
  });
  return {
    broker,
    delivered,
    answer: (a: unknown) => (answer = a),
    tick: (ms: number) => (clock += ms),
    async open(start: FrameStart = WRITE, sender: BrokerSender = WEBMAIL): Promise<string> {
      const r = await broker.handle({ ds: 'frame.open', start }, sender);
      if (!r.ok || !('token' in r)) throw new Error(JSON.stringify(r));
      return r.token;
    },
  };
}

const refused = (r: BrokerReply) => (r.ok ? 'ok' : r.code);

describe('frame broker', () => {
  it('gives the start to a frame of the same tab, with the origin of the page that opened it', async () => {
    const t = setup();
    const token = await t.open();
    expect(await t.broker.handle({ ds: 'frame.claim', token }, FRAME)).toEqual({ ok: true, start: WRITE, hostOrigin: 'https://mail.example.test' });
  });

  it('answers a claim once: a second frame (or the page re-framing secure.html) gets nothing', async () => {
    const t = setup();
    const token = await t.open();
    await t.broker.handle({ ds: 'frame.claim', token }, FRAME);
    expect(refused(await t.broker.handle({ ds: 'frame.claim', token }, { kind: 'frame', tabId: 7, frameId: 9 }))).toBe('FRAME_NOT_OPENED');
    expect(refused(await t.broker.handle({ ds: 'frame.claim', token }, FRAME))).toBe('FRAME_NOT_OPENED');
  });

  it('refuses a token nobody opened, a frame of another tab, and a claim that comes too late', async () => {
    const t = setup();
    expect(refused(await t.broker.handle({ ds: 'frame.claim', token: 'guessed' }, FRAME))).toBe('FRAME_NOT_OPENED');
    const token = await t.open();
    expect(refused(await t.broker.handle({ ds: 'frame.claim', token }, { kind: 'frame', tabId: 8, frameId: 3 }))).toBe('FRAME_NOT_OPENED');
    t.tick(CLAIM_WITHIN_MS + 1);
    expect(refused(await t.broker.handle({ ds: 'frame.claim', token }, FRAME))).toBe('FRAME_NOT_OPENED');
  });

  it('lets only content scripts open sessions and only frames claim them', async () => {
    const t = setup();
    expect(refused(await t.broker.handle({ ds: 'frame.open', start: WRITE }, FRAME))).toBe('FRAME_FORBIDDEN');
    expect(refused(await t.broker.handle({ ds: 'frame.open', start: WRITE }, { kind: 'other' }))).toBe('FRAME_FORBIDDEN');
    const token = await t.open();
    expect(refused(await t.broker.handle({ ds: 'frame.claim', token }, WEBMAIL))).toBe('FRAME_FORBIDDEN');
    expect(refused(await t.broker.handle({ ds: 'frame.result', token, result: { kind: 'armored', text: 'x' } }, WEBMAIL))).toBe('FRAME_FORBIDDEN');
  });

  it('refuses a malformed start', async () => {
    const t = setup();
    const bad = { view: 'write', provider: 'gmail', suggestedRecipients: [{ toString: () => 'x' }] } as unknown as FrameStart;
    expect(refused(await t.broker.handle({ ds: 'frame.open', start: bad }, WEBMAIL))).toBe('FRAME_FORBIDDEN');
    expect(refused(await t.broker.handle({ ds: 'frame.open', start: { view: 'admin' } as unknown as FrameStart }, WEBMAIL))).toBe('FRAME_FORBIDDEN');
  });

  it('relays the claiming frame\'s result to the opening frame only, and the content script\'s answer back', async () => {
    const t = setup();
    const token = await t.open();
    await t.broker.handle({ ds: 'frame.claim', token }, FRAME);
    const result = { kind: 'sealed', p7m: 'MIIB', filename: 'smime.p7m', coverSubject: 's', coverBody: 'b', reply: false } as const;
    expect(await t.broker.handle({ ds: 'frame.result', token, result }, FRAME)).toEqual({ ok: true, outcome: { ok: true, message: 'Attached.' } });
    expect(t.delivered).toEqual([{ tabId: 7, frameId: 0, message: { ds: 'frame.deliver', token, event: { kind: 'result', result } } }]);
    // Another frame of the tab (the page's own copy of secure.html) cannot speak for it.
    expect(refused(await t.broker.handle({ ds: 'frame.result', token, result }, { kind: 'frame', tabId: 7, frameId: 4 }))).toBe('FRAME_NOT_OPENED');
    expect(t.delivered).toHaveLength(1);
  });

  it('closes: the content script is told, and the session is gone', async () => {
    const t = setup();
    const token = await t.open();
    await t.broker.handle({ ds: 'frame.claim', token }, FRAME);
    expect(await t.broker.handle({ ds: 'frame.close', token }, FRAME)).toEqual({ ok: true });
    expect(t.delivered.at(-1)?.message.event).toEqual({ kind: 'close' });
    expect(refused(await t.broker.handle({ ds: 'frame.close', token }, FRAME))).toBe('FRAME_NOT_OPENED');
  });

  it('says the page is gone when the content script cannot be reached', async () => {
    const t = setup();
    const token = await t.open();
    await t.broker.handle({ ds: 'frame.claim', token }, FRAME);
    t.answer(new Error('Could not establish connection. Receiving end does not exist.'));
    expect(refused(await t.broker.handle({ ds: 'frame.result', token, result: { kind: 'armored', text: 'x' } }, FRAME))).toBe('FRAME_HOST_GONE');
  });

  it('forgets a session its content script closed, but not one of another frame', async () => {
    const t = setup();
    const token = await t.open();
    await t.broker.handle({ ds: 'frame.closed', token }, { ...WEBMAIL, frameId: 5 } as BrokerSender);
    expect((await t.broker.handle({ ds: 'frame.claim', token }, FRAME)).ok).toBe(true);
    const other = await t.open();
    await t.broker.handle({ ds: 'frame.closed', token: other }, WEBMAIL);
    expect(refused(await t.broker.handle({ ds: 'frame.claim', token: other }, FRAME))).toBe('FRAME_NOT_OPENED');
  });
});

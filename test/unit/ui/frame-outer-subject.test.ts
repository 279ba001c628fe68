// @vitest-environment happy-dom
/**
 * The webmail frame (entrypoints/secure/EmbeddedFrame.tsx) shows the compose only once it knows the practice's
 * outgoing-mail settings: the outer subject under Subject is the practice's from the first moment it shows. It
 * used to show the standard subject until the settings arrived, when the frame's start came first (the e2e tests
 * of Roundcube and the Gmail fixture read it right after the form appeared). Here the frame's start comes at once
 * and the settings only when the test answers them.
 */
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';

const PRACTICE_SUBJECT = 'Secure message from Lakeside Family Practice';

const service = vi.hoisted(() => {
  let answer!: (settings: object) => void;
  let refuse!: () => void;
  let outgoing!: Promise<object>;
  const ask = () => (outgoing = new Promise<object>((r, no) => ((answer = r), (refuse = () => no(new Error('no receiver'))))));
  ask();
  return {
    answerOutgoing: (settings: object) => answer(settings),
    refuseOutgoing: () => refuse(),
    /** The next frame asks afresh (each test its own answer). */
    reset: ask,
    browser: {
      runtime: {
        // Only the settings are answered (when the test says); the frame's other requests stay unanswered.
        sendMessage: (m: { type: string }) =>
          m.type === 'outgoing.get' ? outgoing.then((value) => ({ ok: true, value })) : new Promise(() => undefined),
        getURL: (path: string) => `chrome-extension://directseal${path}`,
      },
      storage: { local: { get: async () => ({}) }, onChanged: { addListener: () => undefined } },
    },
  };
});
vi.mock('wxt/browser', () => ({ browser: service.browser }));
vi.mock('../../../components/crypto/bulk', () => ({ prewarm: () => undefined, sealDraft: vi.fn(), openSealed: vi.fn(), sealNotification: vi.fn() }));
vi.mock('../../../components/frame/broker-client', () => ({
  FrameRefused: class extends Error {},
  connectFrame: async () => ({
    start: { view: 'write', provider: 'gmail', suggestedRecipients: ['pat@patient.test'] },
    port: new MessageChannel().port1,
  }),
}));

const { EmbeddedFrame, OUTGOING_WAIT_MS } = await import('../../../entrypoints/secure/EmbeddedFrame');
const { DEFAULT_OUTGOING, outerSubject } = await import('../../../utils/direct/outer-subject');

afterEach(() => {
  render(null, document.body);
  vi.useRealTimers();
  service.reset();
});

const formShown = () => document.querySelector('form')?.getAttribute('aria-label') === 'Write a secure message';

/** The outer subject's text the first time it is in the page. */
function firstOuterSubject(root: Element): Promise<string> {
  return new Promise((resolve) => {
    const seen = new MutationObserver(() => {
      const shown = root.querySelector('[data-testid="outer-subject"]');
      if (!shown) return;
      seen.disconnect();
      resolve(shown.textContent ?? '');
    });
    seen.observe(root, { childList: true, subtree: true, characterData: true });
  });
}

describe('the webmail frame', () => {
  it("shows the practice's outer subject from the first moment, not the standard one until the settings arrive", async () => {
    const first = firstOuterSubject(document.body);
    await act(() => render(h(EmbeddedFrame, {}), document.body));
    // The frame's start has come: let it show whatever it shows before the settings.
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    await act(() => service.answerOutgoing({ practice: 'Lakeside Family Practice', phone: '', subjectTemplate: 'Secure message from {practice}', coverNote: '', readerLink: '', coverLanguage: 'auto' }));
    expect(await first).toContain(PRACTICE_SUBJECT);
    expect(document.querySelector('form')?.getAttribute('aria-label')).toBe('Write a secure message');
  });

  it('goes on with the standard settings when they cannot be read', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const first = firstOuterSubject(document.body);
    await act(() => render(h(EmbeddedFrame, {}), document.body));
    await act(async () => service.refuseOutgoing());
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(formShown()).toBe(true);
    expect(await first).toContain(outerSubject(DEFAULT_OUTGOING, { locales: ['en'] }));
  });

  it('does not stay on "Connecting" when the background never answers: the standard settings after a while', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await act(() => render(h(EmbeddedFrame, {}), document.body));
    await act(async () => void (await vi.advanceTimersByTimeAsync(OUTGOING_WAIT_MS - 100)));
    expect(formShown()).toBe(false);
    await act(async () => void (await vi.advanceTimersByTimeAsync(200)));
    expect(formShown()).toBe(true);
  });
});

// @vitest-environment happy-dom
/**
 * How views of the key service's lists share requests (components/ui/shared-requests.ts, data.ts): asked at
 * the same time, one request; asked after it answered or after a change, a new one; and a view never shows
 * an answer older than the one it already has.
 */
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sharedRequests } from '../../../components/ui/shared-requests';

/** A request the test answers when it wants to. */
interface Asked {
  type: string;
  answer(value: unknown): void;
  refuse(sentence: string): void;
}

const background = vi.hoisted(() => {
  const asked: Asked[] = [];
  return {
    asked,
    browser: {
      runtime: {
        sendMessage: (message: { type: string }) =>
          new Promise((resolve) => {
            asked.push({
              type: message.type,
              answer: (value) => resolve({ ok: true, value }),
              refuse: (sentence) => resolve({ ok: false, error: { code: 'NOT_FOUND', sentence } }),
            });
          }),
      },
    },
  };
});
vi.mock('wxt/browser', () => ({ browser: background.browser }));

const { dataChanged, useServiceList } = await import('../../../components/ui/data');

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('sharedRequests', () => {
  it('sends one request for a key asked for while one is on its way, and a new one once it answered', async () => {
    const sent: string[] = [];
    const answers = [deferred<string>(), deferred<string>()];
    const requests = sharedRequests((key: string) => (sent.push(key), answers[sent.length - 1]!.promise));
    const first = requests.get('a');
    const second = requests.get('a');
    expect(sent).toEqual(['a']);
    answers[0]!.resolve('one');
    expect([await first, await second]).toEqual(['one', 'one']);
    const third = requests.get('a');
    expect(sent).toEqual(['a', 'a']);
    answers[1]!.resolve('two');
    expect(await third).toBe('two');
  });

  it('keeps keys apart, shares a refusal, and sends anew after forget', async () => {
    const sent: string[] = [];
    const answers = new Map<string, ReturnType<typeof deferred<string>>>();
    const requests = sharedRequests((key: string) => {
      sent.push(key);
      const answer = deferred<string>();
      answers.set(`${key}${sent.length}`, answer);
      return answer.promise;
    });
    const a = [requests.get('a'), requests.get('a')];
    const b = requests.get('b');
    expect(sent).toEqual(['a', 'b']);
    requests.forget();
    const later = requests.get('a');
    const laterB = requests.get('b');
    expect(sent).toEqual(['a', 'b', 'a', 'b']);
    answers.get('a1')!.reject(new Error('refused'));
    for (const p of a) await expect(p).rejects.toThrow('refused');
    // The forgotten request answering does not drop the newer one, still on its way: it is joined.
    const joining = requests.get('a');
    expect(sent).toEqual(['a', 'b', 'a', 'b']);
    answers.get('a3')!.resolve('fresh');
    answers.get('b2')!.resolve('b');
    answers.get('b4')!.resolve('fresh b');
    expect([await later, await joining, await b, await laterB]).toEqual(['fresh', 'fresh', 'b', 'fresh b']);
  });
});

describe('useServiceList', () => {
  afterEach(() => render(null, document.body));

  function Anchors({ name }: { name: string }) {
    const { data } = useServiceList('anchors.list');
    const shown = data.state === 'ready' ? (data.value as unknown as string[]).join(',') : data.state === 'failed' ? `failed: ${data.error}` : 'loading';
    return h('p', { id: name }, shown);
  }
  const shown = (name: string) => document.getElementById(name)?.textContent;
  // Answers travel through promises only: past one macrotask every one of them has arrived, then act renders.
  const flush = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

  it('views mounted together share one request and show the same answer', async () => {
    background.asked.length = 0;
    await act(() => render(h('div', null, h(Anchors, { name: 'one' }), h(Anchors, { name: 'two' })), document.body));
    expect(background.asked.map((a) => a.type)).toEqual(['anchors.list']);
    background.asked[0]!.answer(['ca-1']);
    await flush();
    expect([shown('one'), shown('two')]).toEqual(['ca-1', 'ca-1']);
  });

  it('a change sends anew, and the answer from before it never replaces the newer one', async () => {
    background.asked.length = 0;
    await act(() => render(h('div', null, h(Anchors, { name: 'one' }), h(Anchors, { name: 'two' })), document.body));
    const before = background.asked[0]!;
    await act(() => dataChanged());
    expect(background.asked.map((a) => a.type)).toEqual(['anchors.list', 'anchors.list']);
    background.asked[1]!.answer(['ca-1', 'ca-2']);
    await flush();
    before.answer(['ca-1']);
    await flush();
    expect([shown('one'), shown('two')]).toEqual(['ca-1,ca-2', 'ca-1,ca-2']);
  });

  it('a refusal reaches every view that asked', async () => {
    background.asked.length = 0;
    await act(() => render(h('div', null, h(Anchors, { name: 'one' }), h(Anchors, { name: 'two' })), document.body));
    background.asked[0]!.refuse('gone');
    await flush();
    expect(background.asked).toHaveLength(1);
    expect(shown('one')).toMatch(/^failed: /);
    expect(shown('two')).toBe(shown('one'));
  });
});

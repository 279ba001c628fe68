// @vitest-environment happy-dom
/**
 * Options sections whose stored value arrives after the page shows: what the user did meanwhile is kept, and a
 * change made elsewhere (another tab, another page) is followed. The security phrase typed before the stored
 * one arrived was overwritten by it; the language radio showed the choice read at load and never a later one.
 */
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { until } from '../../support/until';

type Listener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;
const fake = vi.hoisted(() => {
  const state = {
    stored: {} as Record<string, unknown>,
    listeners: [] as Listener[],
    /** The key service's answers wait for this (the background slow to answer at page start). */
    gate: Promise.resolve() as Promise<void>,
    indicator: { phrase: 'quiet lantern', color: 'teal' },
    answered: 0,
  };
  const browser = {
    runtime: {
      sendMessage: async (message: { type: string }) => {
        await state.gate;
        state.answered++;
        if (message.type === 'indicator.get') return { ok: true, value: state.indicator };
        return { ok: false, error: { code: 'INTERNAL', sentence: `not faked: ${message.type}` } };
      },
      getURL: (path: string) => `chrome-extension://directseal${path}`,
    },
    storage: {
      local: {
        get: async (key: string) => ({ [key]: state.stored[key] }),
        set: async (items: Record<string, unknown>) => {
          Object.assign(state.stored, items);
          for (const l of state.listeners) l(Object.fromEntries(Object.entries(items).map(([k, v]) => [k, { newValue: v }])), 'local');
        },
      },
      onChanged: {
        addListener: (l: Listener) => state.listeners.push(l),
        removeListener: (l: Listener) => (state.listeners = state.listeners.filter((x) => x !== l)),
      },
    },
  };
  return { state, browser };
});
vi.mock('wxt/browser', () => ({ browser: fake.browser }));

const { IndicatorSection } = await import('../../../components/indicator/IndicatorSection');
const { LanguageSection } = await import('../../../components/i18n/LanguageSection');
const { startLocale } = await import('../../../components/i18n/setting');

afterEach(() => render(null, document.body));

/** The key service answered once more than `asked`, and the page has rendered (and run its effects on) that answer. */
async function storedShown(asked: number): Promise<void> {
  await until(() => expect(fake.state.answered).toBe(asked + 1));
  for (let i = 0; i < 5; i++) await act(() => new Promise<void>((r) => setTimeout(r, 0)));
}

const checked = (name: string) => document.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value;

describe('a stored setting that arrives late', () => {
  it('the security phrase and colour chosen before the stored ones arrived are kept', async () => {
    let answer!: () => void;
    fake.state.gate = new Promise((r) => (answer = r));
    await act(() => render(h(IndicatorSection, {}), document.body));
    const phrase = document.querySelector<HTMLInputElement>('input[type="text"]')!;
    await act(() => {
      phrase.value = 'green otter';
      phrase.dispatchEvent(new Event('input', { bubbles: true }));
      document.querySelector<HTMLInputElement>('input[name="indicator-color"][value="plum"]')!.click();
    });
    const asked = fake.state.answered;
    await act(async () => answer());
    await storedShown(asked);
    expect(phrase.value).toBe('green otter');
    expect(checked('indicator-color')).toBe('plum');
  });

  it('the phrase stored, untouched, fills the field', async () => {
    fake.state.gate = Promise.resolve();
    const asked = fake.state.answered;
    await act(() => render(h(IndicatorSection, {}), document.body));
    await storedShown(asked);
    expect(document.querySelector<HTMLInputElement>('input[type="text"]')!.value).toBe('quiet lantern');
    expect(checked('indicator-color')).toBe('teal');
  });

  it('the language choice follows a change made in another tab, automatic included', async () => {
    fake.state.stored.locale = 'en';
    await startLocale(); // as every page does before its first render
    await act(() => render(h(LanguageSection, {}), document.body));
    expect(checked('language')).toBe('en');
    // Automatic in an English browser is the same locale as English: the setting is still told apart.
    await act(() => fake.browser.storage.local.set({ locale: 'auto' })); // Options in another tab
    expect(document.documentElement.lang).toBe('en');
    expect(checked('language')).toBe('auto');
    await act(() => fake.browser.storage.local.set({ locale: 'es' }));
    expect(checked('language')).toBe('es');
  });
});

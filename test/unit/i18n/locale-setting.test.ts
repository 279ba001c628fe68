/**
 * Following the language setting: the stored choice first, then every change; and a change made while the stored
 * choice is being read is not lost (the page would stay in the old language).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;
const storage = {
  stored: {} as Record<string, unknown>,
  listeners: [] as Listener[],
  /** When set, get() waits for it: the read is "on its way". */
  gate: undefined as Promise<void> | undefined,
};
const browser = {
  storage: {
    local: {
      async get(key: string) {
        const value = storage.stored[key]; // read now, answered later (as the browser process does)
        await storage.gate;
        return { [key]: value };
      },
    },
    onChanged: {
      addListener: (l: Listener) => storage.listeners.push(l),
      removeListener: (l: Listener) => (storage.listeners = storage.listeners.filter((x) => x !== l)),
    },
  },
};
vi.mock('wxt/browser', () => ({ browser }));

const { followLocaleSetting } = await import('../../../components/i18n/setting');

function change(value: unknown, area = 'local') {
  storage.stored.locale = value;
  for (const l of storage.listeners) l({ locale: { newValue: value } }, area);
}

beforeEach(() => {
  storage.stored = {};
  storage.listeners = [];
  storage.gate = undefined;
});

describe('followLocaleSetting', () => {
  it('gives the stored choice, then each change; other areas and keys are ignored', async () => {
    storage.stored.locale = 'es';
    const seen: string[] = [];
    await followLocaleSetting((s) => seen.push(s));
    change('en');
    change('es', 'sync');
    for (const l of storage.listeners) l({ other: { newValue: 'x' } }, 'local');
    change('nonsense');
    expect(seen).toEqual(['es', 'en', 'auto']);
  });

  it('keeps a change made while the stored choice was being read', async () => {
    let answer!: () => void;
    storage.gate = new Promise((r) => (answer = r));
    const seen: string[] = [];
    const following = followLocaleSetting((s) => seen.push(s));
    change('es'); // chosen in Options after the read found nothing, before its answer arrived
    answer();
    await following;
    expect(seen).toEqual(['es']);
  });

});

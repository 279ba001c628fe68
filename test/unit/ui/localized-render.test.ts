// @vitest-environment happy-dom
/**
 * A page's first render (components/i18n/render.tsx) is whole: its title arrives with its content, and it
 * follows a language change from the moment it shows. With passive effects both came a frame later: a screen
 * reader announced the HTML file's English title over a page in another language, and a language chosen in
 * that frame (as the e2e tests set it right after opening a page) set `lang` but left the content in the old
 * language. Both are checked before any frame passes: right after renderLocalized returns. The secure page, which
 * names itself by its view, likewise.
 */
import { h } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;
const storage = vi.hoisted(() => ({ stored: {} as Record<string, unknown>, listeners: [] as Listener[] }));
vi.mock('wxt/browser', () => ({
  browser: {
    // The key service does not answer here: the pages show as they do before their data arrives.
    runtime: { sendMessage: () => new Promise(() => undefined), getURL: (path: string) => `chrome-extension://directseal${path}` },
    storage: {
      local: { get: async (key: string) => ({ [key]: storage.stored[key] }) },
      onChanged: { addListener: (l: Listener) => storage.listeners.push(l) },
    },
  },
}));

// No worker in this test's DOM: the compose view's warm-up is not what is looked at.
vi.mock('../../../components/crypto/bulk', () => ({ prewarm: () => undefined, sealDraft: vi.fn(), openSealed: vi.fn() }));

const { renderLocalized } = await import('../../../components/i18n/render');
const { SecurePage } = await import('../../../entrypoints/secure/SecurePage');
const { setCurrentLocale, t } = await import('../../../components/i18n/current');

/** A language chosen in Options: what storage.onChanged tells every page. */
function choose(locale: string): void {
  storage.stored.locale = locale;
  for (const l of storage.listeners) l({ locale: { newValue: locale } }, 'local');
}

let root: HTMLElement;
beforeEach(() => {
  storage.stored = { locale: 'en' };
  storage.listeners = [];
  document.title = 'DirectSeal settings (the HTML file)';
  root = document.body.appendChild(document.createElement('main'));
});
afterEach(() => {
  root.remove();
  setCurrentLocale('en');
});

describe('a localized page', () => {
  it('has its title in the chosen language with its first content, not a frame later', async () => {
    storage.stored.locale = 'es';
    await renderLocalized(() => h('h1', null, t('options.title')), root, 'options.title');
    expect(root.textContent).toBe('Configuración de DirectSeal');
    expect(document.title).toBe('Configuración de DirectSeal');
  });

  it('follows a language chosen right after it first showed', async () => {
    await renderLocalized(() => h('h1', null, t('options.title')), root, 'options.title');
    expect(root.textContent).toBe('DirectSeal settings');
    // act() runs every re-render and effect due: a change missed now is missed for good.
    await act(() => choose('es'));
    expect(document.documentElement.lang).toBe('es');
    expect(root.textContent).toBe('Configuración de DirectSeal');
    expect(document.title).toBe('Configuración de DirectSeal');
  });

  it('the secure page: its title names its view with its first content', async () => {
    history.replaceState(null, '', '/secure.html?view=write');
    await renderLocalized(() => h(SecurePage, {}), root);
    expect(root.querySelector('h1')?.textContent).toBe('Write a secure message');
    expect(document.title).toBe('Write a secure message · DirectSeal');
  });
});

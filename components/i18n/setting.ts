/**
 * The language setting in extension storage (storage.local 'locale': auto, en or es) and what follows from it:
 * the current locale and the page's `lang`. Every DirectSeal page follows a change made in Options at once.
 */
import { browser } from 'wxt/browser';
import { htmlLang, isLocaleSetting, type LocaleSetting } from '@/utils/i18n/locale';
import { localeFor } from './build-locale';
import { setCurrentLocale } from './locale-state';

const KEY = 'locale';

async function readLocaleSetting(): Promise<LocaleSetting> {
  const stored = (await browser.storage.local.get(KEY))[KEY];
  return isLocaleSetting(stored) ? stored : 'auto';
}

export async function saveLocaleSetting(setting: LocaleSetting): Promise<void> {
  await browser.storage.local.set({ [KEY]: setting });
}

/**
 * Gives `apply` the stored choice ('auto' if it cannot be read), then every later change of it. It listens
 * before it reads: a change made while the read is on its way (a language chosen in Options as this page
 * opens) used to be lost, and the page stayed in the old language.
 */
export async function followLocaleSetting(apply: (setting: LocaleSetting) => void): Promise<void> {
  let changed = false;
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !(KEY in changes)) return;
    changed = true;
    apply(isLocaleSetting(changes[KEY]?.newValue) ? (changes[KEY].newValue as LocaleSetting) : 'auto');
  });
  const stored = await readLocaleSetting().catch(() => 'auto' as const);
  // A change that arrived meanwhile is newer than what the read found.
  if (!changed) apply(stored);
}

/** The setting the page follows (undefined before startLocale has read it), and who is told of a change of it. */
let followed: LocaleSetting | undefined;
const settingListeners = new Set<() => void>();
export const currentLocaleSetting = (): LocaleSetting | undefined => followed;
export function onLocaleSettingChange(listener: () => void): () => void {
  settingListeners.add(listener);
  return () => settingListeners.delete(listener);
}

/**
 * Before a page's first render: the current locale and the page's `lang` follow the setting, and so does the
 * setting shown in Options (one listener per page; "auto" and "en" may be the same locale, so it is told apart).
 */
export function startLocale(): Promise<void> {
  return followLocaleSetting((setting) => {
    const locale = localeFor(setting);
    document.documentElement.lang = htmlLang(locale);
    setCurrentLocale(locale);
    followed = setting;
    for (const listener of settingListeners) listener();
  });
}

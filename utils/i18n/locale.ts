/** Which language the views speak. Pure: the browser's languages are handed in, never read here. */

/** The languages with a catalog, and `pseudo`: English made visibly foreign, to catch text that skips the catalog. */
export type Locale = 'en' | 'es' | 'pseudo';

/** What the user chose in Options; `auto` follows the browser's language. `pseudo` is for tests, never offered. */
export type LocaleSetting = 'auto' | 'en' | 'es' | 'pseudo';

export const LOCALE_SETTINGS: readonly LocaleSetting[] = ['auto', 'en', 'es', 'pseudo'];

export function isLocaleSetting(value: unknown): value is LocaleSetting {
  return typeof value === 'string' && (LOCALE_SETTINGS as readonly string[]).includes(value);
}

/** The first of the browser's languages we have, English when none: "es-MX" speaks Spanish, "fr, es" too. */
export function chooseLocale(setting: LocaleSetting | undefined, browserLanguages: readonly string[]): Locale {
  if (setting && setting !== 'auto') return setting;
  for (const tag of browserLanguages) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (primary === 'en' || primary === 'es') return primary;
  }
  return 'en';
}

/** The `lang` attribute for a locale: the pseudo locale is English underneath. */
export const htmlLang = (locale: Locale): string => (locale === 'es' ? 'es' : 'en');

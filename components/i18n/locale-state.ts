/**
 * The locale the views speak now, and who follows a change of it. Apart from current.ts (the pages' `t`, with
 * the whole catalog) so that the content scripts share it without carrying that catalog.
 */
import type { Locale } from '../../utils/i18n/locale';

let current: Locale = 'en';
const listeners = new Set<() => void>();

export const currentLocale = (): Locale => current;

export function setCurrentLocale(locale: Locale): void {
  if (locale === current) return;
  current = locale;
  for (const listener of listeners) listener();
}

export function onLocaleChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

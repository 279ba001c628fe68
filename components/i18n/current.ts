/**
 * The locale the views speak now, and `t()` to say a catalog message in it. No extension API here, so pure
 * display helpers (verdict-text.ts, format.ts) can use it and still run in Node tests (English there).
 */
import type { ErrorCode } from '../../utils/errors';
import { errorSentence, isErrorCode, translate, type Locale, type MessageId, type Params } from '../../utils/i18n';

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

export const t = (id: MessageId, params?: Params): string => translate(current, id, params);

/** The sentence for a service error in the current locale; a code we have no sentence for keeps the service's. */
export function errorText(code: string, fallback: string): string {
  return isErrorCode(code) ? errorSentence(current, code as ErrorCode) : fallback;
}

/**
 * Dates in the view's language: English keeps the browser's own date format (as before there was a choice); the
 * pseudo locale shows digits only, so its check sees no untranslated month name.
 */
export const dateLocale = (): string | undefined => (current === 'es' ? 'es' : current === 'pseudo' ? 'sv-SE' : undefined);

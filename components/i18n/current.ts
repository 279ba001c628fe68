/**
 * The locale the views speak now, and `t()` to say a catalog message in it. No extension API here, so pure
 * display helpers (verdict-text.ts, format.ts) can use it and still run in Node tests (English there).
 * Content scripts say theirs through content-text.ts instead (a catalog of their own ids only).
 */
import type { ErrorCode } from '../../utils/errors';
import { errorSentence, isErrorCode, translate, type MessageId, type Params } from '../../utils/i18n';
import { currentLocale } from './locale-state';

export { currentLocale, onLocaleChange, setCurrentLocale } from './locale-state';

export const t = (id: MessageId, params?: Params): string => translate(currentLocale(), id, params);

/** The sentence for a service error in the current locale; a code we have no sentence for keeps the service's. */
export function errorText(code: string, fallback: string): string {
  return isErrorCode(code) ? errorSentence(currentLocale(), code as ErrorCode) : fallback;
}

/**
 * Dates in the view's language: English keeps the browser's own date format (as before there was a choice); the
 * pseudo locale shows digits only, so its check sees no untranslated month name.
 */
export const dateLocale = (): string | undefined => {
  const locale = currentLocale();
  return locale === 'es' ? 'es' : locale === 'pseudo' ? 'sv-SE' : undefined;
};

import { ERROR_SENTENCES, type ErrorCode } from '../errors';
import { en, type MessageId } from './en';
import { ERROR_SENTENCES_ES } from './errors-es';
import { es } from './es';
import type { Locale } from './locale';
import { pseudo } from './pseudo';
import { translator } from './translator';

export const translate = translator<MessageId>(en, es);

/** The sentence for an error code in a locale; ERROR_SENTENCES stays the English source. */
export function errorSentence(locale: Locale, code: ErrorCode): string {
  if (locale === 'es') return ERROR_SENTENCES_ES[code];
  return locale === 'pseudo' ? pseudo(ERROR_SENTENCES[code]) : ERROR_SENTENCES[code];
}

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ERROR_SENTENCES, code);

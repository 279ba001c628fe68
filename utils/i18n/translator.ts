/**
 * A catalog pair (English, Spanish) as one function that says an id in a locale; the pseudo locale marks the
 * English text. The pages' catalog and the content scripts' smaller one are said the same way through it.
 */
import { fill, type Params } from './fill';
import type { Locale } from './locale';
import { pseudo } from './pseudo';

export function translator<Id extends string>(en: Readonly<Record<Id, string>>, es: Readonly<Record<Id, string>>) {
  return (locale: Locale, id: Id, params?: Params): string => fill(locale === 'pseudo' ? pseudo(en[id]) : (locale === 'es' ? es : en)[id], params);
}

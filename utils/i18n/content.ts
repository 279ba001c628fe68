/**
 * The content scripts' catalog: only what DirectSeal says inside webmail and EHR pages (the webmail area), so
 * the scripts injected into every such page do not carry the pages' whole catalog. It is the webmail area's
 * own objects, the same ones en.ts and es.ts spread, never a copy; its ids are the only ones content-script
 * code can name (components/i18n/content-text.ts).
 */
import { webmailEn } from './areas/webmail.en';
import { webmailEs } from './areas/webmail.es';
import { fill, type Params } from './fill';
import type { Locale } from './locale';
import { pseudo } from './pseudo';

export const contentEn = webmailEn;
export const contentEs = webmailEs;

export type ContentMessageId = keyof typeof contentEn;

const CATALOGS: Record<Exclude<Locale, 'pseudo'>, Readonly<Record<ContentMessageId, string>>> = { en: contentEn, es: contentEs };

/** As translate() says it, for the ids the content scripts have. */
export function translateContent(locale: Locale, id: ContentMessageId, params?: Params): string {
  return fill(locale === 'pseudo' ? pseudo(contentEn[id]) : CATALOGS[locale][id], params);
}

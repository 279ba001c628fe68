/**
 * The content scripts' catalog: only what DirectSeal says inside webmail and EHR pages (the webmail area), so
 * the scripts injected into every such page do not carry the pages' whole catalog. It is the webmail area's
 * own objects, the same ones en.ts and es.ts spread, never a copy; its ids are the only ones content-script
 * code can name (components/i18n/content-text.ts).
 */
import { webmailEn } from './areas/webmail.en';
import { webmailEs } from './areas/webmail.es';
import { translator } from './translator';

export const contentEn = webmailEn;
export const contentEs = webmailEs;

export type ContentMessageId = keyof typeof contentEn;

/** As translate() says it, for the ids the content scripts have. */
export const translateContent = translator<ContentMessageId>(contentEn, contentEs);

/**
 * The language of what DirectSeal puts into other sites' pages (webmail, EHR): the stored choice
 * (storage.local 'locale', as on DirectSeal's own pages) and every later change of it. Unlike setting.ts it
 * never touches the host page's <html lang>: the page is not ours. Our own elements carry `lang` instead.
 */
import { htmlLang } from '@/utils/i18n/locale';
import { localeFor } from './build-locale';
import { currentLocale, setCurrentLocale } from './locale-state';
import { followLocaleSetting } from './setting';

let started: Promise<void> | undefined;

/** Before a content script places anything: the stored choice (English if it cannot be read), then its changes. */
export function startContentLocale(): Promise<void> {
  started ??= followLocaleSetting((setting) => setCurrentLocale(localeFor(setting)));
  return started;
}

/** The `lang` of DirectSeal's own elements in the page. */
export const contentLang = (): string => htmlLang(currentLocale());

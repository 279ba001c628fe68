/**
 * `t()` for the content scripts: it takes only the ids of their own catalog (utils/i18n/content.ts), so an id
 * they do not carry is a compile error rather than a missing text in a webmail page. No extension API here.
 */
import { translateContent, type ContentMessageId } from '../../utils/i18n/content';
import type { Params } from '../../utils/i18n/fill';
import { currentLocale } from './locale-state';

export const t = (id: ContentMessageId, params?: Params): string => translateContent(currentLocale(), id, params);

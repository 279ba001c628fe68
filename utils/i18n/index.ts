export { chooseLocale, htmlLang, isLocaleSetting, LOCALE_SETTINGS, type Locale, type LocaleSetting } from './locale';
export { errorSentence, fill, isErrorCode, translate, type Params } from './translate';
export { pseudo, PSEUDO_CLOSE, PSEUDO_OPEN } from './pseudo';
export type { MessageId } from './en';

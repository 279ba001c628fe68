export { chooseLocale, htmlLang, isLocaleSetting, LOCALE_SETTINGS, type Locale, type LocaleSetting } from './locale';
export { errorSentence, isErrorCode, translate } from './translate';
export { fill, type Params } from './fill';
export { pseudo, PSEUDO_CLOSE, PSEUDO_OPEN } from './pseudo';
export type { MessageId } from './en';

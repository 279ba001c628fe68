/**
 * The locale a stored choice gives in this build. The pseudo-locale build (`npm run build:pseudo`: WXT mode
 * "pseudo", into .output/chrome-mv3-pseudo) speaks the pseudo locale whatever is chosen, so every view of it,
 * setup on install included, shows at a glance (and to test/e2e/pseudo-build.test.ts) any text that bypassed
 * the catalog.
 */
import { chooseLocale, type Locale, type LocaleSetting } from '@/utils/i18n/locale';

const PSEUDO_BUILD = import.meta.env.MODE === 'pseudo';

export function localeFor(setting: LocaleSetting): Locale {
  return PSEUDO_BUILD ? 'pseudo' : chooseLocale(setting, navigator.languages ?? [navigator.language]);
}

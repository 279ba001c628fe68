import { useLayoutEffect, useState } from 'preact/hooks';
import type { LocaleSetting } from '@/utils/i18n';
import { LanguageIcon } from '../icons';
import { Section } from '../Section';
import { Notices } from '../ui/controls';
import { useAction } from '../ui/useAction';
import { t } from './current';
import { currentLocaleSetting, onLocaleSettingChange, saveLocaleSetting } from './setting';

/** The choices offered; each language is named in itself, so whoever reads either can find theirs. */
const CHOICES = [
  { setting: 'auto', label: () => t('language.auto') },
  { setting: 'en', label: () => t('language.en'), lang: 'en' },
  { setting: 'es', label: () => t('language.es'), lang: 'es' },
] as const;

/** Options → "Language / Idioma": automatic (the browser's language), English or Spanish; applies at once. */
export function LanguageSection() {
  const [setting, setSetting] = useState(currentLocaleSetting);
  const { notice, run } = useAction();
  // The setting the page follows (startLocale), then every change of it: one made in another tab, or this click saved.
  useLayoutEffect(() => {
    const follow = () => setSetting(currentLocaleSetting());
    follow(); // a change between the first render and this subscription
    return onLocaleSettingChange(follow);
  }, []);

  function choose(next: LocaleSetting) {
    setSetting(next);
    // Every open DirectSeal page follows the stored setting (components/i18n/setting.ts), this one included.
    void run('…', () => saveLocaleSetting(next), () => t('language.saved'));
  }

  return (
    <Section id="language" title={t('language.title')} icon={<LanguageIcon />} summary={t('language.intro')}>
      <fieldset class="ds-fieldset">
        <legend class="ds-legend">{t('language.choice')}</legend>
        <div class="ds-choices">
          {CHOICES.map((c) => (
            <label key={c.setting} class="ds-choice" lang={'lang' in c ? c.lang : undefined}>
              <input type="radio" name="language" value={c.setting} checked={setting === c.setting} onChange={() => choose(c.setting)} />
              {c.label()}
            </label>
          ))}
        </div>
      </fieldset>
      <Notices notice={notice} />
    </Section>
  );
}

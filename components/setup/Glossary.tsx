import { t } from '../i18n/current';
import type { GlossaryTerm } from './steps';

/** One-line explanations of the terms a step uses for the first time. */
export function Glossary({ terms }: { terms: readonly GlossaryTerm[] }) {
  if (terms.length === 0) return null;
  return (
    <ul class="setup-glossary" aria-label={t('setup.glossary')}>
      {terms.map((term) => (
        <li key={term}>
          <span class="setup-glossary__icon" aria-hidden="true">i</span>
          <span>{t(`setup.glossary.${term}`)}</span>
        </li>
      ))}
    </ul>
  );
}

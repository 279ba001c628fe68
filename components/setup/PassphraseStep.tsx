import { t } from '../i18n/current';
import { ChoosePassphraseForm, NoPassphraseChoice } from '../security/ChoosePassphrase';
import { useServiceList } from '../ui/data';

/** The lock passphrase comes first: no key is stored before it is chosen (or explicitly declined). */
export function PassphraseStep() {
  const { data } = useServiceList('lock.status');
  const mode = data.state === 'ready' ? data.value.mode : undefined;
  if (mode === 'passphrase') return <p class="setup-done">{t('lock.set')}</p>;
  if (mode === 'unprotected') return <p class="setup-done setup-done--warn">{t('lock.unprotectedChosen')}</p>;
  return (
    <div class="ds-form">
      <p>{t('lock.protects')}</p>
      <ChoosePassphraseForm label={t('lock.choose')} submitLabel={t('lock.setButton')} />
      <NoPassphraseChoice />
    </div>
  );
}

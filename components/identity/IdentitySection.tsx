import { useLayoutEffect, useState } from 'preact/hooks';
import { Section, EmptyState } from '../Section';
import { IdentityIcon } from '../icons';
import { useServiceList } from '../ui/data';
import { Tabs } from '../ui/Tabs';
import { IdentityCard } from './IdentityCard';
import { ImportP12Form } from './ImportP12Form';
import { ImportPemForm } from './ImportPemForm';
import { GenerateKeyForm } from './GenerateKeyForm';
import { ChoosePassphraseForm, NoPassphraseChoice, passphraseProtects } from '../security/ChoosePassphrase';
import { t } from '../i18n/current';
import './identity.css';

const WAY_IDS = ['p12', 'pem', 'generate'] as const;
type Way = (typeof WAY_IDS)[number];

/** Your Direct identities (address, certificate, private key), and the three ways to add one. */
export function IdentitySection() {
  const { data } = useServiceList('identities.list');
  const { data: lock } = useServiceList('lock.status');
  // No key is stored before the passphrase is chosen (or explicitly declined).
  const passphraseFirst = lock.state === 'ready' && lock.value.mode === 'unset';
  const identities = data.state === 'ready' ? data.value : [];
  const [way, setWay] = useState<Way>('p12');
  // Open while there is nothing yet; decided once, so a form that just succeeded does not fold away under the
  // user (and take its message with it).
  const [addOpen, setAddOpen] = useState<boolean | undefined>();
  // Decided in the commit that shows the list, so the panel never appears a frame after it.
  useLayoutEffect(() => {
    if (data.state === 'ready' && addOpen === undefined) setAddOpen(data.value.length === 0);
  }, [data, addOpen]);

  const adder = (
    <Tabs label={t('identity.ways')} tabs={WAY_IDS.map((id) => ({ id, label: t(`identity.way.${id}`) }))} selected={way} onSelect={setWay} idPrefix="identity-way">
      {way === 'p12' && <ImportP12Form />}
      {way === 'pem' && <ImportPemForm />}
      {way === 'generate' && <GenerateKeyForm />}
    </Tabs>
  );

  return (
    <Section
      id="identity"
      title={t('identity.title')}
      icon={<IdentityIcon />}
      summary={t('identity.summary')}
    >
      {data.state === 'loading' && <p class="ds-loading">{t('identity.loading')}</p>}
      {data.state === 'failed' && (
        <p class="ds-notice ds-notice--error" role="alert">
          <span class="ds-notice__icon" aria-hidden="true">!</span>
          <span>{data.error}</span>
        </p>
      )}
      {data.state === 'ready' && identities.length === 0 && (
        <EmptyState
          title={t('identity.none')}
          note={
            passphraseFirst ? t('identity.none.passphraseFirst') : t('identity.none.note', { way: t('identity.way.generate') })
          }
        />
      )}
      {identities.length > 0 && (
        <ul class="ds-list" aria-label={t('identity.list')}>
          {identities.map((identity) => (
            <li key={identity.id}>
              <IdentityCard identity={identity} />
            </li>
          ))}
        </ul>
      )}

      {passphraseFirst && (
        <div class="ds-panel" role="group" aria-label={t('identity.passphraseFirst')}>
          <h3 class="ds-panel__title">{t('identity.passphraseFirst')}</h3>
          <p class="ds-panel__note">{passphraseProtects()}</p>
          <ChoosePassphraseForm label={t('identity.passphraseFirst.form')} submitLabel={t('lock.setButton')} />
          <NoPassphraseChoice />
        </div>
      )}

      {addOpen !== undefined && !passphraseFirst && (
        <details class="ds-panel ds-details" open={addOpen} onToggle={(e) => setAddOpen(e.currentTarget.open)}>
          <summary>{identities.length === 0 ? t('identity.add.first') : t('identity.add.another')}</summary>
          {adder}
        </details>
      )}
    </Section>
  );
}

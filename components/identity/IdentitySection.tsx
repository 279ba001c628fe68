import { useEffect, useState } from 'preact/hooks';
import { Section, EmptyState } from '../Section';
import { IdentityIcon } from '../icons';
import { useServiceList } from '../ui/data';
import { Tabs } from '../ui/Tabs';
import { IdentityCard } from './IdentityCard';
import { ImportP12Form } from './ImportP12Form';
import { ImportPemForm } from './ImportPemForm';
import { GenerateKeyForm } from './GenerateKeyForm';
import { ChoosePassphraseForm, NoPassphraseChoice, passphraseProtects } from '../security/ChoosePassphrase';
import './identity.css';

const WAYS = [
  { id: 'p12', label: 'Import a .p12 / .pfx file' },
  { id: 'pem', label: 'Import a PEM key' },
  { id: 'generate', label: 'Create a new key' },
] as const;

/** Your Direct identities (address, certificate, private key), and the three ways to add one. */
export function IdentitySection() {
  const { data } = useServiceList('identities.list');
  const { data: lock } = useServiceList('lock.status');
  // No key is stored before the passphrase is chosen (or explicitly declined).
  const passphraseFirst = lock.state === 'ready' && lock.value.mode === 'unset';
  const identities = data.state === 'ready' ? data.value : [];
  const [way, setWay] = useState<(typeof WAYS)[number]['id']>('p12');
  // Open while there is nothing yet; decided once, so a form that just succeeded does not fold away under the
  // user (and take its message with it).
  const [addOpen, setAddOpen] = useState<boolean | undefined>();
  useEffect(() => {
    if (data.state === 'ready' && addOpen === undefined) setAddOpen(data.value.length === 0);
  }, [data, addOpen]);

  const adder = (
    <Tabs label="How to add an identity" tabs={WAYS} selected={way} onSelect={setWay} idPrefix="identity-way">
      {way === 'p12' && <ImportP12Form />}
      {way === 'pem' && <ImportPemForm />}
      {way === 'generate' && <GenerateKeyForm />}
    </Tabs>
  );

  return (
    <Section
      id="identity"
      title="Your Direct identity"
      icon={<IdentityIcon />}
      summary="The Direct address you send from, with the certificate and private key your HISP issued for it. The private key stays in this browser and is used only to sign what you send and to open what you receive."
    >
      {data.state === 'loading' && <p class="ds-loading">Loading your identities…</p>}
      {data.state === 'failed' && (
        <p class="ds-notice ds-notice--error" role="alert">
          <span class="ds-notice__icon" aria-hidden="true">!</span>
          <span>{data.error}</span>
        </p>
      )}
      {data.state === 'ready' && identities.length === 0 && (
        <EmptyState
          title="No identity yet"
          note={
            passphraseFirst
              ? 'First choose your DirectSeal passphrase below. Then import the .p12 or .pfx file your HISP gave you, or create a new key if your HISP asks you for a certificate request.'
              : 'Most practices receive a .p12 or .pfx file and its passphrase from their HISP: import it below. If your HISP asks you for a certificate request instead, choose “Create a new key”.'
          }
        />
      )}
      {identities.length > 0 && (
        <ul class="ds-list" aria-label="Identities">
          {identities.map((identity) => (
            <li key={identity.id}>
              <IdentityCard identity={identity} />
            </li>
          ))}
        </ul>
      )}

      {passphraseFirst && (
        <div class="ds-panel" role="group" aria-label="First, choose your DirectSeal passphrase">
          <h3 class="ds-panel__title">First, choose your DirectSeal passphrase</h3>
          <p class="ds-panel__note">{passphraseProtects()}</p>
          <ChoosePassphraseForm label="Choose your DirectSeal passphrase before the first key" submitLabel="Set the passphrase" />
          <NoPassphraseChoice />
        </div>
      )}

      {addOpen !== undefined && !passphraseFirst && (
        <details class="ds-panel ds-details" open={addOpen} onToggle={(e) => setAddOpen(e.currentTarget.open)}>
          <summary>{identities.length === 0 ? 'Set up your identity' : 'Add another identity'}</summary>
          {adder}
        </details>
      )}
    </Section>
  );
}

import { ChoosePassphraseForm, NoPassphraseChoice, PASSPHRASE_PROTECTS } from '../security/ChoosePassphrase';
import { useServiceList } from '../ui/data';

/** The lock passphrase comes first: no key is stored before it is chosen (or explicitly declined). */
export function PassphraseStep() {
  const { data } = useServiceList('lock.status');
  const mode = data.state === 'ready' ? data.value.mode : undefined;
  if (mode === 'passphrase') return <p class="setup-done">✓ Your passphrase is set: your keys are stored only under it.</p>;
  if (mode === 'unprotected') return <p class="setup-done setup-done--warn">You chose no passphrase: anyone who copies this computer's disk could use your keys. You can set one later in Settings.</p>;
  return (
    <div class="ds-form">
      <p>{PASSPHRASE_PROTECTS}</p>
      <ChoosePassphraseForm label="Choose your DirectSeal passphrase" submitLabel="Set the passphrase" />
      <NoPassphraseChoice />
    </div>
  );
}

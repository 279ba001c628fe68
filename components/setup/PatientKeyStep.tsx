import { useState } from 'preact/hooks';
import type { IdentitySummary } from '@/utils/keyservice/api';
import { call, download, fromBase64 } from '../client';
import { Button, Notices, TextField } from '../ui/controls';
import { dataChanged } from '../ui/data';
import { looksLikeAddress } from '../ui/format';
import { useAction } from '../ui/useAction';
import { PassphraseField } from '../identity/PassphraseField';

const MIN_PASSPHRASE = 10;

/** The patient's own key, made here for their e-mail address; a spare copy is saved before it can be used. */
export function PatientKeyStep({ identity, onName }: { identity: IdentitySummary | undefined; onName: (name: string) => void }) {
  if (!identity) return <PatientKeyForm onName={onName} />;
  if (identity.state === 'awaiting-backup') return <SpareCopy identity={identity} />;
  return <p class="setup-done">✓ Your key is made for {identity.address}, and you kept its spare copy.</p>;
}

function PatientKeyForm({ onName }: { onName: (name: string) => void }) {
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const { busy, notice, setNotice, run } = useAction();

  async function submit(e?: Event) {
    e?.preventDefault();
    if (name.trim().length < 2) return setNotice({ error: 'Type your name as your practice knows it.' });
    if (!looksLikeAddress(address.trim())) return setNotice({ error: 'Type your e-mail address, like pat.lee@example.com.' });
    if (pass.length < MIN_PASSPHRASE) return setNotice({ error: `Choose a passphrase of at least ${MIN_PASSPHRASE} characters for the spare copy.` });
    if (pass !== again) return setNotice({ error: 'The two passphrases differ; type the same passphrase twice.' });
    const made = await run('Making your key…', () =>
      call('identities.generate', { address: address.trim(), commonName: name.trim(), modulusLength: 2048, backupPassphrase: pass }),
    );
    if (!made) return;
    onName(name.trim());
    download(fromBase64(made.backupP12), made.backupFilename, 'application/x-pkcs12');
    setPass('');
    setAgain('');
    dataChanged();
  }

  return (
    <form class="ds-form" onSubmit={submit} aria-label="Make your key" noValidate>
      <div class="ds-form__row">
        <TextField label="Your name" hint="As your practice knows you" autoComplete="name" value={name} onValue={setName} />
        <TextField label="Your e-mail address" hint="The one you already use; secure messages will come to it" type="email" autoComplete="email" spellcheck={false} value={address} onValue={setAddress} />
      </div>
      <p class="ds-panel__note">
        DirectSeal also saves a spare copy of your key, locked with a passphrase you choose here (you may use your
        DirectSeal passphrase again). With it you can set DirectSeal up again on a new computer.
      </p>
      <div class="ds-form__row">
        <PassphraseField label="Passphrase for the spare copy" hint={`At least ${MIN_PASSPHRASE} characters`} value={pass} onValue={setPass} />
        <PassphraseField label="The same passphrase again" value={again} onValue={setAgain} />
      </div>
      <Notices notice={notice} onUnlocked={() => void submit()} />
      <div class="ds-actions">
        <Button type="submit" busy={busy}>
          Make my key
        </Button>
      </div>
    </form>
  );
}

function SpareCopy({ identity }: { identity: IdentitySummary }) {
  const { busy, notice, run } = useAction();
  async function kept() {
    if (await run('Saving…', () => call('identities.confirmBackup', { id: identity.id }))) dataChanged();
  }
  return (
    <div class="ds-form">
      <p class="setup-done">✓ Your key is made for {identity.address}.</p>
      <p>
        Your browser saved its spare copy as <strong>{identity.address}-key-backup.p12</strong> (a <em>.p12</em> file
        is a key locked with a passphrase). Move it somewhere safe, such as a USB stick you keep at home or your
        password manager. Nobody can open it without the passphrase you chose.
      </p>
      <Notices notice={notice} />
      <div class="ds-actions">
        <Button busy={busy} onClick={kept}>
          I put the spare copy somewhere safe
        </Button>
      </div>
    </div>
  );
}

import { useState } from 'preact/hooks';
import { backupFilename, type IdentitySummary } from '@/utils/keyservice/api';
import { call, download, fromBase64 } from '../client';
import { Button, Notices, TextField } from '../ui/controls';
import { dataChanged } from '../ui/data';
import { looksLikeAddress } from '../ui/format';
import { useAction } from '../ui/useAction';
import { MIN_PASSPHRASE, PassphraseField } from '../identity/PassphraseField';
import { t } from '../i18n/current';
import { rich } from '../i18n/rich';


/** The patient's own key, made here for their e-mail address; a spare copy is saved before it can be used. */
export function PatientKeyStep({ identity, onName }: { identity: IdentitySummary | undefined; onName: (name: string) => void }) {
  if (!identity) return <PatientKeyForm onName={onName} />;
  if (identity.state === 'awaiting-backup') return <SpareCopy identity={identity} />;
  return <p class="setup-done">{t('patient.key.done', { address: identity.address })}</p>;
}

function PatientKeyForm({ onName }: { onName: (name: string) => void }) {
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const { busy, notice, setNotice, run } = useAction();

  async function submit(e?: Event) {
    e?.preventDefault();
    if (name.trim().length < 2) return setNotice({ error: t('patient.name.missing') });
    if (!looksLikeAddress(address.trim())) return setNotice({ error: t('patient.address.missing') });
    if (pass.length < MIN_PASSPHRASE) return setNotice({ error: t('patient.spare.tooShort', { min: MIN_PASSPHRASE }) });
    if (pass !== again) return setNotice({ error: t('lock.differ') });
    const made = await run(t('patient.key.making'), () =>
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
    <form class="ds-form" onSubmit={submit} aria-label={t('patient.key.form')} noValidate>
      <div class="ds-form__row">
        <TextField label={t('patient.name')} hint={t('patient.name.hint')} autoComplete="name" value={name} onValue={setName} />
        <TextField label={t('patient.address')} hint={t('patient.address.hint')} type="email" autoComplete="email" spellcheck={false} value={address} onValue={setAddress} />
      </div>
      <p class="ds-panel__note">{t('patient.spare.note')}</p>
      <div class="ds-form__row">
        <PassphraseField label={t('patient.spare.passphrase')} hint={t('patient.spare.hint', { min: MIN_PASSPHRASE })} value={pass} onValue={setPass} />
        <PassphraseField label={t('patient.spare.again')} value={again} onValue={setAgain} />
      </div>
      <Notices notice={notice} onUnlocked={() => void submit()} />
      <div class="ds-actions">
        <Button type="submit" busy={busy}>
          {t('patient.key.make')}
        </Button>
      </div>
    </form>
  );
}

function SpareCopy({ identity }: { identity: IdentitySummary }) {
  const { busy, notice, run } = useAction();
  async function kept() {
    if (await run(t('ui.saving'), () => call('identities.confirmBackup', { id: identity.id }))) dataChanged();
  }
  return (
    <div class="ds-form">
      <p class="setup-done">{t('patient.key.made', { address: identity.address })}</p>
      <p>{rich('patient.spare.saved', { file: <strong>{backupFilename(identity.address)}</strong>, p12: <em>.p12</em> })}</p>
      <Notices notice={notice} />
      <div class="ds-actions">
        <Button busy={busy} onClick={kept}>
          {t('patient.spare.kept')}
        </Button>
      </div>
    </div>
  );
}

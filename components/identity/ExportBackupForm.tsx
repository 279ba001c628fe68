import { useState } from 'preact/hooks';
import type { IdentitySummary } from '@/utils/keyservice/api';
import { call, download, fromBase64 } from '../client';
import { Button, Notices } from '../ui/controls';
import { lockNotice, useAction } from '../ui/useAction';
import { t } from '../i18n/current';
import { MIN_PASSPHRASE, PassphraseField } from './PassphraseField';


/**
 * Downloads the kept backup as it is, or a fresh .p12 under a new passphrase (for a colleague's browser).
 * The DirectSeal passphrase is asked again: whoever finds the browser unlocked cannot carry the key away.
 */
export function ExportBackupForm({ identity, onDone }: { identity: IdentitySummary; onDone: () => void }) {
  const [fresh, setFresh] = useState(false);
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const [lockPass, setLockPass] = useState('');
  const askLock = identity.protection === 'passphrase';
  const { busy, notice: raw, setNotice, run } = useAction();
  const notice = lockNotice(raw);

  async function submit(e: Event) {
    e.preventDefault();
    if (fresh && pass.length < MIN_PASSPHRASE) return setNotice({ error: t('identity.export.tooShort', { min: MIN_PASSPHRASE }) });
    if (fresh && pass !== again) return setNotice({ error: t('lock.differ') });
    const reply = await run(
      t('identity.export.preparing'),
      () => call('identities.exportBackup', { id: identity.id, ...(fresh ? { passphrase: pass } : {}), ...(askLock ? { lockPassphrase: lockPass } : {}) }),
      (r) => t('identity.export.saved', { file: r.filename }),
    );
    setLockPass('');
    if (!reply) return;
    download(fromBase64(reply.p12), reply.filename, 'application/x-pkcs12');
    setPass('');
    setAgain('');
  }

  return (
    <form class="ds-form ds-export" onSubmit={submit} aria-label={t('identity.export.form', { address: identity.address })} noValidate>
      <fieldset class="ds-fieldset">
        <legend class="ds-legend">{t('identity.export.which')}</legend>
        <div class="ds-choices">
          <label class="ds-choice">
            <input type="radio" name={`export-${identity.id}`} checked={!fresh} onChange={() => setFresh(false)} />
            {t('identity.export.kept')} <small>{t('identity.export.kept.note')}</small>
          </label>
          <label class="ds-choice">
            <input type="radio" name={`export-${identity.id}`} checked={fresh} onChange={() => setFresh(true)} />
            {t('identity.export.fresh')}
          </label>
        </div>
      </fieldset>
      {fresh && (
        <div class="ds-form__row">
          <PassphraseField label={t('identity.export.passphrase')} value={pass} onValue={setPass} />
          <PassphraseField label={t('identity.export.passphraseAgain')} value={again} onValue={setAgain} />
        </div>
      )}
      {askLock && <PassphraseField label={t('identity.export.lockPassphrase')} hint={t('identity.export.lockPassphrase.hint')} value={lockPass} onValue={setLockPass} autoComplete="current-password" />}
      <Notices notice={notice} />
      <div class="ds-actions">
        <Button type="submit" busy={busy}>
          {t('identity.export.download')}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          {t('identity.export.close')}
        </Button>
      </div>
    </form>
  );
}

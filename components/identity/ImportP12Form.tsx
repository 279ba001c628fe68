import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { importedMessage } from './imported';
import { call, fileBytes, toBase64 } from '../client';
import { Button, FileField, Notices } from '../ui/controls';
import { dataChanged } from '../ui/data';
import { useAction } from '../ui/useAction';
import { t } from '../i18n/current';
import { PassphraseField } from './PassphraseField';

/** The usual way in: the .p12/.pfx file a HISP issues, with its passphrase (modern or legacy encryption). */
export function ImportP12Form() {
  const [file, setFile] = useState<File | undefined>();
  const [passphrase, setPassphrase] = useState('');
  const [resetKey, setResetKey] = useState(0);
  const passRef = useRef<HTMLInputElement>(null);
  const { busy, notice, setNotice, run } = useAction();

  async function submit(e?: Event) {
    e?.preventDefault();
    if (!file) {
      setNotice({ error: t('identity.p12.missing') });
      return;
    }
    const identity = await run(
      t('identity.importing'),
      async () => call('identities.importP12', { p12: toBase64(await fileBytes(file)), passphrase }),
      importedMessage,
    );
    if (identity) {
      setPassphrase('');
      setFile(undefined);
      setResetKey((k) => k + 1);
      dataChanged();
    }
  }

  // A wrong passphrase is cleared and focused for another try; any other failure keeps what was typed.
  useLayoutEffect(() => {
    if (notice.code === 'BAD_PASSPHRASE') {
      setPassphrase('');
      passRef.current?.focus();
    }
  }, [notice]);

  return (
    <form class="ds-form" onSubmit={submit} aria-label={t('identity.p12.form')} noValidate>
      <p class="ds-panel__note">{t('identity.p12.note')}</p>
      <div class="ds-form__row">
        <FileField
          label={t('identity.p12.file')}
          accept=".p12,.pfx,application/x-pkcs12"
          onFiles={(f) => setFile(f[0])}
          resetKey={resetKey}
        />
        <PassphraseField label={t('identity.p12.passphrase')} value={passphrase} onValue={setPassphrase} inputRef={passRef} autoComplete="off" />
      </div>
      <Notices notice={notice} onUnlocked={() => void submit()} />
      <div class="ds-actions">
        <Button type="submit" busy={busy}>
          {t('identity.p12.import')}
        </Button>
      </div>
    </form>
  );
}

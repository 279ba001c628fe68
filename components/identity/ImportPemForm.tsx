import { useState } from 'preact/hooks';
import { importedMessage } from './imported';
import { call, fileBytes, toBase64 } from '../client';
import { Button, FileField, Notices } from '../ui/controls';
import { dataChanged } from '../ui/data';
import { useAction } from '../ui/useAction';
import { t } from '../i18n/current';
import { PassphraseField } from './PassphraseField';

/** A private key and its certificate (or chain) as separate files, the way some CAs and servers hand them out. */
export function ImportPemForm() {
  const [key, setKey] = useState<File | undefined>();
  const [certs, setCerts] = useState<File[]>([]);
  const [passphrase, setPassphrase] = useState('');
  const [resetKey, setResetKey] = useState(0);
  const { busy, notice, setNotice, run } = useAction();

  async function submit(e?: Event) {
    e?.preventDefault();
    if (!key || certs.length === 0) {
      setNotice({ error: t('identity.pem.missing') });
      return;
    }
    const identity = await run(
      t('identity.importing'),
      async () => {
        // Several certificate files (leaf, intermediate) go over as one PEM bundle.
        const parts = await Promise.all(certs.map(fileBytes));
        const joined = parts.length === 1 ? parts[0]! : joinCertificates(parts);
        return call('identities.importPem', {
          key: toBase64(await fileBytes(key)),
          certificates: toBase64(joined),
          ...(passphrase ? { passphrase } : {}),
        });
      },
      importedMessage,
    );
    if (identity) {
      setKey(undefined);
      setCerts([]);
      setPassphrase('');
      setResetKey((k) => k + 1);
      dataChanged();
    }
  }

  return (
    <form class="ds-form" onSubmit={submit} aria-label={t('identity.pem.form')} noValidate>
      <p class="ds-panel__note">{t('identity.pem.note')}</p>
      <div class="ds-form__row">
        <FileField
          label={t('identity.pem.key')}
          hint={t('identity.pem.key.hint')}
          accept=".pem,.key,.der,.p8" onFiles={(f) => setKey(f[0])} resetKey={resetKey} />
        <FileField
          label={t('identity.pem.certificates')}
          hint={t('identity.pem.certificates.hint')}
          accept=".pem,.crt,.cer,.der,.p7b,.p7c"
          multiple
          onFiles={setCerts}
          resetKey={resetKey}
        />
      </div>
      <PassphraseField label={t('identity.pem.passphrase')} value={passphrase} onValue={setPassphrase} autoComplete="off" />
      <Notices notice={notice} onUnlocked={() => void submit()} />
      <div class="ds-actions">
        <Button type="submit" busy={busy}>
          {t('identity.pem.import')}
        </Button>
      </div>
    </form>
  );
}

/** PEM files concatenate; DER files cannot, so more than one file must all be PEM (the service says so if not). */
function joinCertificates(parts: Uint8Array[]): Uint8Array {
  const nl = new TextEncoder().encode('\n');
  const total = parts.reduce((n, p) => n + p.length + 1, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
    out.set(nl, at);
    at += 1;
  }
  return out;
}

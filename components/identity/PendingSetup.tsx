import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { IdentitySummary } from '@/utils/keyservice/api';
import { call, download, fileBytes, fromBase64, toBase64 } from '../client';
import { Button, Field, FileField, Notices } from '../ui/controls';
import { dataChanged } from '../ui/data';
import { safeFilename } from '../ui/format';
import { lockNotice, useAction } from '../ui/useAction';
import { t } from '../i18n/current';
import { rich } from '../i18n/rich';
import { PassphraseField } from './PassphraseField';

/** Set when the user confirms the backup, so the request step that replaces it takes the focus (not on load). */
let focusRequestOf: string | undefined;

const STEPS = ['identity.pending.backup', 'identity.pending.send', 'identity.pending.import'] as const;

/**
 * The steps after "Create a new key": confirm the backup was saved (the key is unusable until then), send the
 * CSR, import what the CA returns.
 */
export function PendingSetup({ identity }: { identity: IdentitySummary }) {
  const backupDone = identity.state !== 'awaiting-backup';
  const current = backupDone ? 1 : 0;
  return (
    <div class="ds-pending">
      <ol class="ds-steps" aria-label={t('identity.pending.steps')}>
        {STEPS.map((label, i) => (
          <li key={label} class={i < current ? 'is-done' : undefined} aria-current={i === current ? 'step' : undefined}>
            <span class="ds-steps__n" aria-hidden="true">
              {i < current ? '✓' : i + 1}
            </span>
            {t(label)}
            {i < current && <span class="ds-visually-hidden">{t('setup.stepDone')}</span>}
          </li>
        ))}
      </ol>
      {backupDone ? <RequestStep identity={identity} /> : <BackupStep identity={identity} />}
    </div>
  );
}

function BackupStep({ identity }: { identity: IdentitySummary }) {
  const save = useAction();
  const confirm = useAction();
  const [again, setAgain] = useState(false);
  const [lockPass, setLockPass] = useState('');
  const askLock = identity.protection === 'passphrase';

  async function downloadAgain() {
    // A backup carries the key away: the DirectSeal passphrase is asked again.
    if (askLock && !again) return setAgain(true);
    const r = await save.run(
      t('identity.pending.preparing'),
      () => call('identities.exportBackup', { id: identity.id, ...(askLock ? { lockPassphrase: lockPass } : {}) }),
      (r) => t('identity.pending.savedAgain', { file: r.filename }),
    );
    setLockPass('');
    if (r) download(fromBase64(r.p12), r.filename, 'application/x-pkcs12');
  }

  async function confirmed() {
    const r = await confirm.run(t('ui.saving'), () => call('identities.confirmBackup', { id: identity.id }));
    if (!r) return;
    focusRequestOf = identity.id;
    dataChanged();
  }

  return (
    <div class="ds-step">
      <p>{rich('identity.pending.saved', { p12: <strong>.p12</strong> })}</p>
      {again && <PassphraseField label={t('identity.export.lockPassphrase')} value={lockPass} onValue={setLockPass} autoComplete="current-password" />}
      <Notices notice={{ ...lockNotice(save.notice), ...(confirm.notice.error ? { error: confirm.notice.error } : {}) }} />
      <div class="ds-actions">
        <Button busy={confirm.busy} onClick={confirmed}>
          {t('identity.pending.confirm')}
        </Button>
        <Button variant="secondary" busy={save.busy} onClick={downloadAgain}>
          {t('identity.pending.downloadAgain')}
        </Button>
      </div>
    </div>
  );
}

function RequestStep({ identity }: { identity: IdentitySummary }) {
  const csr = identity.csrPem ?? '';
  const copy = useAction();
  const upload = useAction();
  const [files, setFiles] = useState<File[]>([]);
  const [pasted, setPasted] = useState('');
  const filename = `${safeFilename(identity.address, 'directseal')}.csr`;
  const title = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => {
    if (focusRequestOf !== identity.id) return;
    focusRequestOf = undefined;
    title.current?.focus();
  }, []);

  async function copyCsr() {
    await copy.run(t('identity.request.copying'), () => navigator.clipboard.writeText(csr), t('identity.request.copied'));
  }

  async function importCertificate(e: Event) {
    e.preventDefault();
    if (files.length === 0 && !pasted.trim()) {
      upload.setNotice({ error: t('identity.request.missing') });
      return;
    }
    const r = await upload.run(t('identity.importing'), async () => {
      const parts = files.length > 0 ? await Promise.all(files.map(fileBytes)) : [new TextEncoder().encode(pasted)];
      const bytes = parts.length === 1 ? parts[0]! : new TextEncoder().encode(parts.map((p) => new TextDecoder().decode(p)).join('\n'));
      return call('identities.importCertificate', { id: identity.id, certificates: toBase64(bytes) });
    });
    if (r) dataChanged();
  }

  return (
    <div class="ds-step">
      <h4 class="ds-step__title" ref={title} tabIndex={-1}>
        {t('identity.request.title')}
      </h4>
      <p>{t('identity.request.note')}</p>
      <pre class="ds-pre" tabIndex={0} aria-label={t('identity.request.pem')}>
        {csr}
      </pre>
      <Notices notice={copy.notice} />
      <div class="ds-actions">
        <Button variant="secondary" busy={copy.busy} onClick={copyCsr}>
          {t('identity.request.copy')}
        </Button>
        <Button variant="secondary" onClick={() => download(csr, filename, 'application/pkcs10')}>
          {t('identity.request.download')}
        </Button>
      </div>

      <form class="ds-form ds-step__import" onSubmit={importCertificate} aria-label={t('identity.request.importForm')} noValidate>
        <h4 class="ds-step__title">{t('identity.request.replied')}</h4>
        <FileField
          label={t('identity.request.file')}
          hint={t('identity.request.file.hint')}
          accept=".pem,.crt,.cer,.der,.p7b,.p7c"
          multiple
          onFiles={setFiles}
        />
        <Field label={t('identity.request.paste')}>
          {({ id }) => (
            <textarea
              id={id}
              class="ds-textarea ds-textarea--mono"
              rows={4}
              spellcheck={false}
              placeholder="-----BEGIN CERTIFICATE-----"
              value={pasted}
              onInput={(e) => setPasted(e.currentTarget.value)}
            />
          )}
        </Field>
        <Notices notice={upload.notice} />
        <div class="ds-actions">
          <Button type="submit" busy={upload.busy}>
            {t('identity.request.import')}
          </Button>
        </div>
      </form>
    </div>
  );
}

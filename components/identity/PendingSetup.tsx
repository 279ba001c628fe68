import { useEffect, useRef, useState } from 'preact/hooks';
import type { IdentitySummary } from '@/utils/keyservice/api';
import { call, download, fileBytes, fromBase64, toBase64 } from '../client';
import { Button, Field, FileField, Notices } from '../ui/controls';
import { dataChanged } from '../ui/data';
import { safeFilename } from '../ui/format';
import { lockNotice, useAction } from '../ui/useAction';
import { PassphraseField } from './PassphraseField';

/** Set when the user confirms the backup, so the request step that replaces it takes the focus (not on load). */
let focusRequestOf: string | undefined;

const STEPS = ['Save the backup', 'Send the request to your CA', 'Import the certificate'] as const;

/**
 * The steps after "Create a new key": confirm the backup was saved (the key is unusable until then), send the
 * CSR, import what the CA returns.
 */
export function PendingSetup({ identity }: { identity: IdentitySummary }) {
  const backupDone = identity.state !== 'awaiting-backup';
  const current = backupDone ? 1 : 0;
  return (
    <div class="ds-pending">
      <ol class="ds-steps" aria-label="Setup steps">
        {STEPS.map((label, i) => (
          <li key={label} class={i < current ? 'is-done' : undefined} aria-current={i === current ? 'step' : undefined}>
            <span class="ds-steps__n" aria-hidden="true">
              {i < current ? '✓' : i + 1}
            </span>
            {label}
            {i < current && <span class="ds-visually-hidden"> (done)</span>}
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
      'Preparing…',
      () => call('identities.exportBackup', { id: identity.id, ...(askLock ? { lockPassphrase: lockPass } : {}) }),
      (r) => `Your browser saved ${r.filename} again.`,
    );
    setLockPass('');
    if (r) download(fromBase64(r.p12), r.filename, 'application/x-pkcs12');
  }

  async function confirmed() {
    const r = await confirm.run('Saving…', () => call('identities.confirmBackup', { id: identity.id }));
    if (!r) return;
    focusRequestOf = identity.id;
    dataChanged();
  }

  return (
    <div class="ds-step">
      <p>
        Your browser downloaded the backup of this key (a <strong>.p12</strong> file, locked with the passphrase you
        chose). It is the only copy outside this browser: move it somewhere safe, such as the practice's password
        manager or a USB drive kept in a locked drawer. The key cannot be used until you confirm.
      </p>
      {again && <PassphraseField label="Your DirectSeal passphrase" value={lockPass} onValue={setLockPass} autoComplete="current-password" />}
      <Notices notice={{ ...lockNotice(save.notice), ...(confirm.notice.error ? { error: confirm.notice.error } : {}) }} />
      <div class="ds-actions">
        <Button busy={confirm.busy} onClick={confirmed}>
          I saved the backup
        </Button>
        <Button variant="secondary" busy={save.busy} onClick={downloadAgain}>
          Download the backup again
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
  useEffect(() => {
    if (focusRequestOf !== identity.id) return;
    focusRequestOf = undefined;
    title.current?.focus();
  }, []);

  async function copyCsr() {
    await copy.run('Copying…', () => navigator.clipboard.writeText(csr), 'The request is on the clipboard: paste it into your CA’s form.');
  }

  async function importCertificate(e: Event) {
    e.preventDefault();
    if (files.length === 0 && !pasted.trim()) {
      upload.setNotice({ error: 'Choose the certificate file your CA sent, or paste its PEM text.' });
      return;
    }
    const r = await upload.run('Importing…', async () => {
      const parts = files.length > 0 ? await Promise.all(files.map(fileBytes)) : [new TextEncoder().encode(pasted)];
      const bytes = parts.length === 1 ? parts[0]! : new TextEncoder().encode(parts.map((p) => new TextDecoder().decode(p)).join('\n'));
      return call('identities.importCertificate', { id: identity.id, certificates: toBase64(bytes) });
    });
    if (r) dataChanged();
  }

  return (
    <div class="ds-step">
      <h4 class="ds-step__title" ref={title} tabIndex={-1}>
        Certificate request (CSR)
      </h4>
      <p>
        Send this request to your HISP or certificate authority. It holds your address and public key only; the
        private key never leaves this browser.
      </p>
      <pre class="ds-pre" tabIndex={0} aria-label="Certificate request in PEM format">
        {csr}
      </pre>
      <Notices notice={copy.notice} />
      <div class="ds-actions">
        <Button variant="secondary" busy={copy.busy} onClick={copyCsr}>
          Copy request
        </Button>
        <Button variant="secondary" onClick={() => download(csr, filename, 'application/pkcs10')}>
          Download .csr
        </Button>
      </div>

      <form class="ds-form ds-step__import" onSubmit={importCertificate} aria-label="Import the certificate from your CA" noValidate>
        <h4 class="ds-step__title">When your CA replies</h4>
        <FileField
          label="Certificate or chain from your CA"
          hint="PEM, DER or .p7b; include the CA certificates if they sent them"
          accept=".pem,.crt,.cer,.der,.p7b,.p7c"
          multiple
          onFiles={setFiles}
        />
        <Field label="…or paste the certificate (PEM)">
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
            Import certificate
          </Button>
        </div>
      </form>
    </div>
  );
}

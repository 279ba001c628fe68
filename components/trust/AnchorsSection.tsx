import { useState } from 'preact/hooks';
import type { AnchorSummary } from '@/utils/keyservice/api';
import { call, fileBytes, toBase64 } from '../client';
import { EmptyState, Section } from '../Section';
import { AnchorIcon } from '../icons';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Badge, Button, Facts, FileField, Fingerprint, Notices } from '../ui/controls';
import { dataChanged, useServiceList } from '../ui/data';
import { commonName, formatDate, relativeDays } from '../ui/format';
import { sentenceOf, useAction } from '../ui/useAction';

/** The roots a signer's certificate must chain to: imported from PEM, DER or a .p7b bundle, several at once. */
export function AnchorsSection() {
  const { data } = useServiceList('anchors.list');
  const [files, setFiles] = useState<File[]>([]);
  const [resetKey, setResetKey] = useState(0);
  const { busy, notice, setNotice, run } = useAction();

  async function submit(e: Event) {
    e.preventDefault();
    if (files.length === 0) return setNotice({ error: 'Choose one or more anchor files (PEM, DER or .p7b).' });
    // One request per file, so each file is all-or-nothing on its own; stop at the first refusal and name it.
    const added = await run(
      'Importing…',
      async () => {
        let count = 0;
        for (const file of files) {
          try {
            count += (await call('anchors.import', { bytes: toBase64(await fileBytes(file)) })).length;
          } catch (err) {
            if (count > 0) dataChanged();
            throw files.length > 1 ? new Error(`${file.name}: ${sentenceOf(err)}`) : err;
          }
        }
        return count;
      },
      (n) => (n === 1 ? 'Added 1 trust anchor.' : `Added ${n} trust anchors.`),
    );
    if (added !== undefined) {
      setFiles([]);
      setResetKey((k) => k + 1);
      dataChanged();
    }
  }

  const anchors = data.state === 'ready' ? data.value : [];
  return (
    <Section
      id="anchors"
      title="Trust anchors"
      icon={<AnchorIcon />}
      summary="The root certificates of the Direct communities you trust (DirectTrust, your HISP). A message counts as verified only when its signer's certificate chains to one of these."
    >
      {data.state === 'failed' && (
        <p class="ds-notice ds-notice--error" role="alert">
          <span class="ds-notice__icon" aria-hidden="true">!</span>
          <span>{data.error}</span>
        </p>
      )}
      {data.state === 'ready' && anchors.length === 0 && (
        <EmptyState title="No trust anchors yet" note="Without one, no signature can be verified. Your HISP can give you its anchor or a trust bundle (.p7b)." />
      )}
      {anchors.length > 0 && (
        <ul class="ds-list" aria-label="Trust anchors">
          {anchors.map((a) => (
            <li key={a.fingerprint}>
              <AnchorCard anchor={a} />
            </li>
          ))}
        </ul>
      )}
      <form class="ds-panel ds-form" onSubmit={submit} aria-labelledby="anchors-add" noValidate>
        <div>
          <h3 class="ds-panel__title" id="anchors-add">
            Add trust anchors
          </h3>
          <p class="ds-panel__note">Pick one or more files: a certificate (PEM or DER) or a trust bundle (.p7b).</p>
        </div>
        <FileField label="Anchor files" accept=".pem,.crt,.cer,.der,.p7b,.p7c" multiple onFiles={setFiles} resetKey={resetKey} />
        <Notices notice={notice} />
        <div class="ds-actions">
          <Button type="submit" busy={busy}>
            Import anchors
          </Button>
        </div>
      </form>
    </Section>
  );
}

function AnchorCard({ anchor }: { anchor: AnchorSummary }) {
  const [confirming, setConfirming] = useState(false);
  const remove = useAction();
  const name = commonName(anchor.subject) ?? anchor.subject;

  async function confirm() {
    const ok = await remove.run('Removing…', () => call('anchors.remove', { fingerprint: anchor.fingerprint }));
    if (ok) {
      setConfirming(false);
      dataChanged();
    }
  }

  return (
    <article class="ds-item" aria-label={name}>
      <div class="ds-item__head">
        <div>
          <h3 class="ds-item__title">
            <span>{name}</span>
            {anchor.expired ? <Badge tone="error">Expired</Badge> : <Badge tone="ok">Trusted</Badge>}
          </h3>
          {name !== anchor.subject && <p class="ds-item__sub">{anchor.subject}</p>}
        </div>
        <Button variant="quiet" aria-label={`Remove ${name}`} onClick={() => setConfirming(true)}>
          Remove
        </Button>
      </div>
      <Facts
        items={[
          ['Expires', `${formatDate(anchor.notAfter)} (${relativeDays(anchor.notAfter)})`],
          ['Fingerprint (SHA-256)', <Fingerprint value={anchor.fingerprint} />],
        ]}
      />
      <ConfirmDialog
        open={confirming}
        title={`Remove the anchor ${name}?`}
        confirmLabel="Remove anchor"
        busy={remove.busy}
        error={remove.notice.error}
        onConfirm={confirm}
        onClose={() => {
          setConfirming(false);
          remove.setNotice({});
        }}
      >
        <p>
          Messages signed under <strong>{name}</strong> will no longer count as verified, and contacts that chain to
          it will show as untrusted.
        </p>
      </ConfirmDialog>
    </article>
  );
}

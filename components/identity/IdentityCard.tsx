import { useState } from 'preact/hooks';
import type { IdentitySummary } from '@/utils/keyservice/api';
import { call } from '../client';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Badge, Button, Facts, Fingerprint } from '../ui/controls';
import { dataChanged } from '../ui/data';
import { commonName, formatDate, relativeDays } from '../ui/format';
import { useAction } from '../ui/useAction';
import { ExportBackupForm } from './ExportBackupForm';
import { PendingSetup } from './PendingSetup';

/** One identity: what it is, whether it can be used, and what can be done with it. */
export function IdentityCard({ identity }: { identity: IdentitySummary }) {
  const [exporting, setExporting] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const del = useAction();
  const headingId = `identity-${identity.id}`;
  const name = commonName(identity.subject);

  async function remove() {
    const done = await del.run('Deleting…', () => call('identities.delete', { id: identity.id }));
    if (done) {
      setDeleting(false);
      dataChanged();
    }
  }

  return (
    <article class="ds-item ds-identity" aria-labelledby={headingId}>
      <div class="ds-item__head">
        <div>
          <h3 class="ds-item__title">
            <span id={headingId}>{identity.address}</span>
            <StateBadge identity={identity} />
          </h3>
          {name && name !== identity.address && <p class="ds-item__sub">{name}</p>}
        </div>
        <div class="ds-actions">
          {identity.state === 'ready' && (
            <Button variant="secondary" aria-expanded={exporting ? 'true' : 'false'} onClick={() => setExporting(!exporting)}>
              Export backup
            </Button>
          )}
          <Button variant="quiet" onClick={() => setDeleting(true)} aria-label={`Delete ${identity.address}`}>
            Delete
          </Button>
        </div>
      </div>

      {identity.state !== 'ready' && <PendingSetup identity={identity} />}

      {identity.fingerprint && (
        <Facts
          items={[
            ['Issued by', commonName(identity.issuer) ?? '—'],
            [
              'Expires',
              identity.notAfter !== undefined ? (
                <span class={identity.expired ? 'ds-text-error' : identity.expiresSoon ? 'ds-text-warn' : undefined}>
                  {formatDate(identity.notAfter)} ({identity.expired ? 'expired ' : ''}
                  {relativeDays(identity.notAfter)})
                </span>
              ) : (
                '—'
              ),
            ],
            ['Fingerprint (SHA-256)', <Fingerprint value={identity.fingerprint} />],
            [
              'Private key',
              identity.protection === 'passphrase' ? (
                'In this browser, encrypted under your DirectSeal passphrase'
              ) : (
                <span class="ds-text-error">In this browser, not protected: anyone who copies this computer's disk can use it</span>
              ),
            ],
          ]}
        />
      )}

      {exporting && <ExportBackupForm identity={identity} onDone={() => setExporting(false)} />}

      <ConfirmDialog
        open={deleting}
        title={`Delete ${identity.address}?`}
        confirmLabel="Delete identity"
        busy={del.busy}
        error={del.notice.error}
        onConfirm={remove}
        onClose={() => {
          setDeleting(false);
          del.setNotice({});
        }}
      >
        <p>
          DirectSeal will forget the private key of <strong>{identity.address}</strong>. Messages sent to this address
          can then no longer be opened in this browser.
        </p>
        <p>Before you delete it, make sure you have its backup file (.p12) and passphrase, so you can import it again.</p>
      </ConfirmDialog>
    </article>
  );
}

function StateBadge({ identity }: { identity: IdentitySummary }) {
  if (identity.state === 'awaiting-backup') return <Badge tone="warn">Backup not confirmed</Badge>;
  if (identity.state === 'awaiting-certificate') return <Badge tone="info">Waiting for certificate</Badge>;
  if (identity.expired) return <Badge tone="error">Expired</Badge>;
  if (identity.expiresSoon) return <Badge tone="warn">Expires soon</Badge>;
  return <Badge tone="ok">Ready</Badge>;
}

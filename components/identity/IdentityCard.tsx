import { useState } from 'preact/hooks';
import type { IdentitySummary } from '@/utils/keyservice/api';
import { call } from '../client';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Badge, Button, Facts, Fingerprint } from '../ui/controls';
import { dataChanged } from '../ui/data';
import { commonName, formatDate, relativeDays } from '../ui/format';
import { useAction } from '../ui/useAction';
import { t } from '../i18n/current';
import { rich } from '../i18n/rich';
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
    const done = await del.run(t('identity.card.deleting'), () => call('identities.delete', { id: identity.id }));
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
              {t('identity.card.export')}
            </Button>
          )}
          <Button variant="quiet" onClick={() => setDeleting(true)} aria-label={t('identity.card.deleteNamed', { address: identity.address })}>
            {t('identity.card.delete')}
          </Button>
        </div>
      </div>

      {identity.state !== 'ready' && <PendingSetup identity={identity} />}

      {identity.fingerprint && (
        <Facts
          items={[
            [t('identity.card.issuedBy'), commonName(identity.issuer) ?? '—'],
            [
              t('identity.card.expires'),
              identity.notAfter !== undefined ? (
                <span class={identity.expired ? 'ds-text-error' : identity.expiresSoon ? 'ds-text-warn' : undefined}>
                  {t(identity.expired ? 'identity.card.expiredOn' : 'identity.card.expiresOn', {
                    date: formatDate(identity.notAfter),
                    when: relativeDays(identity.notAfter),
                  })}
                </span>
              ) : (
                '—'
              ),
            ],
            [t('identity.card.fingerprint'), <Fingerprint value={identity.fingerprint} />],
            [
              t('identity.card.privateKey'),
              identity.protection === 'passphrase' ? (
                t('identity.card.protected')
              ) : (
                <span class="ds-text-error">{t('identity.card.unprotected')}</span>
              ),
            ],
          ]}
        />
      )}

      {exporting && <ExportBackupForm identity={identity} onDone={() => setExporting(false)} />}

      <ConfirmDialog
        open={deleting}
        title={t('identity.delete.title', { address: identity.address })}
        confirmLabel={t('identity.delete.confirm')}
        busy={del.busy}
        error={del.notice.error}
        onConfirm={remove}
        onClose={() => {
          setDeleting(false);
          del.setNotice({});
        }}
      >
        <p>{rich('identity.delete.forget', { address: <strong>{identity.address}</strong> })}</p>
        <p>{t('identity.delete.backupFirst')}</p>
      </ConfirmDialog>
    </article>
  );
}

function StateBadge({ identity }: { identity: IdentitySummary }) {
  if (identity.state === 'awaiting-backup') return <Badge tone="warn">{t('identity.state.awaitingBackup')}</Badge>;
  if (identity.state === 'awaiting-certificate') return <Badge tone="info">{t('identity.state.awaitingCertificate')}</Badge>;
  if (identity.expired) return <Badge tone="error">{t('identity.state.expired')}</Badge>;
  if (identity.expiresSoon) return <Badge tone="warn">{t('identity.state.expiresSoon')}</Badge>;
  return <Badge tone="ok">{t('identity.state.ready')}</Badge>;
}

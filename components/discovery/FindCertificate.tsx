import { useState } from 'preact/hooks';
import type { ContactCertificateStatus } from '@/utils/keyservice/api';
import { call } from '../client';
import { Button } from '../ui/controls';
import { sentenceOf } from '../ui/useAction';
import { ldapNote } from './text';
import './discovery.css';
import { t } from '../i18n/current';

/**
 * In place of "No certificate" beside a recipient: looks the address up in DNS (CERT, through the practice's
 * DNS-over-HTTPS resolver) and, when a certificate is found that the practice's anchors vouch for, keeps it as
 * a contact and tells the compose view the recipient is now sealable.
 */
export function FindCertificate({ address, onFound }: { address: string; onFound: (status: ContactCertificateStatus | 'none') => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  async function find() {
    setBusy(true);
    setError(undefined);
    try {
      const found = await call('contacts.discover', { address });
      onFound(found.status);
    } catch (e) {
      setError(sentenceOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <span class="ds-find">
      <Button variant="secondary" class="ds-find__button" busy={busy ? t('discovery.searching') : undefined} onClick={() => void find()} aria-label={t('discovery.findNamed', { address })}>
        {t('discovery.find')}
      </Button>
      {error && (
        <span class="ds-find__error" role="alert">
          {error} <span class="ds-find__note">{ldapNote()}</span>
        </span>
      )}
    </span>
  );
}

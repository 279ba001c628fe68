import { useState } from 'preact/hooks';
import type { ContactCertificateStatus } from '@/utils/keyservice/api';
import { call, ServiceError } from '../client';
import { Button } from '../ui/controls';
import { sentenceOf } from '../ui/useAction';
import { LDAP_NOTE } from './text';
import './discovery.css';

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
      setError(e instanceof ServiceError ? e.sentence : sentenceOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <span class="ds-find">
      <Button variant="secondary" class="ds-find__button" busy={busy ? 'Searching DNS…' : undefined} onClick={() => void find()} aria-label={`Find certificate for ${address}`}>
        Find certificate
      </Button>
      {error && (
        <span class="ds-find__error" role="alert">
          {error} <span class="ds-find__note">{LDAP_NOTE}</span>
        </span>
      )}
    </span>
  );
}

import type { ContactCertificateStatus } from '@/utils/keyservice/api';
import { Badge, type Tone } from '../ui/controls';
import { FindCertificate } from '../discovery/FindCertificate';

export type Lookup = Record<string, ContactCertificateStatus | 'none' | 'checking' | 'invalid'>;

/** Statuses that let DirectSeal encrypt to the address. */
export const SEALABLE: ReadonlySet<string> = new Set(['trusted', 'accepted-by-fingerprint']);

const SHOWN: Record<Lookup[string], { tone: Tone; label: string }> = {
  trusted: { tone: 'ok', label: 'Certificate trusted' },
  'accepted-by-fingerprint': { tone: 'info', label: 'Certificate accepted by fingerprint' },
  expired: { tone: 'error', label: 'Certificate expired' },
  untrusted: { tone: 'warn', label: 'Certificate not trusted' },
  none: { tone: 'error', label: 'No certificate' },
  checking: { tone: 'neutral', label: 'Checking…' },
  invalid: { tone: 'error', label: 'Not an email address' },
};

/** Under the To field: each address with whether DirectSeal can encrypt to it, and what to do when it cannot. */
export function RecipientList({
  addresses,
  lookup,
  settingsUrl,
  onDiscovered,
}: {
  addresses: string[];
  lookup: Lookup;
  settingsUrl: string;
  /** With it, "No certificate" (and an expired one) gets "Find certificate" beside it (DNS discovery); called with the new status. */
  onDiscovered?: (address: string, status: ContactCertificateStatus | 'none') => void;
}) {
  if (addresses.length === 0) return null;
  const blocked = addresses.filter((a) => !SEALABLE.has(lookup[a] ?? 'checking') && lookup[a] !== 'checking' && lookup[a] !== undefined);
  return (
    <div class="ds-recipients">
      <ul class="ds-recipients__list" aria-label="Recipients">
        {addresses.map((a) => {
          const s = SHOWN[lookup[a] ?? 'checking'];
          return (
            <li key={a}>
              <span class="ds-recipients__addr">{a}</span>
              <Badge tone={s.tone}>{s.label}</Badge>
              {(lookup[a] === 'none' || lookup[a] === 'expired') && onDiscovered && <FindCertificate address={a} onFound={(status) => onDiscovered(a, status)} />}
            </li>
          );
        })}
      </ul>
      {blocked.length > 0 && (
        <p class="ds-recipients__help">
          DirectSeal can only encrypt to recipients whose Direct certificate it has and trusts. Add the certificate of{' '}
          {blocked.join(', ')} in{' '}
          <a href={settingsUrl} target="_blank" rel="noopener">
            Settings → Contacts
          </a>
          , then come back.
        </p>
      )}
    </div>
  );
}

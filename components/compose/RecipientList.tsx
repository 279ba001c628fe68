import type { ContactCertificateStatus } from '@/utils/keyservice/api';
import { Badge, type Tone } from '../ui/controls';
import { FindCertificate } from '../discovery/FindCertificate';
import { t } from '../i18n/current';
import { rich } from '../i18n/rich';

export type Lookup = Record<string, ContactCertificateStatus | 'none' | 'checking' | 'invalid'>;

/** Statuses that let DirectSeal encrypt to the address. */
export const SEALABLE: ReadonlySet<string> = new Set(['trusted', 'accepted-by-fingerprint']);

const TONE: Record<Lookup[string], Tone> = {
  trusted: 'ok',
  'accepted-by-fingerprint': 'info',
  expired: 'error',
  untrusted: 'warn',
  none: 'error',
  checking: 'neutral',
  invalid: 'error',
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
      <ul class="ds-recipients__list" aria-label={t('compose.recipients')}>
        {addresses.map((a) => {
          const status = lookup[a] ?? 'checking';
          return (
            <li key={a}>
              <span class="ds-recipients__addr">{a}</span>
              <Badge tone={TONE[status]}>{t(`compose.status.${status}`)}</Badge>
              {(lookup[a] === 'none' || lookup[a] === 'expired') && onDiscovered && <FindCertificate address={a} onFound={(status) => onDiscovered(a, status)} />}
            </li>
          );
        })}
      </ul>
      {blocked.length > 0 && (
        <p class="ds-recipients__help">
          {rich('compose.recipients.help', {
            addresses: blocked.join(', '),
            link: (
              <a href={settingsUrl} target="_blank" rel="noopener">
                {t('compose.recipients.link')}
              </a>
            ),
          })}
        </p>
      )}
    </div>
  );
}

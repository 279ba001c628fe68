import type { ContactCertificateStatus, ContactSummary } from '@/utils/keyservice/api';
import { call } from '../client';
import { Badge, Button, Facts, Fingerprint, Notices, type Tone } from '../ui/controls';
import { dataChanged } from '../ui/data';
import { commonName, formatDate, relativeDays } from '../ui/format';
import { useAction } from '../ui/useAction';

export const STATUS: Record<ContactCertificateStatus, { tone: Tone; label: string }> = {
  trusted: { tone: 'ok', label: 'Trusted chain' },
  'accepted-by-fingerprint': { tone: 'info', label: 'Accepted by fingerprint' },
  expired: { tone: 'error', label: 'Expired' },
  untrusted: { tone: 'warn', label: 'Untrusted' },
};

const SOURCE: Record<ContactSummary['certificates'][number]['source'], string> = {
  file: 'Added from a file',
  'signed-mail': 'From a signed message',
  dns: 'Found in DNS',
  manual: 'Added by hand',
};

/** One correspondent: an address with one or more certificates (a renewal keeps the old one for a while). */
export function ContactCard({ contact }: { contact: ContactSummary }) {
  const { busy, notice, run } = useAction();
  const headingId = `contact-${contact.address.replace(/[^\w-]/g, '_')}`;

  async function remove(fingerprint: string) {
    const r = await run('Removing…', () => call('contacts.remove', { address: contact.address, fingerprint }));
    if (r) dataChanged();
  }

  return (
    <article class="ds-item" aria-labelledby={headingId}>
      <h3 class="ds-item__title ds-contact__address" id={headingId}>
        {contact.address}
      </h3>
      <ul class="ds-contact__certs">
        {contact.certificates.map((cert) => {
          const status = STATUS[cert.status];
          return (
            <li key={cert.fingerprint} class="ds-contact__cert">
              <div class="ds-item__head">
                <p class="ds-contact__name">
                  <Badge tone={status.tone}>{status.label}</Badge>
                  <span>{commonName(cert.subject)}</span>
                </p>
                <Button variant="quiet" busy={busy} onClick={() => remove(cert.fingerprint)} aria-label={`Remove the certificate of ${contact.address}`}>
                  Remove
                </Button>
              </div>
              {cert.problem && cert.status !== 'trusted' && (
                <p class="ds-contact__problem">
                  {cert.missingIssuer ? <>Missing: the certificate of “{cert.missingIssuer}”. </> : null}
                  {cert.problem}
                </p>
              )}
              <Facts
                items={[
                  ['Issued by', commonName(cert.issuer) ?? cert.issuer],
                  ['Expires', `${formatDate(cert.notAfter)} (${relativeDays(cert.notAfter)})`],
                  ['Fingerprint (SHA-256)', <Fingerprint value={cert.fingerprint} />],
                  ['Source', SOURCE[cert.source]],
                ]}
              />
            </li>
          );
        })}
      </ul>
      <Notices notice={notice} />
    </article>
  );
}

import type { ContactCertificateStatus, ContactSummary } from '@/utils/keyservice/api';
import { call } from '../client';
import { Badge, Button, Facts, Fingerprint, Notices, type Tone } from '../ui/controls';
import { dataChanged } from '../ui/data';
import { commonName, formatDate, relativeDays } from '../ui/format';
import { useAction } from '../ui/useAction';
import { errorText, t } from '../i18n/current';

type Certificate = ContactSummary['certificates'][number];

/** How sure DirectSeal is of a certificate; the label is 'trust.contact.status.<status>'. */
const TONE: Record<ContactCertificateStatus, Tone> = {
  trusted: 'ok',
  'accepted-by-fingerprint': 'info',
  expired: 'error',
  untrusted: 'warn',
};

/** Why a certificate is not trusted, in the page's language: by its code when the service gave one. */
function problemText(cert: Certificate): string {
  return cert.problemCode ? errorText(cert.problemCode, cert.problem ?? '') : (cert.problem ?? '');
}

/** One correspondent: an address with one or more certificates (a renewal keeps the old one for a while). */
export function ContactCard({ contact }: { contact: ContactSummary }) {
  const { busy, notice, run } = useAction();
  const headingId = `contact-${contact.address.replace(/[^\w-]/g, '_')}`;

  async function remove(fingerprint: string) {
    const r = await run(t('trust.removing'), () => call('contacts.remove', { address: contact.address, fingerprint }));
    if (r) dataChanged();
  }

  return (
    <article class="ds-item" aria-labelledby={headingId}>
      <h3 class="ds-item__title ds-contact__address" id={headingId}>
        {contact.address}
      </h3>
      <ul class="ds-contact__certs">
        {contact.certificates.map((cert) => {
          return (
            <li key={cert.fingerprint} class="ds-contact__cert">
              <div class="ds-item__head">
                <p class="ds-contact__name">
                  <Badge tone={TONE[cert.status]}>{t(`trust.contact.status.${cert.status}`)}</Badge>
                  <span>{commonName(cert.subject)}</span>
                </p>
                <Button variant="quiet" busy={busy} onClick={() => remove(cert.fingerprint)} aria-label={t('trust.contact.removeNamed', { address: contact.address })}>
                  {t('trust.remove')}
                </Button>
              </div>
              {cert.problem && cert.status !== 'trusted' && (
                <p class="ds-contact__problem">
                  {cert.missingIssuer ? t('trust.contact.missingIssuer', { issuer: cert.missingIssuer, problem: problemText(cert) }) : problemText(cert)}
                </p>
              )}
              <Facts
                items={[
                  [t('trust.contact.issuedBy'), commonName(cert.issuer) ?? cert.issuer],
                  [t('trust.expires'), t('trust.expiresOn', { date: formatDate(cert.notAfter), relative: relativeDays(cert.notAfter) })],
                  [t('trust.fingerprint'), <Fingerprint value={cert.fingerprint} />],
                  [t('trust.contact.source'), t(`trust.contact.source.${cert.source}`)],
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

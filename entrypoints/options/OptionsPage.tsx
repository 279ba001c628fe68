import { browser } from 'wxt/browser';
import { Brand } from '@/components/Brand';
import { IdentitySection } from '@/components/identity/IdentitySection';
import { AnchorsSection } from '@/components/trust/AnchorsSection';
import { ContactsSection } from '@/components/contacts/ContactsSection';
import { DiscoverySection } from '@/components/discovery/DiscoverySection';
import { LockSection } from '@/components/security/LockSection';
import { IndicatorSection } from '@/components/indicator/IndicatorSection';
import { PracticeCaSection } from '@/components/practice-ca/PracticeCaSection';
import { SitesSection } from '@/components/sites/SitesSection';
import { OutgoingSection } from '@/components/outgoing/OutgoingSection';
import { DeliverySection } from '@/components/delivery/DeliverySection';
import { LanguageSection } from '@/components/i18n/LanguageSection';

const SECTIONS = [
  { id: 'identity', title: 'Your Direct identity' },
  { id: 'indicator', title: 'Security phrase' },
  { id: 'anchors', title: 'Trust anchors' },
  { id: 'contacts', title: 'Contacts' },
  { id: 'practice-ca', title: 'Patients without a HISP' },
  { id: 'discovery', title: 'Certificate discovery' },
  { id: 'lock', title: 'Passphrase lock' },
  { id: 'delivery', title: 'Delivery notifications' },
  { id: 'sites', title: 'Sites' },
  { id: 'outgoing', title: 'Outgoing mail' },
  { id: 'language', title: 'Language / Idioma' },
] as const;

/** The settings page: one card per task, in the order a new practice goes through them. */
export function OptionsPage() {
  const version = browser.runtime.getManifest().version;
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to settings
      </a>
      <header class="page-header">
        <div class="page-header__inner">
          <Brand size={36} tagline="Direct secure health mail" />
          <nav aria-label="DirectSeal pages" class="page-header__links">
            <a href="/secure.html?view=write">Write a message</a>
            <a href="/secure.html?view=read">Open a message</a>
            <a href="/setup.html">Run setup again</a>
          </nav>
        </div>
      </header>
      <div class="page">
        <nav class="page-nav" aria-label="Settings sections">
          <ul>
            {SECTIONS.map((s, i) => (
              <li key={s.id}>
                <a href={`#${s.id}`}>
                  <span class="page-nav__n" aria-hidden="true">
                    {i + 1}
                  </span>
                  {s.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" class="page-main" tabIndex={-1}>
          <div class="intro">
            <h1>Settings</h1>
            <p>
              DirectSeal signs and encrypts Direct messages inside the webmail you already use. Set it up once: add
              your practice's Direct identity, the trust anchors of your community, and the certificates of the people
              you write to. Everything stays in this browser: there is no DirectSeal server.
            </p>
            <details class="intro__protects">
              <summary>What DirectSeal protects, and from whom</summary>
              <ul>
                <li>
                  <strong>Web pages</strong> (your webmail, an EHR, any site) never see what you write or read, nor your keys:
                  that happens in DirectSeal's own window, which shows your security phrase. They see the sealed file and
                  the cover note DirectSeal puts into them, and whatever you type into their own fields.
                </li>
                <li>
                  <strong>Someone who copies this computer's disk</strong> (a lost laptop, a backup) gets nothing usable
                  without your DirectSeal passphrase.
                </li>
                <li>
                  <strong>A forged or altered message</strong> never shows as verified, and DirectSeal says who really signed.
                </li>
                <li>
                  <strong>Not protected:</strong> someone using this browser while DirectSeal is unlocked, and malicious
                  software running on this computer.
                </li>
              </ul>
            </details>
          </div>
          <IdentitySection />
          <IndicatorSection />
          <AnchorsSection />
          <ContactsSection />
          <PracticeCaSection />
          <DiscoverySection />
          <LockSection />
          <DeliverySection />
          <SitesSection />
          <OutgoingSection />
          <LanguageSection />
        </main>
      </div>
      <footer class="page-footer">
        <p>DirectSeal {version} · Keys and certificates never leave this browser.</p>
      </footer>
    </>
  );
}

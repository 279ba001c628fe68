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
import { t } from '@/components/i18n/current';
import { rich } from '@/components/i18n/rich';
import type { MessageId } from '@/utils/i18n';

/** The cards in page order, each with its name in the navigation (in the page's language). */
const SECTIONS: readonly { id: string; title: MessageId }[] = [
  { id: 'identity', title: 'practice.nav.identity' },
  { id: 'indicator', title: 'practice.nav.indicator' },
  { id: 'anchors', title: 'practice.nav.anchors' },
  { id: 'contacts', title: 'practice.nav.contacts' },
  { id: 'practice-ca', title: 'practice.nav.practice-ca' },
  { id: 'discovery', title: 'practice.nav.discovery' },
  { id: 'lock', title: 'practice.nav.lock' },
  { id: 'delivery', title: 'practice.nav.delivery' },
  { id: 'sites', title: 'practice.nav.sites' },
  { id: 'outgoing', title: 'practice.nav.outgoing' },
  { id: 'language', title: 'language.title' },
];

/** What DirectSeal protects: each line names who, in bold, inside its own sentence. */
const PROTECTS: readonly [MessageId, MessageId][] = [
  ['practice.protects.pages', 'practice.protects.pages.who'],
  ['practice.protects.disk', 'practice.protects.disk.who'],
  ['practice.protects.forged', 'practice.protects.forged.who'],
  ['practice.protects.not', 'practice.protects.not.who'],
];

/** The settings page: one card per task, in the order a new practice goes through them. */
export function OptionsPage() {
  const version = browser.runtime.getManifest().version;
  return (
    <>
      <a class="skip-link" href="#main">
        {t('practice.skip')}
      </a>
      <header class="page-header">
        <div class="page-header__inner">
          <Brand size={36} tagline={t('ui.brand.tagline')} />
          <nav aria-label={t('ui.pages')} class="page-header__links">
            <a href="/secure.html?view=write">{t('practice.link.write')}</a>
            <a href="/secure.html?view=read">{t('practice.link.read')}</a>
            <a href="/setup.html">{t('practice.link.setup')}</a>
          </nav>
        </div>
      </header>
      <div class="page">
        <nav class="page-nav" aria-label={t('practice.nav')}>
          <ul>
            {SECTIONS.map((s, i) => (
              <li key={s.id}>
                <a href={`#${s.id}`}>
                  <span class="page-nav__n" aria-hidden="true">
                    {i + 1}
                  </span>
                  {t(s.title)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" class="page-main" tabIndex={-1}>
          <div class="intro">
            <h1>{t('ui.settings')}</h1>
            <p>{t('practice.intro')}</p>
            <details class="intro__protects">
              <summary>{t('practice.protects')}</summary>
              <ul>
                {PROTECTS.map(([line, who]) => (
                  <li key={line}>{rich(line, { who: <strong>{t(who)}</strong> })}</li>
                ))}
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
        <p>{t('practice.footer', { version })}</p>
      </footer>
    </>
  );
}

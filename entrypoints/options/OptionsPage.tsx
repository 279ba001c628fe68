import { browser } from 'wxt/browser';
import { Brand } from '@/components/Brand';
import { EmptyState, Section } from '@/components/Section';
import { AnchorIcon, ContactsIcon, IdentityIcon } from '@/components/icons';

const SECTIONS = [
  { id: 'identity', title: 'Your Direct identity' },
  { id: 'anchors', title: 'Trust anchors' },
  { id: 'contacts', title: 'Contacts' },
] as const;

// Only the layout for now: importing identities, anchors and contacts comes with the key-custody issue.
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
        </div>
      </header>
      <div class="page">
        <nav class="page-nav" aria-label="Settings sections">
          <ul>
            {SECTIONS.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`}>{s.title}</a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" class="page-main" tabIndex={-1}>
          <div class="intro">
            <h1>Settings</h1>
            <p>
              DirectSeal signs and encrypts Direct messages inside the webmail you already use. Everything set up
              here stays in this browser: there is no DirectSeal server.
            </p>
          </div>

          <Section
            id="identity"
            title="Your Direct identity"
            icon={<IdentityIcon />}
            summary="The Direct address you send from, with the certificate and private key your HISP issued for it. The private key is kept non-extractable in this browser and is used only to sign what you send and to open what you receive."
          >
            <EmptyState
              title="No identity yet"
              note="Importing a .p12/.pfx file, or a PEM key with its certificate, arrives in a later version."
            />
          </Section>

          <Section
            id="anchors"
            title="Trust anchors"
            icon={<AnchorIcon />}
            summary="The root certificates of the Direct communities you trust. A message counts as verified only when its signer's certificate chains to one of these anchors."
          >
            <EmptyState
              title="No trust anchors yet"
              note="Importing anchors and trust bundles (PEM, DER or .p7b) arrives in a later version."
            />
          </Section>

          <Section
            id="contacts"
            title="Contacts"
            icon={<ContactsIcon />}
            summary="The Direct certificates of the people you write to. Each message you send is encrypted to its recipients' certificates, and certificates from signed mail you receive can be kept here."
          >
            <EmptyState
              title="No contacts yet"
              note="Adding certificates from a file or from received mail arrives in a later version."
            />
          </Section>
        </main>
      </div>
      <footer class="page-footer">
        <p>
          DirectSeal {version} · Keys and certificates never leave this browser.
        </p>
      </footer>
    </>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { normalizeResolver, resolverPattern } from '@/utils/discovery/resolver';
import type { KeyServiceApi } from '@/utils/keyservice/api';
import { call } from '../client';
import { Section } from '../Section';
import { SearchIcon } from '../icons';
import { Button, Notices, TextField } from '../ui/controls';
import { dataChanged } from '../ui/data';
import { sentenceOf, useAction } from '../ui/useAction';
import { ldapNote } from './text';
import { FetchOnlinePanel } from './FetchOnlinePanel';
import './discovery.css';

type Discovered = KeyServiceApi['contacts.discover']['reply'];

/**
 * Where DirectSeal looks for recipients' certificates: DNS CERT records (Direct's discovery), asked through a
 * DNS-over-HTTPS resolver the practice chooses; and a search by address that keeps what it finds as a contact.
 */
export function DiscoverySection() {
  const [resolver, setResolver] = useState('');
  const [saved, setSaved] = useState('');
  const [address, setAddress] = useState('');
  const [found, setFound] = useState<Discovered | undefined>();
  const save = useAction();
  const search = useAction();

  useEffect(() => {
    call('discovery.settings', {})
      .then((s) => {
        setResolver(s.resolver);
        setSaved(s.resolver);
      })
      .catch((e: unknown) => save.setNotice({ error: `The resolver setting could not be read (${sentenceOf(e)}); reload this page.` }));
  }, []);

  function saveResolver(e: Event) {
    e.preventDefault();
    const parsed = normalizeResolver(resolver);
    if ('error' in parsed) return save.setNotice({ error: parsed.error });
    // The permission prompt first: browsers show it only during the user's click.
    void save
      .run(
        'Saving…',
        async () => {
          const granted = await browser.permissions.request({ origins: [resolverPattern(parsed.url)] });
          if (!granted) throw new Error(`The browser did not allow DirectSeal to ask ${new URL(parsed.url).origin}, so the resolver was not changed; try again and choose Allow.`);
          return call('discovery.setResolver', { resolver: parsed.url });
        },
        (r) => `DirectSeal now looks up certificates through ${r.resolver}.`,
      )
      .then((r) => {
        if (r) {
          setResolver(r.resolver);
          setSaved(r.resolver);
        }
      });
  }

  function find(e: Event) {
    e.preventDefault();
    setFound(undefined);
    void search.run('Searching DNS…', () => call('contacts.discover', { address: address.trim() })).then((r) => {
      if (!r) return;
      setFound(r);
      // The Contacts card above shows the new contact at once.
      dataChanged();
      search.setNotice({ success: `Found a certificate for ${r.address}; it is now in your contacts.` });
    });
  }

  return (
    <Section
      id="discovery"
      title="Certificate discovery"
      icon={<SearchIcon />}
      summary="Direct certificates are published in DNS (CERT records). DirectSeal asks for them through a DNS-over-HTTPS resolver, checks each one against your trust anchors and keeps the ones it can use as contacts. In the compose view, “Find certificate” does the same for a recipient."
    >
      <form class="ds-panel ds-form" onSubmit={saveResolver} aria-labelledby="discovery-resolver" noValidate>
        <div>
          <h3 class="ds-panel__title" id="discovery-resolver">
            DNS-over-HTTPS resolver
          </h3>
          <p class="ds-panel__note">In use: {saved || '…'}. Your browser asks you to allow DirectSeal to reach a new resolver.</p>
        </div>
        <TextField
          label="Resolver address"
          hint="An https:// address, for example https://cloudflare-dns.com/dns-query; http:// only for a resolver on this computer (127.0.0.1 or localhost)."
          type="url"
          inputMode="url"
          autoComplete="off"
          spellcheck={false}
          value={resolver}
          onValue={setResolver}
        />
        <Notices notice={save.notice} />
        <div class="ds-actions">
          <Button type="submit" busy={save.busy}>
            Save resolver
          </Button>
        </div>
      </form>
      <form class="ds-panel ds-form" onSubmit={find} aria-labelledby="discovery-find" noValidate>
        <div>
          <h3 class="ds-panel__title" id="discovery-find">
            Find a certificate
          </h3>
          <p class="ds-panel__note">{ldapNote()}</p>
        </div>
        <TextField label="Direct address to look up" type="email" autoComplete="off" spellcheck={false} value={address} onValue={setAddress} />
        <Notices notice={search.notice} />
        {found && (
          <ul class="ds-list" aria-label="Certificates found">
            {found.certificates.map((c) => (
              <li key={c.fingerprint}>
                {c.subject}: CERT {c.record} at {c.owner}
                {c.url ? ` (${c.url})` : ''} — {c.usable ? 'usable' : c.problem}
              </li>
            ))}
          </ul>
        )}
        <div class="ds-actions">
          <Button type="submit" busy={search.busy}>
            Find certificate
          </Button>
        </div>
      </form>
      <FetchOnlinePanel />
    </Section>
  );
}

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
import { errorText, t } from '../i18n/current';
import { ldapNote } from './text';
import { FetchOnlinePanel } from './FetchOnlinePanel';
import './discovery.css';

type Discovered = KeyServiceApi['contacts.discover']['reply'];

/** One certificate found in DNS, where it was found and whether it can be used (the reason, when not). */
function foundText(c: Discovered['certificates'][number]): string {
  const verdict = c.usable ? t('trust.discovery.usable') : c.code ? errorText(c.code, c.problem ?? '') : (c.problem ?? '');
  const where = { subject: c.subject, record: c.record, owner: c.owner, verdict };
  return c.url ? t('trust.discovery.resultUrl', { ...where, url: c.url }) : t('trust.discovery.result', where);
}

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
      .catch((e: unknown) => save.setNotice({ error: t('trust.discovery.unread', { error: sentenceOf(e) }) }));
  }, []);

  function saveResolver(e: Event) {
    e.preventDefault();
    const parsed = normalizeResolver(resolver);
    if ('error' in parsed) return save.setNotice({ error: t(`trust.discovery.resolver.${parsed.reason}`) });
    // The permission prompt first: browsers show it only during the user's click.
    void save
      .run(
        t('ui.saving'),
        async () => {
          const granted = await browser.permissions.request({ origins: [resolverPattern(parsed.url)] });
          if (!granted) throw new Error(t('trust.discovery.notAllowed', { origin: new URL(parsed.url).origin }));
          return call('discovery.setResolver', { resolver: parsed.url });
        },
        (r) => t('trust.discovery.saved', { resolver: r.resolver }),
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
    void search.run(t('discovery.searching'), () => call('contacts.discover', { address: address.trim() })).then((r) => {
      if (!r) return;
      setFound(r);
      // The Contacts card above shows the new contact at once.
      dataChanged();
      search.setNotice({ success: t('trust.discovery.found', { address: r.address }) });
    });
  }

  return (
    <Section
      id="discovery"
      title={t('trust.discovery.title')}
      icon={<SearchIcon />}
      summary={t('trust.discovery.summary', { find: t('discovery.find') })}
    >
      <form class="ds-panel ds-form" onSubmit={saveResolver} aria-labelledby="discovery-resolver" noValidate>
        <div>
          <h3 class="ds-panel__title" id="discovery-resolver">
            {t('trust.discovery.resolver')}
          </h3>
          <p class="ds-panel__note">{t('trust.discovery.inUse', { resolver: saved || '…' })}</p>
        </div>
        <TextField
          label={t('trust.discovery.resolver.label')}
          hint={t('trust.discovery.resolver.hint')}
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
            {t('trust.discovery.resolver.save')}
          </Button>
        </div>
      </form>
      <form class="ds-panel ds-form" onSubmit={find} aria-labelledby="discovery-find" noValidate>
        <div>
          <h3 class="ds-panel__title" id="discovery-find">
            {t('trust.discovery.find')}
          </h3>
          <p class="ds-panel__note">{ldapNote()}</p>
        </div>
        <TextField label={t('trust.discovery.address')} type="email" autoComplete="off" spellcheck={false} value={address} onValue={setAddress} />
        <Notices notice={search.notice} />
        {found && (
          <ul class="ds-list" aria-label={t('trust.discovery.results')}>
            {found.certificates.map((c) => (
              <li key={c.fingerprint}>{foundText(c)}</li>
            ))}
          </ul>
        )}
        <div class="ds-actions">
          <Button type="submit" busy={search.busy}>
            {t('discovery.find')}
          </Button>
        </div>
      </form>
      <FetchOnlinePanel />
    </Section>
  );
}

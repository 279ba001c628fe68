import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { EmptyState, Section } from '../Section';
import { GlobeIcon } from '../icons';
import { Badge, Button, Notices, TextField } from '../ui/controls';
import { sentenceOf, useAction } from '../ui/useAction';
import { disableSite, listSites, normalizeSite, registerSite, requestSite, restoreSites, type EnabledSite } from './sites';
import './sites.css';
import { t } from '../i18n/current';

/** The buttons the field script puts into a site's pages, named as they read there (in the same language). */
const fieldButtons = () => ({ secure: t('webmail.button.field'), open: t('webmail.button.open') });

type Loaded = { state: 'loading' } | { state: 'ready'; sites: EnabledSite[] } | { state: 'failed'; error: string };

/**
 * The sites where DirectSeal may secure text fields (EHR pages, patient portals): each one is asked for from
 * the browser and gets the field script registered at run time. DirectSeal runs on no other site.
 */
export function SitesSection() {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [site, setSite] = useState('');
  const { busy, notice, setNotice, run } = useAction();

  const reload = useCallback(() => {
    listSites()
      .then((sites) => setLoaded({ state: 'ready', sites }))
      .catch((e: unknown) => setLoaded({ state: 'failed', error: t('practice.sites.readFailed', { error: sentenceOf(e) }) }));
  }, []);

  useEffect(() => {
    // Sites whose script an update dropped come back here too, not only when the background starts.
    restoreSites()
      .catch((e: unknown) => console.warn('DirectSeal: sites not restored', e))
      .finally(reload);
    // A permission withdrawn in the browser's own settings shows here at once.
    browser.permissions.onAdded?.addListener(reload);
    browser.permissions.onRemoved?.addListener(reload);
    return () => {
      browser.permissions.onAdded?.removeListener(reload);
      browser.permissions.onRemoved?.removeListener(reload);
    };
  }, [reload]);

  const sites = loaded.state === 'ready' ? loaded.sites : [];

  function enable(e: Event) {
    e.preventDefault();
    const parsed = normalizeSite(site);
    if ('error' in parsed) return setNotice({ error: parsed.error });
    const { origin } = parsed;
    if (sites.some((s) => s.origin === origin && s.allowed)) return setNotice({ error: t('practice.sites.already', { origin }) });
    // The permission prompt first, before anything else is awaited: browsers only show it for a user gesture.
    void run(
      t('practice.sites.enabling'),
      async () => {
        const granted = await requestSite(origin);
        if (!granted) throw new Error(t('practice.sites.refused', { origin }));
        return registerSite(origin);
      },
      (tabs) => (tabs === 0 ? t('practice.sites.on', { origin }) : tabs === 1 ? t('practice.sites.on.tab', { origin }) : t('practice.sites.on.tabs', { origin, count: tabs })),
    ).then((tabs) => {
      if (tabs !== undefined) setSite('');
      reload();
    });
  }

  function disabled(origin: string) {
    reload();
    setNotice({ success: t('practice.sites.off', { origin }) });
    // The card and its button are gone: focus goes back to the top of the section, not to the page's start.
    const heading = document.getElementById('sites-heading');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus();
  }

  return (
    <Section
      id="sites"
      title={t('practice.sites.title')}
      icon={<GlobeIcon />}
      summary={t('practice.sites.summary', fieldButtons())}
    >
      {loaded.state === 'failed' && (
        <p class="ds-notice ds-notice--error" role="alert">
          <span class="ds-notice__icon" aria-hidden="true">!</span>
          <span>{loaded.error}</span>
        </p>
      )}
      {loaded.state === 'ready' && sites.length === 0 && (
        <EmptyState title={t('practice.sites.empty')} note={t('practice.sites.empty.note')} />
      )}
      {sites.length > 0 && (
        <ul class="ds-list" aria-label={t('practice.sites.list')}>
          {sites.map((s) => (
            <li key={s.origin}>
              <SiteCard site={s} onChanged={reload} onDisabled={disabled} />
            </li>
          ))}
        </ul>
      )}
      <form class="ds-panel ds-form" onSubmit={enable} aria-labelledby="sites-add" noValidate>
        <div>
          <h3 class="ds-panel__title" id="sites-add">
            {t('practice.sites.add')}
          </h3>
          <p class="ds-panel__note">{t('practice.sites.add.note')}</p>
        </div>
        <TextField
          label={t('practice.sites.address')}
          hint={t('practice.sites.address.hint')}
          type="url"
          inputMode="url"
          autoComplete="off"
          spellcheck={false}
          placeholder="https://"
          value={site}
          onValue={setSite}
        />
        <Notices notice={notice} />
        <div class="ds-actions">
          <Button type="submit" busy={busy}>
            {t('practice.sites.enable')}
          </Button>
        </div>
      </form>
    </Section>
  );
}

function SiteCard(props: { site: EnabledSite; onChanged: () => void; onDisabled: (origin: string) => void }) {
  const { site, onChanged } = props;
  const { busy, notice, run } = useAction();
  const host = new URL(site.origin).host;

  function disable() {
    void run(t('practice.sites.disabling'), async () => (await disableSite(site.origin), true)).then((ok) => (ok ? props.onDisabled(site.origin) : onChanged()));
  }

  function allowAgain() {
    // As in enable: the prompt comes first, inside the click.
    void run(t('practice.sites.asking'), async () => {
      if (!(await requestSite(site.origin))) throw new Error(t('practice.sites.stillRefused', { origin: site.origin }));
      await registerSite(site.origin);
    }).then(onChanged);
  }

  return (
    <article class="ds-item ds-site" aria-label={site.origin}>
      <div class="ds-item__head">
        <div>
          <h3 class="ds-item__title">
            <span class="ds-site__origin">{site.origin}</span>
            {site.allowed ? <Badge tone="ok">{t('practice.sites.badge.on')}</Badge> : <Badge tone="warn">{t('practice.sites.badge.notAllowed')}</Badge>}
          </h3>
          <p class="ds-item__sub">
            {site.allowed
              ? t('practice.sites.allowed', { ...fieldButtons(), host })
              : t('practice.sites.withdrawn', { host })}
          </p>
        </div>
        <div class="ds-actions ds-site__actions">
          {!site.allowed && (
            <Button variant="secondary" busy={busy === t('practice.sites.asking') ? busy : undefined} aria-label={t('practice.sites.allowAgain.label', { origin: site.origin })} onClick={allowAgain}>
              {t('practice.sites.allowAgain')}
            </Button>
          )}
          <Button variant="quiet" busy={busy === t('practice.sites.disabling') ? busy : undefined} aria-label={t('practice.sites.disable.label', { origin: site.origin })} onClick={disable}>
            {t('practice.sites.disable')}
          </Button>
        </div>
      </div>
      <Notices notice={notice} />
    </article>
  );
}

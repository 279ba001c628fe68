import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { EmptyState, Section } from '../Section';
import { GlobeIcon } from '../icons';
import { Badge, Button, Notices, TextField } from '../ui/controls';
import { sentenceOf, useAction } from '../ui/useAction';
import { disableSite, listSites, normalizeSite, registerSite, requestSite, restoreSites, type EnabledSite } from './sites';
import './sites.css';

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
      .catch((e: unknown) => setLoaded({ state: 'failed', error: `The enabled sites could not be read (${sentenceOf(e)}); reload this page.` }));
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
    if (sites.some((s) => s.origin === origin && s.allowed)) return setNotice({ error: `DirectSeal is already on for ${origin}.` });
    // The permission prompt first, before anything else is awaited: browsers only show it for a user gesture.
    void run(
      'Enabling…',
      async () => {
        const granted = await requestSite(origin);
        if (!granted) throw new Error(`The browser did not allow DirectSeal on ${origin}, so nothing changed; try again and choose Allow.`);
        return registerSite(origin);
      },
      (tabs) =>
        `DirectSeal is on for ${origin}: click into a text field there to secure it.${tabs ? ` ${tabs === 1 ? 'Its open page already has' : `Its ${tabs} open pages already have`} the button.` : ''}`,
    ).then((tabs) => {
      if (tabs !== undefined) setSite('');
      reload();
    });
  }

  function disabled(origin: string) {
    reload();
    setNotice({ success: `DirectSeal is off for ${origin}. Pages of it that are still open keep the button until you reload them.` });
    // The card and its button are gone: focus goes back to the top of the section, not to the page's start.
    const heading = document.getElementById('sites-heading');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus();
  }

  return (
    <Section
      id="sites"
      title="Sites"
      icon={<GlobeIcon />}
      summary="The EHR and patient portal pages where DirectSeal may secure what you type. There, a text box you click into gets a “Secure this field” button that replaces its text with a sealed block only the recipient can open, and sealed blocks get “Open securely”. DirectSeal runs on no other site."
    >
      {loaded.state === 'failed' && (
        <p class="ds-notice ds-notice--error" role="alert">
          <span class="ds-notice__icon" aria-hidden="true">!</span>
          <span>{loaded.error}</span>
        </p>
      )}
      {loaded.state === 'ready' && sites.length === 0 && (
        <EmptyState title="No sites yet" note="Add the address of your EHR or patient portal below to secure its text fields." />
      )}
      {sites.length > 0 && (
        <ul class="ds-list" aria-label="Enabled sites">
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
            Enable DirectSeal on a site
          </h3>
          <p class="ds-panel__note">Your browser asks you to allow DirectSeal there. It then runs on every page of that site.</p>
        </div>
        <TextField
          label="Site address"
          hint="For example https://ehr.example.org. Only the site counts: any path after it is ignored."
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
            Enable DirectSeal on this site
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
    void run('Disabling…', async () => (await disableSite(site.origin), true)).then((ok) => (ok ? props.onDisabled(site.origin) : onChanged()));
  }

  function allowAgain() {
    // As in enable: the prompt comes first, inside the click.
    void run('Asking…', async () => {
      if (!(await requestSite(site.origin))) throw new Error(`The browser did not allow DirectSeal on ${site.origin}; it stays off there.`);
      await registerSite(site.origin);
    }).then(onChanged);
  }

  return (
    <article class="ds-item ds-site" aria-label={site.origin}>
      <div class="ds-item__head">
        <div>
          <h3 class="ds-item__title">
            <span class="ds-site__origin">{site.origin}</span>
            {site.allowed ? <Badge tone="ok">On</Badge> : <Badge tone="warn">Not allowed</Badge>}
          </h3>
          <p class="ds-item__sub">
            {site.allowed
              ? `“Secure this field” and “Open securely” on every page of ${host}.`
              : `The browser no longer lets DirectSeal run on ${host}. Allow it again, or disable the site.`}
          </p>
        </div>
        <div class="ds-actions ds-site__actions">
          {!site.allowed && (
            <Button variant="secondary" busy={busy === 'Asking…' ? busy : undefined} aria-label={`Allow DirectSeal again on ${site.origin}`} onClick={allowAgain}>
              Allow again
            </Button>
          )}
          <Button variant="quiet" busy={busy === 'Disabling…' ? busy : undefined} aria-label={`Disable DirectSeal on ${site.origin}`} onClick={disable}>
            Disable
          </Button>
        </div>
      </div>
      <Notices notice={notice} />
    </article>
  );
}

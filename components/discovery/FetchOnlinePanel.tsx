import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { call } from '../client';
import { Notices } from '../ui/controls';
import { sentenceOf, useAction } from '../ui/useAction';
import { t } from '../i18n/current';
import './discovery.css';

/** Any web address: a certificate may name its CA's server anywhere (AIA caIssuers, CRL distribution points). */
const CA_SERVERS = ['http://*/*', 'https://*/*'];

/**
 * Whether opening a message may fetch a missing intermediate and the revocation lists its certificates name
 * (utils/pki/online-path.ts). Off until the practice turns it on: it reaches servers the sender's certificate
 * names, which then learn that a message was opened, and it needs the browser's leave to reach any address.
 */
export function FetchOnlinePanel() {
  const [on, setOn] = useState<boolean | undefined>();
  // While the browser's own prompt is up: the page says what it waits for (the prompt may be easy to miss).
  const [asking, setAsking] = useState(false);
  const action = useAction();

  useEffect(() => {
    call('pki.settings', {})
      .then((s) => setOn(s.fetchOnline))
      .catch((e: unknown) => action.setNotice({ error: t('trust.fetch.unread', { error: sentenceOf(e) }) }));
  }, []);

  function change(next: boolean) {
    void action
      .run(
        t('ui.saving'),
        async () => {
          // The permission prompt first: browsers show it only during the user's click.
          if (next && !(await allowed())) throw new Error(t('trust.fetch.notAllowed'));
          return call('pki.setFetchOnline', { fetchOnline: next });
        },
        (r) => t(r.fetchOnline ? 'trust.fetch.on' : 'trust.fetch.off'),
      )
      .then((r) => r && setOn(r.fetchOnline));
  }

  async function allowed(): Promise<boolean> {
    setAsking(true);
    try {
      return await browser.permissions.request({ origins: CA_SERVERS });
    } finally {
      setAsking(false);
    }
  }

  return (
    <div class="ds-panel ds-form" role="group" aria-labelledby="discovery-fetch">
      <div>
        <h3 class="ds-panel__title" id="discovery-fetch">
          {t('trust.fetch.title')}
        </h3>
        <p class="ds-panel__note">{t('trust.fetch.note')}</p>
      </div>
      <label class="ds-choice">
        <input type="checkbox" checked={on === true} disabled={on === undefined || action.busy !== undefined} onChange={(e) => change(e.currentTarget.checked)} />
        {t('trust.fetch.choice')}
      </label>
      <p class="ds-panel__note ds-fetch__asking" role="status">
        {asking ? t('trust.fetch.asking') : ''}
      </p>
      <Notices notice={action.notice} />
    </div>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { call } from '../client';
import { Notices } from '../ui/controls';
import { sentenceOf, useAction } from '../ui/useAction';

/** Any web address: a certificate may name its CA's server anywhere (AIA caIssuers, CRL distribution points). */
const CA_SERVERS = ['http://*/*', 'https://*/*'];

/**
 * Whether opening a message may fetch a missing intermediate and the revocation lists its certificates name
 * (utils/pki/online-path.ts). Off until the practice turns it on: it reaches servers the sender's certificate
 * names, which then learn that a message was opened, and it needs the browser's leave to reach any address.
 */
export function FetchOnlinePanel() {
  const [on, setOn] = useState<boolean | undefined>();
  const action = useAction();

  useEffect(() => {
    call('pki.settings', {})
      .then((s) => setOn(s.fetchOnline))
      .catch((e: unknown) => action.setNotice({ error: `The setting could not be read (${sentenceOf(e)}); reload this page.` }));
  }, []);

  function change(next: boolean) {
    void action
      .run(
        'Saving…',
        async () => {
          // The permission prompt first: browsers show it only during the user's click.
          if (next && !(await browser.permissions.request({ origins: CA_SERVERS }))) {
            throw new Error('The browser did not allow DirectSeal to reach CA servers, so nothing is fetched; try again and choose Allow.');
          }
          return call('pki.setFetchOnline', { fetchOnline: next });
        },
        (r) => (r.fetchOnline ? 'Missing issuers and revocation lists are now fetched when a message is opened.' : 'Nothing is fetched any more when a message is opened.'),
      )
      .then((r) => r && setOn(r.fetchOnline));
  }

  return (
    <div class="ds-panel ds-form" role="group" aria-labelledby="discovery-fetch">
      <div>
        <h3 class="ds-panel__title" id="discovery-fetch">
          Issuers and revocation lists
        </h3>
        <p class="ds-panel__note">
          A sender’s certificate may name where its issuing CA’s certificate and its revocation list (CRL) can be
          downloaded. With this on, DirectSeal fetches them when a message is opened, so that a message whose chain is
          incomplete can still be verified and a revoked certificate is caught. The sender’s CA then learns that a
          message was opened, and from which network. What could not be fetched is said under the verdict’s
          technical details.
        </p>
      </div>
      <label class="ds-choice">
        <input type="checkbox" checked={on === true} disabled={on === undefined || action.busy !== undefined} onChange={(e) => change(e.currentTarget.checked)} />
        Fetch missing issuers and revocation lists when a message is opened
      </label>
      <Notices notice={action.notice} />
    </div>
  );
}

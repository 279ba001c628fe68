import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Brand } from '@/components/Brand';
import { call } from '@/components/client';

type Worker = { state: 'checking' } | { state: 'running'; version: string } | { state: 'down' };
type Identity = { state: 'checking' } | { state: 'none' } | { state: 'ready'; address: string } | { state: 'pending'; address: string };

export function PopupPage() {
  const [worker, setWorker] = useState<Worker>({ state: 'checking' });
  const [identity, setIdentity] = useState<Identity>({ state: 'checking' });

  useEffect(() => {
    call('status', {})
      .then((reply) => setWorker({ state: 'running', version: reply.version }))
      .catch(() => setWorker({ state: 'down' }));
    call('identities.list', {})
      .then((list) => {
        const ready = list.find((i) => i.state === 'ready');
        const first = ready ?? list[0];
        setIdentity(!first ? { state: 'none' } : ready ? { state: 'ready', address: ready.address } : { state: 'pending', address: first.address });
      })
      .catch(() => setIdentity({ state: 'none' }));
  }, []);

  async function openSettings() {
    await browser.runtime.openOptionsPage();
    window.close();
  }

  /** secure.html: write a Direct message to download, or open a .eml/.p7m file or pasted block. */
  async function openPage(view: 'read' | 'write') {
    await browser.tabs.create({ url: browser.runtime.getURL(`/secure.html?view=${view}`) });
    window.close();
  }

  return (
    <main class="popup">
      <header class="popup__header">
        <Brand size={28} />
      </header>
      <h1 class="ds-visually-hidden">DirectSeal status</h1>
      <dl class="popup__status" aria-live="polite">
        <div>
          <dt>Extension</dt>
          <dd data-state={worker.state === 'running' ? 'ok' : worker.state === 'down' ? 'bad' : 'wait'}>
            {worker.state === 'running' ? `Running · v${worker.version}` : worker.state === 'down' ? 'Not responding' : 'Checking…'}
          </dd>
        </div>
        <div>
          <dt>Direct identity</dt>
          <dd data-state={identity.state === 'ready' ? 'ok' : 'wait'}>
            {identity.state === 'ready'
              ? identity.address
              : identity.state === 'pending'
                ? `${identity.address} (setup not finished)`
                : identity.state === 'checking'
                  ? 'Checking…'
                  : 'Not set up yet'}
          </dd>
        </div>
      </dl>
      <div class="popup__actions">
        <button type="button" class="ds-button popup__open" onClick={() => void openPage('read')}>
          Open a secure message file
        </button>
        <button type="button" class="ds-button ds-button--secondary popup__open" onClick={() => void openPage('write')}>
          Write a secure message
        </button>
        <button type="button" class="ds-button ds-button--secondary popup__open" onClick={openSettings}>
          Open settings
        </button>
      </div>
    </main>
  );
}

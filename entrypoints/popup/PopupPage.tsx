import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Brand } from '@/components/Brand';
import type { Refusal, Reply } from '../background';

type Worker = { state: 'checking' } | { state: 'running'; version: string } | { state: 'down' };

export function PopupPage() {
  const [worker, setWorker] = useState<Worker>({ state: 'checking' });

  useEffect(() => {
    browser.runtime
      .sendMessage({ type: 'status' })
      .then((reply: Reply<'status'> | Refusal | undefined) =>
        setWorker(reply?.ok ? { state: 'running', version: reply.version } : { state: 'down' }),
      )
      .catch(() => setWorker({ state: 'down' }));
  }, []);

  async function openSettings() {
    await browser.runtime.openOptionsPage();
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
          <dd data-state="wait">Not set up yet</dd>
        </div>
      </dl>
      <button type="button" class="ds-button popup__open" onClick={openSettings}>
        Open settings
      </button>
    </main>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Brand } from '@/components/Brand';
import { call } from '@/components/client';
import { DeliveryList } from '@/components/delivery/DeliveryList';
import type { IdentitySummary, LockStatus } from '@/utils/keyservice/api';

type Worker = { state: 'checking' } | { state: 'running'; version: string } | { state: 'down' };
type Identity =
  | { state: 'checking' }
  | { state: 'none' }
  | { state: 'ready'; address: string }
  | { state: 'expired'; address: string }
  | { state: 'pending'; address: string };
type Lock = { state: 'checking' } | { state: 'known'; status: LockStatus } | { state: 'unknown' };

/** The identity the popup names: a usable one first; an expired one is never called ready. */
function identityOf(list: IdentitySummary[]): Identity {
  const ready = list.find((i) => i.state === 'ready' && !i.expired);
  if (ready) return { state: 'ready', address: ready.address };
  const expired = list.find((i) => i.state === 'ready' && i.expired);
  if (expired) return { state: 'expired', address: expired.address };
  return list[0] ? { state: 'pending', address: list[0].address } : { state: 'none' };
}

const IDENTITY_TEXT: Record<Identity['state'], (address: string) => string> = {
  ready: (a) => a,
  expired: (a) => `${a} (certificate expired: renew it)`,
  pending: (a) => `${a} (setup not finished)`,
  checking: () => 'Checking…',
  none: () => 'Not set up yet',
};

function lockText(lock: Lock): { text: string; state: 'ok' | 'bad' | 'wait' } {
  if (lock.state !== 'known') return { text: lock.state === 'checking' ? 'Checking…' : 'Unknown', state: 'wait' };
  const { status } = lock;
  if (status.mode === 'unset') return { text: 'No passphrase yet', state: 'wait' };
  if (status.mode === 'unprotected') return { text: 'Not protected (no passphrase)', state: 'bad' };
  return status.unlocked ? { text: 'Unlocked', state: 'ok' } : { text: 'Locked', state: 'wait' };
}

export function PopupPage() {
  const [worker, setWorker] = useState<Worker>({ state: 'checking' });
  const [identity, setIdentity] = useState<Identity>({ state: 'checking' });
  const [lock, setLock] = useState<Lock>({ state: 'checking' });

  useEffect(() => {
    call('status', {})
      .then((reply) => setWorker({ state: 'running', version: reply.version }))
      .catch(() => setWorker({ state: 'down' }));
    call('identities.list', {})
      .then((list) => setIdentity(identityOf(list)))
      .catch(() => setIdentity({ state: 'none' }));
    call('lock.status', {})
      .then((status) => setLock({ state: 'known', status }))
      .catch(() => setLock({ state: 'unknown' }));
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

  async function lockNow() {
    const status = await call('lock.lock', {}).catch(() => undefined);
    setLock(status ? { state: 'known', status } : { state: 'unknown' });
  }

  const address = 'address' in identity ? identity.address : '';
  const lockShown = lockText(lock);
  const unlocked = lock.state === 'known' && lock.status.mode === 'passphrase' && lock.status.unlocked;
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
          <dd data-state={identity.state === 'ready' ? 'ok' : identity.state === 'expired' ? 'bad' : 'wait'}>{IDENTITY_TEXT[identity.state](address)}</dd>
        </div>
        <div>
          <dt>Keys</dt>
          <dd data-state={lockShown.state}>{lockShown.text}</dd>
        </div>
      </dl>
      <section class="popup__sent" aria-labelledby="popup-sent">
        <h2 id="popup-sent" class="popup__heading">
          Last sent messages
        </h2>
        <DeliveryList limit={3} compact />
      </section>
      <div class="popup__actions">
        {unlocked && (
          <button type="button" class="ds-button popup__open" onClick={() => void lockNow()}>
            Lock now
          </button>
        )}
        <button type="button" class={`ds-button ${unlocked ? 'ds-button--secondary' : ''} popup__open`} onClick={() => void openPage('read')}>
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

import { useState } from 'preact/hooks';
import type { LockStatus } from '@/utils/keyservice/api';
import { call } from '../client';
import { Section } from '../Section';
import { LockIcon } from '../icons';
import { Badge, Button, Notices } from '../ui/controls';
import { dataChanged, useServiceList } from '../ui/data';
import { lockNotice, useAction } from '../ui/useAction';
import { PassphraseField } from '../identity/PassphraseField';
import { SecurityIndicator } from '../indicator/SecurityIndicator';
import { ChoosePassphraseForm, noPassphraseMeans, NoPassphraseChoice, passphraseProtects } from './ChoosePassphrase';

/**
 * The passphrase lock: the one thing that keeps private keys from whoever reads this computer's disk. Chosen
 * before the first key; an install without it says plainly that its keys are not protected.
 */
export function LockSection() {
  const { data } = useServiceList('lock.status');
  return (
    <Section id="lock" title="Passphrase lock" icon={<LockIcon />} summary={passphraseProtects()}>
      {data.state === 'failed' && (
        <p class="ds-notice ds-notice--error" role="alert">
          <span class="ds-notice__icon" aria-hidden="true">!</span>
          <span>{data.error}</span>
        </p>
      )}
      {data.state === 'ready' && <LockControls status={data.value} />}
    </Section>
  );
}

function LockControls({ status }: { status: LockStatus }) {
  if (status.mode === 'unset') {
    return (
      <div class="ds-form">
        <p class="ds-lock__state">
          Lock: <Badge tone="warn">No passphrase yet</Badge>
        </p>
        <ChoosePassphraseForm label="Choose your DirectSeal passphrase" submitLabel="Set the passphrase" />
        <NoPassphraseChoice />
      </div>
    );
  }
  if (status.mode === 'unprotected') return <Unprotected status={status} />;
  return <Locked status={status} />;
}

/** Keys a disk reader can use: said plainly, with the way out right there. */
function Unprotected({ status }: { status: LockStatus }) {
  return (
    <div class="ds-form">
      <p class="ds-lock__state">
        Lock: <Badge tone="error">Off · keys not protected</Badge>
      </p>
      <div class="ds-notice ds-notice--error" role="alert">
        <span class="ds-notice__icon" aria-hidden="true">!</span>
        <span>
          Your private keys are not protected. {noPassphraseMeans()}
          {status.earlierVersion ? ' They were stored by an earlier version of DirectSeal, before a passphrase was required.' : ''} Set a
          passphrase: DirectSeal then rewrites its storage so that no readable copy of the keys stays on the disk.
        </span>
      </div>
      <ChoosePassphraseForm label="Protect your keys with a passphrase" submitLabel="Protect my keys" />
    </div>
  );
}

function Locked({ status }: { status: LockStatus }) {
  const [pass, setPass] = useState('');
  const [offPass, setOffPass] = useState('');
  const [understood, setUnderstood] = useState(false);
  const { busy, notice: raw, setNotice, run } = useAction();
  const notice = lockNotice(raw);

  async function act(e: Event, what: 'disable' | 'unlock' | 'lock') {
    e.preventDefault();
    if (what === 'disable') {
      if (!understood) return setNotice({ error: 'Tick the box to confirm you understand what turning the lock off means.' });
      await done(run('Turning the lock off…', () => call('lock.disable', { passphrase: offPass, understood: true }), 'The lock is off. Your keys are no longer protected.'));
    } else if (what === 'unlock') {
      await done(run('Unlocking…', () => call('lock.unlock', { passphrase: pass }), 'Unlocked.'));
    } else {
      await done(run('Locking…', () => call('lock.lock', {}), 'Locked.'));
    }
  }

  async function done(p: Promise<LockStatus | undefined>) {
    const r = await p;
    setPass('');
    setOffPass('');
    if (r) dataChanged();
  }

  return (
    <div class="ds-form">
      <p class="ds-lock__state">
        Lock: {status.unlocked ? <Badge tone="ok">On · unlocked</Badge> : <Badge tone="warn">On · locked</Badge>}
        <span class="ds-item__sub">Locks after {status.idleMinutes} minutes without use.</span>
      </p>
      <form class="ds-form ds-lock-form" onSubmit={(e) => act(e, status.unlocked ? 'lock' : 'unlock')} aria-label="Passphrase lock" noValidate>
        {!status.unlocked && <SecurityIndicator />}
        {!status.unlocked && <PassphraseField label="Lock passphrase" value={pass} onValue={setPass} autoComplete="current-password" />}
        <Notices notice={notice} />
        <div class="ds-actions">
          <Button type="submit" busy={busy}>
            {status.unlocked ? 'Lock now' : 'Unlock'}
          </Button>
        </div>
        <details class="ds-details">
          <summary>Turn the lock off (not recommended)</summary>
          <div class="ds-form">
            <p class="ds-notice ds-notice--warn">
              <span class="ds-notice__icon" aria-hidden="true">!</span>
              <span>{noPassphraseMeans()}</span>
            </p>
            <PassphraseField label="Current lock passphrase" value={offPass} onValue={setOffPass} autoComplete="current-password" />
            <label class="ds-choice">
              <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.currentTarget.checked)} />
              I understand: anyone who copies this computer's disk can sign as me.
            </label>
            <div class="ds-actions">
              <Button variant="secondary" busy={busy} onClick={(e: Event) => act(e, 'disable')}>
                Turn the lock off
              </Button>
            </div>
          </div>
        </details>
      </form>
    </div>
  );
}

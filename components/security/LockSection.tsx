import { useState } from 'preact/hooks';
import type { LockStatus } from '@/utils/keyservice/api';
import { call } from '../client';
import { Section } from '../Section';
import { LockIcon } from '../icons';
import { Badge, Button, Notices, TextField } from '../ui/controls';
import { dataChanged, useServiceList } from '../ui/data';
import { lockNotice, useAction } from '../ui/useAction';
import { PassphraseField } from '../identity/PassphraseField';

/**
 * The optional passphrase lock: keys stay wrapped under a passphrase at rest and are unlocked for a session that
 * ends after an idle time. Without it they are wrapped under a key only this browser profile holds.
 */
export function LockSection() {
  const { data } = useServiceList('lock.status');
  return (
    <Section
      id="lock"
      title="Passphrase lock"
      icon={<LockIcon />}
      summary="Optional. With the lock on, your private keys can only be used after you type a passphrase, and they lock again when DirectSeal has been idle for a while. Useful on a computer that others also use."
    >
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
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const [offPass, setOffPass] = useState('');
  const [minutes, setMinutes] = useState(String(status.idleMinutes || 15));
  const { busy, notice: raw, setNotice, run } = useAction();
  const notice = lockNotice(raw);

  async function act(e: Event, what: 'enable' | 'disable' | 'unlock' | 'lock') {
    e.preventDefault();
    if (what === 'enable') {
      const idle = Number(minutes);
      if (pass.length < 10) return setNotice({ error: 'Choose a passphrase of at least 10 characters.' });
      if (pass !== again) return setNotice({ error: 'The two passphrases differ; type the same passphrase twice.' });
      if (!Number.isInteger(idle) || idle < 1 || idle > 24 * 60) return setNotice({ error: 'Type an idle time between 1 and 1440 minutes.' });
      await done(run('Turning the lock on…', () => call('lock.enable', { passphrase: pass, idleMinutes: idle }), 'The lock is on. Your keys are now protected by your passphrase.'));
    } else if (what === 'disable') {
      await done(run('Turning the lock off…', () => call('lock.disable', { passphrase: offPass }), 'The lock is off.'));
    } else if (what === 'unlock') {
      await done(run('Unlocking…', () => call('lock.unlock', { passphrase: pass }), 'Unlocked.'));
    } else {
      await done(run('Locking…', () => call('lock.lock', {}), 'Locked.'));
    }
  }

  async function done(p: Promise<LockStatus | undefined>) {
    const r = await p;
    setPass('');
    setAgain('');
    setOffPass('');
    if (r) dataChanged();
  }

  const badge = !status.enabled ? (
    <Badge tone="neutral">Off</Badge>
  ) : status.unlocked ? (
    <Badge tone="ok">On · unlocked</Badge>
  ) : (
    <Badge tone="warn">On · locked</Badge>
  );

  return (
    <div class="ds-form">
      <p class="ds-lock__state">
        Lock: {badge}
        {status.enabled && <span class="ds-item__sub">Locks after {status.idleMinutes} minutes without use.</span>}
      </p>

      {!status.enabled && (
        <form class="ds-form ds-lock-form" onSubmit={(e) => act(e, 'enable')} aria-label="Turn the passphrase lock on" noValidate>
          <div class="ds-form__row">
            <PassphraseField label="Lock passphrase" hint="At least 10 characters. If you forget it, import your identities again from their backups." value={pass} onValue={setPass} />
            <PassphraseField label="Lock passphrase again" value={again} onValue={setAgain} />
            <TextField label="Lock after (minutes idle)" type="number" min={1} max={1440} inputMode="numeric" value={minutes} onValue={setMinutes} />
          </div>
          <Notices notice={notice} />
          <div class="ds-actions">
            <Button type="submit" busy={busy}>
              Turn the lock on
            </Button>
          </div>
        </form>
      )}

      {status.enabled && (
        <form class="ds-form ds-lock-form" onSubmit={(e) => act(e, status.unlocked ? 'lock' : 'unlock')} aria-label="Passphrase lock" noValidate>
          {!status.unlocked && <PassphraseField label="Lock passphrase" value={pass} onValue={setPass} autoComplete="current-password" />}
          <Notices notice={notice} />
          <div class="ds-actions">
            <Button type="submit" busy={busy}>
              {status.unlocked ? 'Lock now' : 'Unlock'}
            </Button>
          </div>
          <details class="ds-details">
            <summary>Turn the lock off</summary>
            <div class="ds-form">
              <PassphraseField label="Current lock passphrase" value={offPass} onValue={setOffPass} autoComplete="current-password" />
              <div class="ds-actions">
                <Button variant="secondary" busy={busy} onClick={(e: Event) => act(e, 'disable')}>
                  Turn the lock off
                </Button>
              </div>
            </div>
          </details>
        </form>
      )}
    </div>
  );
}

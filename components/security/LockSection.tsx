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
import { t } from '../i18n/current';
import { rich } from '../i18n/rich';
import { ChoosePassphraseForm, noPassphraseMeans, NoPassphraseChoice, passphraseProtects } from './ChoosePassphrase';

/**
 * The passphrase lock: the one thing that keeps private keys from whoever reads this computer's disk. Chosen
 * before the first key; an install without it says plainly that its keys are not protected.
 */
export function LockSection() {
  const { data } = useServiceList('lock.status');
  return (
    <Section id="lock" title={t('identity.lock.title')} icon={<LockIcon />} summary={passphraseProtects()}>
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
        <p class="ds-lock__state">{rich('identity.lock.state', { state: <Badge tone="warn">{t('identity.lock.unset')}</Badge> })}</p>
        <ChoosePassphraseForm label={t('lock.choose')} submitLabel={t('lock.setButton')} />
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
      <p class="ds-lock__state">{rich('identity.lock.state', { state: <Badge tone="error">{t('identity.lock.off')}</Badge> })}</p>
      <div class="ds-notice ds-notice--error" role="alert">
        <span class="ds-notice__icon" aria-hidden="true">!</span>
        <span>{t(status.earlierVersion ? 'identity.lock.unprotected.earlier' : 'identity.lock.unprotected', { means: noPassphraseMeans() })}</span>
      </div>
      <ChoosePassphraseForm label={t('identity.lock.protect.form')} submitLabel={t('identity.lock.protect')} />
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
      if (!understood) return setNotice({ error: t('identity.lock.off.tick') });
      await done(run(t('identity.lock.off.busy'), () => call('lock.disable', { passphrase: offPass, understood: true }), t('identity.lock.off.done')));
    } else if (what === 'unlock') {
      await done(run(t('ui.unlock.busy'), () => call('lock.unlock', { passphrase: pass }), t('identity.lock.unlocked.done')));
    } else {
      await done(run(t('identity.lock.locking'), () => call('lock.lock', {}), t('identity.lock.locked.done')));
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
        {rich('identity.lock.state', {
          state: status.unlocked ? <Badge tone="ok">{t('identity.lock.unlocked')}</Badge> : <Badge tone="warn">{t('identity.lock.locked')}</Badge>,
        })}
        <span class="ds-item__sub">
          {status.idleMinutes === 1 ? t('identity.lock.idle.one') : t('identity.lock.idle.other', { minutes: status.idleMinutes })}
        </span>
      </p>
      <form class="ds-form ds-lock-form" onSubmit={(e) => act(e, status.unlocked ? 'lock' : 'unlock')} aria-label={t('identity.lock.form')} noValidate>
        {!status.unlocked && <SecurityIndicator />}
        {!status.unlocked && <PassphraseField label={t('identity.lock.passphrase')} value={pass} onValue={setPass} autoComplete="current-password" />}
        <Notices notice={notice} />
        <div class="ds-actions">
          <Button type="submit" busy={busy}>
            {status.unlocked ? t('popup.lockNow') : t('ui.unlock.unlock')}
          </Button>
        </div>
        <details class="ds-details">
          <summary>{t('identity.lock.off.summary')}</summary>
          <div class="ds-form">
            <p class="ds-notice ds-notice--warn">
              <span class="ds-notice__icon" aria-hidden="true">!</span>
              <span>{noPassphraseMeans()}</span>
            </p>
            <PassphraseField label={t('identity.lock.off.passphrase')} value={offPass} onValue={setOffPass} autoComplete="current-password" />
            <label class="ds-choice">
              <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.currentTarget.checked)} />
              {t('lock.none.understood')}
            </label>
            <div class="ds-actions">
              <Button variant="secondary" busy={busy} onClick={(e: Event) => act(e, 'disable')}>
                {t('identity.lock.off.button')}
              </Button>
            </div>
          </div>
        </details>
      </form>
    </div>
  );
}

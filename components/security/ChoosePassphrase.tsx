import { useState } from 'preact/hooks';
import { call } from '../client';
import { Button, Notices, TextField } from '../ui/controls';
import { dataChanged } from '../ui/data';
import { useAction } from '../ui/useAction';
import { MIN_PASSPHRASE, PassphraseField } from '../identity/PassphraseField';
import { t } from '../i18n/current';


/** What the passphrase protects, and from whom: said the same way wherever it is asked for. */
export const passphraseProtects = (): string => t('lock.protects');

/** Plain words for the choice of no passphrase: what it gives away. */
export const noPassphraseMeans = (): string => t('lock.noneMeans');

/**
 * Setting the passphrase: before the first key (the identity section shows this instead of the import forms),
 * or later on an install whose keys are not protected (they are then moved under it).
 */
export function ChoosePassphraseForm({ label, submitLabel }: { label: string; submitLabel: string }) {
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const [minutes, setMinutes] = useState('15');
  const { busy, notice, setNotice, run } = useAction();

  async function submit(e: Event) {
    e.preventDefault();
    const idle = Number(minutes);
    if (pass.length < MIN_PASSPHRASE) return setNotice({ error: t('lock.tooShort', { min: MIN_PASSPHRASE }) });
    if (pass !== again) return setNotice({ error: t('lock.differ') });
    if (!Number.isInteger(idle) || idle < 1 || idle > 24 * 60) return setNotice({ error: t('lock.idleRange') });
    const r = await run(t('lock.setting'), () => call('lock.enable', { passphrase: pass, idleMinutes: idle }), t('lock.setDone'));
    setPass('');
    setAgain('');
    if (r) dataChanged();
  }

  return (
    <form class="ds-form ds-lock-form" onSubmit={submit} aria-label={label} noValidate>
      <div class="ds-form__row">
        <PassphraseField label={t('lock.passphrase')} hint={t('lock.passphrase.hint', { min: MIN_PASSPHRASE })} value={pass} onValue={setPass} />
        <PassphraseField label={t('lock.passphraseAgain')} value={again} onValue={setAgain} />
        <TextField label={t('lock.idle')} type="number" min={1} max={1440} inputMode="numeric" value={minutes} onValue={setMinutes} />
      </div>
      <Notices notice={notice} />
      <div class="ds-actions">
        <Button type="submit" busy={busy}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

/** The explicit choice of no passphrase, folded away, with a confirmation that repeats what it means. */
export function NoPassphraseChoice() {
  const [understood, setUnderstood] = useState(false);
  const { busy, notice, setNotice, run } = useAction();

  async function choose(e: Event) {
    e.preventDefault();
    if (!understood) return setNotice({ error: t('lock.none.tick') });
    const r = await run(t('ui.saving'), () => call('lock.noPassphrase', { understood: true }), t('lock.none.done'));
    if (r) dataChanged();
  }

  return (
    <details class="ds-details">
      <summary>{t('lock.none.summary')}</summary>
      <div class="ds-form">
        <p class="ds-notice ds-notice--warn">
          <span class="ds-notice__icon" aria-hidden="true">!</span>
          <span>{noPassphraseMeans()}</span>
        </p>
        <label class="ds-choice">
          <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.currentTarget.checked)} />
          {t('lock.none.understood')}
        </label>
        <Notices notice={notice} />
        <div class="ds-actions">
          <Button variant="secondary" busy={busy} onClick={choose}>
            {t('lock.none.button')}
          </Button>
        </div>
      </div>
    </details>
  );
}

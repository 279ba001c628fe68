import { useState } from 'preact/hooks';
import { call } from '../client';
import { Button, Notices, TextField } from '../ui/controls';
import { dataChanged } from '../ui/data';
import { useAction } from '../ui/useAction';
import { PassphraseField } from '../identity/PassphraseField';

const MIN_PASSPHRASE = 10;

/** What the passphrase protects, and from whom: said the same way wherever it is asked for. */
export const PASSPHRASE_PROTECTS =
  'Your DirectSeal passphrase keeps your private keys from anyone who copies this computer\'s disk (a backup, a lost laptop, a program reading files): the keys are stored only encrypted under it. While unlocked, they are in the browser\'s memory only, and lock again after the idle time. It cannot protect them from someone using this browser while it is unlocked.';

/** Plain words for the choice of no passphrase: what it gives away. */
export const NO_PASSPHRASE_MEANS =
  'Without a passphrase, anyone who copies this computer\'s disk can sign and decrypt Direct messages as you. Nothing protects the keys from them.';

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
    if (pass.length < MIN_PASSPHRASE) return setNotice({ error: `Choose a passphrase of at least ${MIN_PASSPHRASE} characters.` });
    if (pass !== again) return setNotice({ error: 'The two passphrases differ; type the same passphrase twice.' });
    if (!Number.isInteger(idle) || idle < 1 || idle > 24 * 60) return setNotice({ error: 'Type an idle time between 1 and 1440 minutes.' });
    const r = await run('Setting the passphrase…', () => call('lock.enable', { passphrase: pass, idleMinutes: idle }), 'Your passphrase is set. Your keys are stored only under it.');
    setPass('');
    setAgain('');
    if (r) dataChanged();
  }

  return (
    <form class="ds-form ds-lock-form" onSubmit={submit} aria-label={label} noValidate>
      <div class="ds-form__row">
        <PassphraseField label="DirectSeal passphrase" hint={`At least ${MIN_PASSPHRASE} characters. If you forget it, import your identities again from their backup files.`} value={pass} onValue={setPass} />
        <PassphraseField label="DirectSeal passphrase again" value={again} onValue={setAgain} />
        <TextField label="Lock after (minutes idle)" type="number" min={1} max={1440} inputMode="numeric" value={minutes} onValue={setMinutes} />
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
    if (!understood) return setNotice({ error: 'Tick the box to confirm you understand what this means.' });
    const r = await run('Saving…', () => call('lock.noPassphrase', { understood: true }), 'DirectSeal will store your keys without a passphrase.');
    if (r) dataChanged();
  }

  return (
    <details class="ds-details">
      <summary>Use DirectSeal without a passphrase (not recommended)</summary>
      <div class="ds-form">
        <p class="ds-notice ds-notice--warn">
          <span class="ds-notice__icon" aria-hidden="true">!</span>
          <span>{NO_PASSPHRASE_MEANS}</span>
        </p>
        <label class="ds-choice">
          <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.currentTarget.checked)} />
          I understand: anyone who copies this computer's disk can sign as me.
        </label>
        <Notices notice={notice} />
        <div class="ds-actions">
          <Button variant="secondary" busy={busy} onClick={choose}>
            Store keys without a passphrase
          </Button>
        </div>
      </div>
    </details>
  );
}

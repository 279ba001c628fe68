import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { call } from '../client';
import { PassphraseField } from '../identity/PassphraseField';
import { Button } from './controls';
import { SecurityIndicator } from '../indicator/SecurityIndicator';
import { dataChanged } from './data';
import { lockNotice, useAction } from './useAction';
import { t } from '../i18n/current';

/**
 * Shown where an action failed with KEY_LOCKED: unlock right there and carry on (`onUnlocked` retries the
 * action), instead of sending the user off to Settings in the middle of writing.
 */
export function UnlockPrompt({ onUnlocked }: { onUnlocked?: (() => void) | undefined }) {
  const [pass, setPass] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const { busy, notice: raw, run } = useAction();
  const notice = lockNotice(raw);
  useLayoutEffect(() => input.current?.focus(), []);

  async function unlock(e: Event) {
    e.preventDefault();
    e.stopPropagation();
    const r = await run(t('ui.unlock.busy'), () => call('lock.unlock', { passphrase: pass }));
    setPass('');
    if (!r) return input.current?.focus();
    dataChanged();
    onUnlocked?.();
  }

  // A div, not a form: it may sit inside the form whose action it unlocks (forms do not nest).
  return (
    <div
      class="ds-unlock"
      role="group"
      aria-label={t('ui.unlock.group')}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') void unlock(e);
      }}
    >
      {/* Only the real DirectSeal can show the phrase: a look-alike prompt on a web page cannot. */}
      <SecurityIndicator />
      <PassphraseField label={t('ui.unlock.passphrase')} value={pass} onValue={setPass} inputRef={input} autoComplete="current-password" />
      {notice.error && (
        <p class="ds-notice ds-notice--error" role="alert">
          <span class="ds-notice__icon" aria-hidden="true">!</span>
          <span>{notice.error}</span>
        </p>
      )}
      <div class="ds-actions">
        <Button busy={busy} onClick={unlock}>
          {onUnlocked ? t('ui.unlock.continue') : t('ui.unlock.unlock')}
        </Button>
      </div>
    </div>
  );
}

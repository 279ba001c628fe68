import { useCallback, useRef, useState } from 'preact/hooks';
import { ServiceError } from '../client';
import { errorText, t } from '../i18n/current';
import { isDirectSealError } from '@/utils/errors';

/** What a form says after an action: a failure (shown as an alert) or a success (announced politely). */
export interface Notice {
  error?: string;
  /** The service's stable code for the error, when it came from the service (KEY_LOCKED offers an unlock). */
  code?: string;
  success?: string;
}

/** The sentence to show for any failure: a service's or the core's refusal by its code, or a plain fallback. */
export function sentenceOf(e: unknown): string {
  if (e instanceof ServiceError) return errorText(e.code, e.sentence);
  if (isDirectSealError(e)) return errorText(e.code, e.sentence);
  if (e instanceof Error && e.message) return e.message;
  return t('ui.error.fallback');
}

/**
 * Runs one async action at a time for a form: tracks busy, keeps the last error or success message.
 * `run` returns the action's value, or undefined when it failed (the error is then in `notice.error`).
 */
/** Sentences for the page to show instead of the service's, where the page knows the situation better. */
export function lockNotice(n: Notice): Notice {
  // The lock passphrase is not a file's: say so, instead of the .p12 wording of BAD_PASSPHRASE.
  return n.code === 'BAD_PASSPHRASE' ? { ...n, error: t('ui.unlock.wrong') } : n;
}

export function useAction() {
  const [busy, setBusy] = useState<string | undefined>();
  const [notice, setNotice] = useState<Notice>({});
  const running = useRef(false);

  const run = useCallback(async <T,>(label: string, action: () => Promise<T>, success?: string | ((value: T) => string)) => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(label);
    setNotice({});
    try {
      const value = await action();
      if (success) setNotice({ success: typeof success === 'string' ? success : success(value) });
      return value;
    } catch (e) {
      console.warn('DirectSeal:', e);
      setNotice(e instanceof ServiceError ? { error: errorText(e.code, e.sentence), code: e.code } : { error: sentenceOf(e) });
      return undefined;
    } finally {
      running.current = false;
      setBusy(undefined);
    }
  }, []);

  return { busy, notice, setNotice, run };
}

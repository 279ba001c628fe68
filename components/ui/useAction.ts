import { useCallback, useRef, useState } from 'preact/hooks';
import { ServiceError } from '../client';

/** What a form says after an action: a failure (shown as an alert) or a success (announced politely). */
export interface Notice {
  error?: string;
  /** The service's stable code for the error, when it came from the service (KEY_LOCKED offers an unlock). */
  code?: string;
  success?: string;
}

/** The sentence to show for any failure: the service's own sentence, or a plain fallback. */
export function sentenceOf(e: unknown): string {
  if (e instanceof ServiceError) return e.sentence;
  if (e instanceof Error && e.message) return e.message;
  return 'Something went wrong; try again.';
}

/**
 * Runs one async action at a time for a form: tracks busy, keeps the last error or success message.
 * `run` returns the action's value, or undefined when it failed (the error is then in `notice.error`).
 */
/** The lock passphrase is not a file's: say so, instead of the .p12 wording of BAD_PASSPHRASE. */
export const WRONG_LOCK_PASSPHRASE = 'That is not your DirectSeal lock passphrase; type it again.';

/** Sentences for the page to show instead of the service's, where the page knows the situation better. */
export function lockNotice(n: Notice): Notice {
  return n.code === 'BAD_PASSPHRASE' ? { ...n, error: WRONG_LOCK_PASSPHRASE } : n;
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
      setNotice(e instanceof ServiceError ? { error: e.sentence, code: e.code } : { error: sentenceOf(e) });
      return undefined;
    } finally {
      running.current = false;
      setBusy(undefined);
    }
  }, []);

  return { busy, notice, setNotice, run };
}

import { useEffect, useState } from 'preact/hooks';
import type { Step } from './protocol';
import './progress.css';
import { t } from '../i18n/current';


/**
 * What a long seal or open is doing, shown once it has taken a second (shorter work needs no words): the
 * step, announced politely, and the seconds so far (not announced).
 */
export function Progress({ step }: { step?: Step | undefined }) {
  const [started] = useState(() => performance.now());
  const [now, setNow] = useState(started);
  useEffect(() => {
    const timer = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.floor((now - started) / 1000);
  if (!step || seconds < 1) return null;
  return (
    <p class="ds-progress" data-testid="progress">
      <span class="ds-spinner" aria-hidden="true" /> <span role="status">{t(`progress.${step}`)}…</span> <span aria-hidden="true">{t('progress.seconds', { seconds })}</span>
    </p>
  );
}

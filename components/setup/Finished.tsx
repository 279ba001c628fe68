import type { MessageId } from '@/utils/i18n';
import { t } from '../i18n/current';
import type { Role } from './steps';

/** What to do next, in each role's words. */
const NEXT_STEPS: Record<Role, readonly MessageId[]> = {
  practice: ['finished.practice.1', 'finished.practice.2', 'finished.practice.3'],
  physician: ['finished.physician.1', 'finished.physician.2'],
  patient: ['finished.patient.1', 'finished.patient.2', 'finished.patient.3'],
};

/** The buttons the content script puts into the webmail, named as they read there (in the same language). */
const webmailButtons = () => ({ secure: t('webmail.button.secure'), open: t('webmail.button.open') });

/** The finished state: what to do next, in the role's words. */
export function Finished({ role, skipped, onAgain }: { role: Role; skipped: string[]; onAgain: () => void }) {
  return (
    <section class="setup-finished" aria-labelledby="setup-finished-title">
      <h1 id="setup-finished-title">
        <span class="setup-finished__mark" aria-hidden="true">✓</span> {t(`finished.${role}`)}
      </h1>
      <h2>{t('finished.next')}</h2>
      <ol class="setup-next">
        {NEXT_STEPS[role].map((id) => (
          <li key={id}>{t(id, webmailButtons())}</li>
        ))}
      </ol>
      {skipped.length > 0 && <p class="setup-lead">{t(skipped.length === 1 ? 'finished.skipped.one' : 'finished.skipped.other', { count: skipped.length, steps: skipped.join(', ') })}</p>}
      <div class="ds-actions">
        <a class="ds-button ds-button--primary" href="/options.html">
          {t('finished.settings')}
        </a>
        <button type="button" class="ds-button ds-button--secondary" onClick={onAgain}>
          {t('finished.again')}
        </button>
      </div>
    </section>
  );
}

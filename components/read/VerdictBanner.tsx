import type { WireVerdict } from '@/utils/keyservice/api';
import { t } from '../i18n/current';
import { formatDateTime } from '../ui/format';
import { warningText } from './warning-text';
import { detailReasons, misleadingNameWarning, otherSignatureLines, notFetchedNote, signingTimeNote, verdictWords } from './verdict-text';

const ICON = { verified: '✓', untrusted: '!', invalid: '✕' } as const;

/**
 * What the reader must know before reading: who signed, and whether to believe it. It sits outside anything
 * the sender controls and comes before the content. A display name posing as another address, a signing time
 * claimed long before the arrival, and every other signature on the message are said here too.
 */
export function VerdictBanner({ verdict, from }: { verdict: WireVerdict; from?: string | undefined }) {
  const words = verdictWords(verdict, from);
  const nameWarning = misleadingNameWarning(verdict);
  const timeNote = signingTimeNote(verdict);
  const fetchNote = notFetchedNote(verdict);
  const others = otherSignatureLines(verdict);
  const reasons = detailReasons(verdict);
  return (
    <section class={`ds-verdict ds-verdict--${verdict.status}`} aria-labelledby="verdict-title" data-status={verdict.status}>
      <span class="ds-verdict__icon" aria-hidden="true">
        {ICON[verdict.status]}
      </span>
      <div class="ds-verdict__text">
        <p class="ds-verdict__badge">{t(`verdict.badge.${verdict.status}`)}</p>
        <h2 id="verdict-title" class="ds-verdict__title">
          {words.title}
        </h2>
        <p class="ds-verdict__advice">{words.advice}</p>
        {nameWarning && (
          <p class="ds-verdict__caution" role="note" data-caution="name">
            {nameWarning}
          </p>
        )}
        {timeNote && (
          <p class="ds-verdict__caution" role="note" data-caution="signing-time">
            {timeNote}
          </p>
        )}
        {fetchNote && (
          <p class="ds-verdict__caution" role="note" data-caution="not-fetched">
            {fetchNote}
          </p>
        )}
        {others.length > 0 && (
          <div class="ds-verdict__others">
            <p>{verdict.status === 'verified' ? t('verdict.others.verified') : t('verdict.others')}</p>
            <ul aria-label={t('verdict.others.list')}>
              {others.map((o, i) => (
                <li key={i} data-status={o.status}>
                  <span class="ds-verdict__other-who">{o.who}</span> ({o.statusWords}){o.why.length > 0 ? `: ${o.why.join('; ')}` : ''}
                </li>
              ))}
            </ul>
          </div>
        )}
        {/* For whoever looks after DirectSeal: the exact reasons, the claimed time, the algorithms. */}
        <details class="ds-verdict__details">
          <summary>{t('verdict.details')}</summary>
          {reasons.length > 0 && (
            <ul class="ds-verdict__reasons">
              {reasons.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          )}
          <p class="ds-verdict__meta">
            {verdict.status === 'verified' && t(verdict.binding === 'domain' ? 'verdict.meta.verifiedDomain' : 'verdict.meta.verified')}
            {verdict.signingTime !== undefined && t('verdict.meta.signingTime', { time: formatDateTime(verdict.signingTime) })}
            {verdict.arrivedAt !== undefined && t('verdict.meta.arrived', { time: formatDateTime(verdict.arrivedAt) })}
            {t('verdict.meta.encrypted', { algorithm: verdict.algorithms.contentEncryption })}
            {verdict.algorithms.signature ? ` · ${verdict.algorithms.signature}` : ''}
          </p>
          {verdict.warnings.length > 0 && (
            <ul class="ds-verdict__warnings" aria-label={t('outgoing.warnings')}>
              {verdict.warnings.map((w, i) => (
                <li key={i} data-code={w.code}>
                  {warningText(w)}
                </li>
              ))}
            </ul>
          )}
        </details>
      </div>
    </section>
  );
}

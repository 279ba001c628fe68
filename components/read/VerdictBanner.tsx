import type { WireVerdict } from '@/utils/keyservice/api';
import { formatDateTime } from '../ui/format';
import { detailReasons, misleadingNameWarning, otherSignatureLines, notFetchedNote, signingTimeNote, verdictWords } from './verdict-text';

const LOOK = {
  verified: { icon: '✓', badge: 'Verified' },
  untrusted: { icon: '!', badge: 'Not verified' },
  invalid: { icon: '✕', badge: 'Invalid' },
} as const;

/**
 * What the reader must know before reading: who signed, and whether to believe it. It sits outside anything
 * the sender controls and comes before the content. A display name posing as another address, a signing time
 * claimed long before the arrival, and every other signature on the message are said here too.
 */
export function VerdictBanner({ verdict, from }: { verdict: WireVerdict; from?: string | undefined }) {
  const look = LOOK[verdict.status];
  const words = verdictWords(verdict, from);
  const nameWarning = misleadingNameWarning(verdict);
  const timeNote = signingTimeNote(verdict);
  const fetchNote = notFetchedNote(verdict);
  const others = otherSignatureLines(verdict);
  const reasons = detailReasons(verdict);
  return (
    <section class={`ds-verdict ds-verdict--${verdict.status}`} aria-labelledby="verdict-title" data-status={verdict.status}>
      <span class="ds-verdict__icon" aria-hidden="true">
        {look.icon}
      </span>
      <div class="ds-verdict__text">
        <p class="ds-verdict__badge">{look.badge}</p>
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
            <p>{verdict.status === 'verified' ? 'Also signed by (these do not change the verdict):' : 'Also signed by:'}</p>
            <ul aria-label="Other signatures">
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
          <summary>Technical details</summary>
          {reasons.length > 0 && (
            <ul class="ds-verdict__reasons">
              {reasons.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          )}
          <p class="ds-verdict__meta">
            {verdict.status === 'verified' &&
              `The signature is intact and the sender's certificate chains to one of your trust anchors${verdict.binding === 'domain' ? ' (an organization certificate for the sender’s domain)' : ''}. `}
            {verdict.signingTime !== undefined && <>Signing time claimed: {formatDateTime(verdict.signingTime)} · </>}
            {verdict.arrivedAt !== undefined && <>Arrived {formatDateTime(verdict.arrivedAt)} · </>}
            Encrypted with {verdict.algorithms.contentEncryption}
            {verdict.algorithms.signature ? ` · ${verdict.algorithms.signature}` : ''}
          </p>
          {verdict.warnings.length > 0 && (
            <ul class="ds-verdict__warnings">
              {verdict.warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          )}
        </details>
      </div>
    </section>
  );
}

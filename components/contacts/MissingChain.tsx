import { useLayoutEffect, useRef } from 'preact/hooks';
import { Button } from '../ui/controls';
import type { Pending } from './AcceptCertificate';
import { t } from '../i18n/current';
import { rich } from '../i18n/rich';

/**
 * A certificate whose issuer's certificate is missing: it may well chain to one of the user's anchors, so the
 * first answer is the full chain, not a fingerprint comparison (which staff would otherwise learn to click
 * through). Comparing fingerprints stays possible, as the second choice.
 */
export function MissingChain(props: { pending: Pending & { issuer: string }; onCompareInstead: () => void; onCancel: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => heading.current?.focus(), [props.pending.fingerprint]);
  const who = <strong>{props.pending.address ?? t('trust.missing.thisContact')}</strong>;
  return (
    <div class="ds-accept" role="group" aria-labelledby="missing-chain-heading">
      <h4 id="missing-chain-heading" class="ds-accept__title" ref={heading} tabIndex={-1}>
        {t('trust.missing.title')}
      </h4>
      <p>{rich('trust.missing.what', { who, issuer: <strong>{props.pending.issuer}</strong> })}</p>
      <p>{rich('trust.missing.ask', { who: props.pending.address ?? t('trust.missing.thisContact'), fullChain: <strong>{t('trust.missing.fullChain')}</strong> })}</p>
      <div class="ds-actions">
        <Button onClick={props.onCancel}>{t('trust.missing.choose')}</Button>
        <Button variant="quiet" onClick={props.onCompareInstead}>
          {t('trust.missing.compare')}
        </Button>
      </div>
    </div>
  );
}

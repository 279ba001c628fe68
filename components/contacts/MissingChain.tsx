import { useEffect, useRef } from 'preact/hooks';
import { Button } from '../ui/controls';
import type { Pending } from './AcceptCertificate';

/**
 * A certificate whose issuer's certificate is missing: it may well chain to one of the user's anchors, so the
 * first answer is the full chain, not a fingerprint comparison (which staff would otherwise learn to click
 * through). Comparing fingerprints stays possible, as the second choice.
 */
export function MissingChain(props: { pending: Pending & { issuer: string }; onCompareInstead: () => void; onCancel: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [props.pending.fingerprint]);
  const who = props.pending.address ?? 'this contact';
  return (
    <div class="ds-accept" role="group" aria-labelledby="missing-chain-heading">
      <h4 id="missing-chain-heading" class="ds-accept__title" ref={heading} tabIndex={-1}>
        The issuer's certificate is missing
      </h4>
      <p>
        The certificate of <strong>{who}</strong> was issued by <strong>{props.pending.issuer}</strong>, whose own certificate
        you do not have, so DirectSeal cannot tell whether one of your trust anchors vouches for it.
      </p>
      <p>
        Ask {who} or their HISP for the <strong>full chain</strong> (a .p7b file, or a PEM file with every certificate) and
        add that file here instead.
      </p>
      <div class="ds-actions">
        <Button onClick={props.onCancel}>Choose the full chain</Button>
        <Button variant="quiet" onClick={props.onCompareInstead}>
          They cannot send it: compare fingerprints instead
        </Button>
      </div>
    </div>
  );
}

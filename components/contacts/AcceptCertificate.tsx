import { useEffect, useRef } from 'preact/hooks';
import { call, toBase64 } from '../client';
import { Button, Fingerprint, Notices } from '../ui/controls';
import { useAction } from '../ui/useAction';

export interface Pending {
  bytes: Uint8Array;
  fingerprint: string;
  fileName: string;
  address?: string;
  problem?: string;
}

/**
 * A certificate that does not chain to any anchor (a patient's self-made one) is kept only when a person has
 * compared its fingerprint with its owner's, out of band. No silent trust-on-first-use.
 */
export function AcceptCertificate(props: { pending: Pending; onDone: (message: string) => void; onCancel: () => void }) {
  const { busy, notice, run } = useAction();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [props.pending.fingerprint]);

  async function accept() {
    const r = await run('Accepting…', () =>
      call('contacts.add', { certificate: toBase64(props.pending.bytes), acceptFingerprint: props.pending.fingerprint }),
    );
    if (r) props.onDone(`Accepted the certificate${props.pending.address ? ` of ${props.pending.address}` : ''} by its fingerprint.`);
  }

  return (
    <div class="ds-accept" role="group" aria-labelledby="accept-heading">
      <h4 id="accept-heading" class="ds-accept__title" ref={heading} tabIndex={-1}>
        This certificate is not vouched for by any of your trust anchors
      </h4>
      <p>
        It does not chain to any trust anchor you imported. Patients often make their own certificate; that is fine,
        as long as it really is theirs.
      </p>
      <p>
        Accept it only if its owner{props.pending.address ? <> (<strong>{props.pending.address}</strong>)</> : null} confirms,
        in person or by phone, that their fingerprint is exactly this one:
      </p>
      <div class="ds-accept__fp">
        <Fingerprint value={props.pending.fingerprint} />
      </div>
      <Notices notice={notice} />
      <div class="ds-actions">
        <Button busy={busy} onClick={accept}>
          Accept this certificate
        </Button>
        <Button variant="secondary" onClick={props.onCancel}>
          Don't accept
        </Button>
      </div>
    </div>
  );
}

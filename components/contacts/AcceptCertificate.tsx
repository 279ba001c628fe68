import { useLayoutEffect, useRef } from 'preact/hooks';
import { call, toBase64 } from '../client';
import { Button, Fingerprint, Notices } from '../ui/controls';
import { useAction } from '../ui/useAction';
import { t } from '../i18n/current';
import { rich } from '../i18n/rich';

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
  useLayoutEffect(() => heading.current?.focus(), [props.pending.fingerprint]);

  async function accept() {
    const r = await run(t('trust.accept.accepting'), () =>
      call('contacts.add', { certificate: toBase64(props.pending.bytes), acceptFingerprint: props.pending.fingerprint }),
    );
    const address = props.pending.address;
    if (r) props.onDone(address ? t('trust.accept.done', { address }) : t('trust.accept.doneNoAddress'));
  }

  return (
    <div class="ds-accept" role="group" aria-labelledby="accept-heading">
      <h4 id="accept-heading" class="ds-accept__title" ref={heading} tabIndex={-1}>
        {t('trust.accept.title')}
      </h4>
      <p>{t('trust.accept.why')}</p>
      <p>
        {props.pending.address
          ? rich('trust.accept.onlyIf', { address: <strong>{props.pending.address}</strong> })
          : t('trust.accept.onlyIfNoAddress')}
      </p>
      <div class="ds-accept__fp">
        <Fingerprint value={props.pending.fingerprint} />
      </div>
      <Notices notice={notice} />
      <div class="ds-actions">
        <Button busy={busy} onClick={accept}>
          {t('trust.accept.button')}
        </Button>
        <Button variant="secondary" onClick={props.onCancel}>
          {t('trust.accept.decline')}
        </Button>
      </div>
    </div>
  );
}

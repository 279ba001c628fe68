import { useEffect, useRef, useState } from 'preact/hooks';
import type { DeliveryNotificationSettings } from '@/utils/keyservice/api';
import type { OpenedNotification } from '../crypto/protocol';
import { sealNotification } from '../crypto/bulk';
import { call, download } from '../client';
import { Badge, Button, Notices } from '../ui/controls';
import { formatDateTime } from '../ui/format';
import { useAction } from '../ui/useAction';
import { NOTIFIED_SENTENCE, STATE_LABEL, STATE_TONE } from './text';
import './delivery.css';

type Arrived = Extract<OpenedNotification, { kind: 'arrived' }>;
type Answer = Extract<OpenedNotification, { kind: 'answer' }>;

const UNMATCHED: Record<Exclude<Arrived['match'], { matched: true }>['reason'], string> = {
  'unknown-message': 'It answers a message this browser did not send, or no longer lists; nothing was updated.',
  'unknown-recipient': 'It names a recipient the message was not sent to; nothing was updated.',
  incomplete: 'It does not say which message or recipient it is about; nothing was updated.',
  'not-from-recipient': 'It is not signed by the recipient it speaks for, so it was not counted.',
};

/** An MDN that was opened: shown in place of a message body, with what it did to the sent list. */
export function ArrivedNotification({ notification }: { notification: Arrived }) {
  const { report, match } = notification;
  if (match.matched) {
    const verb = NOTIFIED_SENTENCE[match.state];
    return (
      <section class="ds-notification" aria-labelledby="notification-title" data-testid="arrived-notification">
        <h2 class="ds-notification__title" id="notification-title">
          Delivery notification: {match.address} {verb} your message of {formatDateTime(match.sentAt)}
        </h2>
        <p>
          <Badge tone={STATE_TONE[match.state]}>{STATE_LABEL[match.state]}</Badge> The sent list in DirectSeal's popup and Settings now shows this.
        </p>
      </section>
    );
  }
  return (
    <section class="ds-notification" aria-labelledby="notification-title" data-testid="arrived-notification">
      <h2 class="ds-notification__title" id="notification-title">
        Delivery notification{report.finalRecipient ? ` from ${report.finalRecipient}` : ''}
        {report.disposition ? `: ${report.disposition}` : ''}
      </h2>
      <p>{UNMATCHED[match.reason]}</p>
    </section>
  );
}

/** How the read view passes a sealed notification on: to the webmail (frame), or as a download (own page). */
export interface NotificationSink {
  /** Hands the sealed notification to the webmail's reply compose; absent on DirectSeal's own page. */
  hand?: (sealed: Uint8Array) => void;
  /** What the webmail did with it. */
  outcome?: { ok: boolean; message: string } | undefined;
  /** Automatic mode: what to run when the frame closes (undefined clears it). */
  beforeClose?: (task: (() => Promise<void>) | undefined) => void;
}

/**
 * The offer to send the "processed" notification for a verified message: one click, or, when the practice
 * chose automatic, sealed at once and handed to the webmail's reply when the frame closes.
 */
export function NotificationOffer({ answer, sink }: { answer: Answer; sink: NotificationSink }) {
  const [settings, setSettings] = useState<DeliveryNotificationSettings | undefined>();
  const [handed, setHanded] = useState(false);
  const { busy, notice, run } = useAction();
  const sealing = useRef<Promise<Uint8Array | undefined> | undefined>(undefined);
  const automatic = Boolean(sink.hand && settings?.send === 'automatic');

  const sealed = () => (sealing.current ??= run('Sealing…', () => sealNotification(answer.mdn, () => undefined)).then((s) => {
    if (!s) sealing.current = undefined; // failed: the notice says why, and a click tries again
    return s;
  }));

  useEffect(() => {
    call('delivery.settings', {}).then(setSettings, () => setSettings({ send: 'one-click', timeoutMinutes: 60 }));
  }, []);

  useEffect(() => {
    if (!automatic || handed) return;
    void sealed();
    sink.beforeClose?.(async () => {
      const s = await sealed();
      if (s) sink.hand!(s);
    });
    return () => sink.beforeClose?.(undefined);
  }, [automatic, handed]);

  async function send() {
    const s = await sealed();
    if (!s) return;
    if (sink.hand) {
      sink.beforeClose?.(undefined);
      setHanded(true);
      sink.hand(s);
    } else {
      download(s, 'delivery-notification.eml', 'message/rfc822');
      setHanded(true);
    }
  }

  return (
    <div class="ds-notification__offer" data-testid="notification-offer">
      {!handed && (
        <>
          <p>
            {automatic
              ? `A delivery notification tells ${answer.to} that you received this message; it goes into your webmail's reply when you close this.`
              : `A delivery notification tells ${answer.to} that you received this message, as Direct expects.`}
          </p>
          <Button variant="secondary" busy={busy} onClick={() => void send()}>
            {sink.hand ? (automatic ? 'Send it now' : 'Send delivery notification') : 'Download delivery notification'}
          </Button>
        </>
      )}
      {handed && (
        <p role="status">
          {sink.hand ? (sink.outcome?.message ?? 'Handing the delivery notification to your webmail…') : 'Delivery notification downloaded: send it to ' + answer.to + ' through your HISP.'}
        </p>
      )}
      <Notices notice={notice} onUnlocked={() => void send()} />
    </div>
  );
}

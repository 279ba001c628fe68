import { useEffect, useRef, useState } from 'preact/hooks';
import type { DeliveryNotificationSettings } from '@/utils/keyservice/api';
import type { OpenedNotification } from '../crypto/protocol';
import { sealNotification } from '../crypto/bulk';
import { call, download } from '../client';
import { Badge, Button, Notices } from '../ui/controls';
import { formatDateTime } from '../ui/format';
import { useAction } from '../ui/useAction';
import { t } from '../i18n/current';
import { notifiedSentence, STATE_TONE, stateLabel } from './text';
import './delivery.css';

type Arrived = Extract<OpenedNotification, { kind: 'arrived' }>;
type Answer = Extract<OpenedNotification, { kind: 'answer' }>;

/** An MDN that was opened: shown in place of a message body, with what it did to the sent list. */
export function ArrivedNotification({ notification }: { notification: Arrived }) {
  const { report, match } = notification;
  if (match.matched) {
    return (
      <section class="ds-notification" aria-labelledby="notification-title" data-testid="arrived-notification">
        <h2 class="ds-notification__title" id="notification-title">
          {t('delivery.arrived.title', { what: notifiedSentence(match.state, match.address, formatDateTime(match.sentAt)) })}
        </h2>
        <p>
          <Badge tone={STATE_TONE[match.state]}>{stateLabel(match.state)}</Badge> {t('delivery.arrived.listed')}
        </p>
      </section>
    );
  }
  return (
    <section class="ds-notification" aria-labelledby="notification-title" data-testid="arrived-notification">
      <h2 class="ds-notification__title" id="notification-title">
        {unmatchedTitle(report)}
      </h2>
      <p>{t(`delivery.unmatched.${match.reason}`)}</p>
    </section>
  );
}

/** The heading of a notification that matched nothing: who sent it and what it says, when it says so. */
function unmatchedTitle(report: Arrived['report']): string {
  const title = report.finalRecipient ? t('delivery.arrived.unmatchedFrom', { address: report.finalRecipient }) : t('delivery.arrived.unmatched');
  return report.disposition ? t('delivery.arrived.disposition', { title, disposition: report.disposition }) : title;
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

  const sealed = () => (sealing.current ??= run(t('delivery.offer.sealing'), () => sealNotification(answer.mdn, () => undefined)).then((s) => {
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
            {t(automatic ? 'delivery.offer.automatic' : 'delivery.offer.oneClick', { address: answer.to })}
          </p>
          <Button variant="secondary" busy={busy} onClick={() => void send()}>
            {sink.hand ? (automatic ? t('delivery.offer.sendNow') : t('delivery.offer.send')) : t('delivery.offer.download')}
          </Button>
        </>
      )}
      {handed && (
        <p role="status">
          {sink.hand ? (sink.outcome?.message ?? t('delivery.offer.handing')) : t('delivery.offer.downloaded', { address: answer.to })}
        </p>
      )}
      <Notices notice={notice} onUnlocked={() => void send()} />
    </div>
  );
}

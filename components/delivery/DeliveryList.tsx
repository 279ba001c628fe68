import { useEffect, useState } from 'preact/hooks';
import type { SentSummary } from '@/utils/keyservice/api';
import { call } from '../client';
import { EmptyState } from '../Section';
import { Badge } from '../ui/controls';
import { formatDateTime } from '../ui/format';
import { sentenceOf } from '../ui/useAction';
import { t } from '../i18n/current';
import { STATE_TONE, stateLabel, stateMeaning } from './text';
import './delivery.css';

type Loaded = { state: 'loading' } | { state: 'ready'; sent: SentSummary[] } | { state: 'failed'; error: string };

/**
 * The last sent messages, each recipient with its delivery state (sent, processed, delivered, failed, not
 * confirmed). Only addresses and times are kept: the log holds no subject or text of the message.
 */
export function DeliveryList(props: { limit: number; compact?: boolean }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  useEffect(() => {
    call('delivery.list', { limit: props.limit })
      .then((sent) => setLoaded({ state: 'ready', sent }))
      .catch((e: unknown) => setLoaded({ state: 'failed', error: sentenceOf(e) }));
  }, [props.limit]);

  if (loaded.state === 'loading') return <p class="ds-delivery__note">{t('delivery.list.loading')}</p>;
  if (loaded.state === 'failed') return <p class="ds-delivery__note">{t('delivery.list.failed', { error: loaded.error })}</p>;
  if (loaded.sent.length === 0) {
    return props.compact ? (
      <p class="ds-delivery__note">{t('delivery.list.noneCompact')}</p>
    ) : (
      <EmptyState title={t('delivery.list.noneTitle')} note={t('delivery.list.noneNote')} />
    );
  }
  return (
    <ul class={`ds-delivery${props.compact ? ' ds-delivery--compact' : ''}`} aria-label={t('delivery.list.label')}>
      {loaded.sent.map((m) => (
        <li key={m.messageId} class="ds-delivery__message" data-testid="sent-message">
          <span class="ds-delivery__time">{formatDateTime(m.sentAt)}</span>
          <ul class="ds-delivery__recipients">
            {m.recipients.map((r) => (
              <li key={r.address} class="ds-delivery__recipient" data-state={r.state} title={stateMeaning(r.state)}>
                <span class="ds-delivery__address">{r.address}</span>
                <Badge tone={STATE_TONE[r.state]}>{stateLabel(r.state)}</Badge>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

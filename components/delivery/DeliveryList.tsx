import { useEffect, useState } from 'preact/hooks';
import type { SentSummary } from '@/utils/keyservice/api';
import { call } from '../client';
import { EmptyState } from '../Section';
import { Badge } from '../ui/controls';
import { formatDateTime } from '../ui/format';
import { sentenceOf } from '../ui/useAction';
import { STATE_LABEL, STATE_MEANING, STATE_TONE } from './text';
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

  if (loaded.state === 'loading') return <p class="ds-delivery__note">Loading sent messages…</p>;
  if (loaded.state === 'failed') return <p class="ds-delivery__note">The sent messages could not be read ({loaded.error}).</p>;
  if (loaded.sent.length === 0) {
    return props.compact ? (
      <p class="ds-delivery__note">No secure message sent from this browser yet.</p>
    ) : (
      <EmptyState title="No secure message sent yet" note="Messages you seal appear here, with what each recipient's system said about them." />
    );
  }
  return (
    <ul class={`ds-delivery${props.compact ? ' ds-delivery--compact' : ''}`} aria-label="Sent messages and their delivery">
      {loaded.sent.map((m) => (
        <li key={m.messageId} class="ds-delivery__message" data-testid="sent-message">
          <span class="ds-delivery__time">{formatDateTime(m.sentAt)}</span>
          <ul class="ds-delivery__recipients">
            {m.recipients.map((r) => (
              <li key={r.address} class="ds-delivery__recipient" data-state={r.state} title={STATE_MEANING[r.state]}>
                <span class="ds-delivery__address">{r.address}</span>
                <Badge tone={STATE_TONE[r.state]}>{STATE_LABEL[r.state]}</Badge>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

import { useEffect, useState } from 'preact/hooks';
import type { DeliveryNotificationSettings, DeliveryState } from '@/utils/keyservice/api';
import { call } from '../client';
import { Section } from '../Section';
import { Badge, Button, Field, Notices } from '../ui/controls';
import { sentenceOf, useAction } from '../ui/useAction';
import { DeliveryList } from './DeliveryList';
import { STATE_LABEL, STATE_MEANING, STATE_TONE } from './text';
import './delivery.css';

const LEGEND: DeliveryState[] = ['sent', 'processed', 'dispatched', 'failed', 'not-confirmed'];

/**
 * Options → Delivery notifications: how this practice answers the messages it opens (Direct's "processed"
 * notification), how long it waits for the answers to its own, and what each recipient's system said.
 */
export function DeliverySection() {
  const [settings, setSettings] = useState<DeliveryNotificationSettings | undefined>();
  const [timeout, setTimeoutText] = useState('');
  const save = useAction();

  useEffect(() => {
    call('delivery.settings', {})
      .then((s) => {
        setSettings(s);
        setTimeoutText(String(s.timeoutMinutes));
      })
      .catch((e: unknown) => save.setNotice({ error: `The notification settings could not be read (${sentenceOf(e)}); reload this page.` }));
  }, []);

  function submit(e: Event) {
    e.preventDefault();
    if (!settings) return;
    const minutes = Number(timeout.trim());
    if (!Number.isInteger(minutes) || minutes < 1) return save.setNotice({ error: 'Type the timeout as a whole number of minutes, at least 1.' });
    void save.run('Saving…', () => call('delivery.setSettings', { send: settings.send, timeoutMinutes: minutes }), 'Saved.').then((s) => {
      if (s) setSettings(s);
    });
  }

  return (
    <Section
      id="delivery"
      title="Delivery notifications"
      icon={<ReceiptIcon />}
      summary="Direct systems confirm each message they receive with a signed, encrypted notification. DirectSeal asks for one with every message you send and shows what came back; it sends one for every verified message you open, through your webmail like any secure message."
    >
      {settings && (
        <form class="ds-panel ds-form" onSubmit={submit} aria-labelledby="delivery-settings" noValidate>
          <h3 class="ds-panel__title" id="delivery-settings">
            This practice's rules
          </h3>
          <fieldset class="ds-fieldset">
            <legend class="ds-legend">When you open a verified message</legend>
            <div class="ds-choices">
              <label class="ds-choice">
                <input type="radio" name="delivery-send" checked={settings.send === 'one-click'} onChange={() => setSettings({ ...settings, send: 'one-click' })} />
                One click <small>(“Send delivery notification” under the message)</small>
              </label>
              <label class="ds-choice">
                <input type="radio" name="delivery-send" checked={settings.send === 'automatic'} onChange={() => setSettings({ ...settings, send: 'automatic' })} />
                Automatic <small>(put into your webmail's reply when you close the message)</small>
              </label>
            </div>
          </fieldset>
          <Field label="Wait for a notification (minutes)" hint="After this, a recipient with no notification shows as “Not confirmed”. Direct's reference implementation waits 60.">
            {({ id, describedBy }) => (
              <input id={id} aria-describedby={describedBy} class="ds-input ds-delivery__timeout" type="number" min={1} step={1} inputMode="numeric" value={timeout} onInput={(e) => setTimeoutText(e.currentTarget.value)} />
            )}
          </Field>
          <Notices notice={save.notice} />
          <div class="ds-actions">
            <Button type="submit" busy={save.busy}>
              Save
            </Button>
          </div>
        </form>
      )}
      {!settings && <Notices notice={save.notice} />}
      <div class="ds-panel">
        <h3 class="ds-panel__title">Sent messages</h3>
        <DeliveryList limit={50} />
        <dl class="ds-delivery__legend">
          {LEGEND.map((s) => (
            <div key={s}>
              <dt>
                <Badge tone={STATE_TONE[s]}>{STATE_LABEL[s]}</Badge>
              </dt>
              <dd>{STATE_MEANING[s]}</dd>
            </div>
          ))}
        </dl>
      </div>
    </Section>
  );
}

function ReceiptIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
      <path d="M4 4h16v16H4z" />
      <path d="m8 12 3 3 5-6" />
    </svg>
  );
}

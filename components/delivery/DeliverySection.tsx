import { useEffect, useState } from 'preact/hooks';
import type { DeliveryNotificationSettings, DeliveryState } from '@/utils/keyservice/api';
import { call } from '../client';
import { Section } from '../Section';
import { Badge, Button, Field, Notices } from '../ui/controls';
import { sentenceOf, useAction } from '../ui/useAction';
import { DeliveryList } from './DeliveryList';
import { STATE_TONE, stateLabel, stateMeaning } from './text';
import { t } from '../i18n/current';
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
      .catch((e: unknown) => save.setNotice({ error: t('practice.delivery.readFailed', { error: sentenceOf(e) }) }));
  }, []);

  function submit(e: Event) {
    e.preventDefault();
    if (!settings) return;
    const minutes = Number(timeout.trim());
    if (!Number.isInteger(minutes) || minutes < 1) return save.setNotice({ error: t('practice.delivery.timeoutInvalid') });
    void save.run(t('ui.saving'), () => call('delivery.setSettings', { send: settings.send, timeoutMinutes: minutes }), t('practice.delivery.saved')).then((s) => {
      if (s) setSettings(s);
    });
  }

  return (
    <Section
      id="delivery"
      title={t('practice.delivery.title')}
      icon={<ReceiptIcon />}
      summary={t('practice.delivery.summary')}
    >
      {settings && (
        <form class="ds-panel ds-form" onSubmit={submit} aria-labelledby="delivery-settings" noValidate>
          <h3 class="ds-panel__title" id="delivery-settings">
            {t('practice.delivery.rules')}
          </h3>
          <fieldset class="ds-fieldset">
            <legend class="ds-legend">{t('practice.delivery.whenOpened')}</legend>
            <div class="ds-choices">
              <label class="ds-choice">
                <input type="radio" name="delivery-send" checked={settings.send === 'one-click'} onChange={() => setSettings({ ...settings, send: 'one-click' })} />
                {/* One flow of text, so the note wraps under the choice's name instead of squeezing it into a column. */}
                <span>
                  {t('practice.delivery.oneClick')} <small>{t('practice.delivery.oneClick.note', { button: t('delivery.offer.send') })}</small>
                </span>
              </label>
              <label class="ds-choice">
                <input type="radio" name="delivery-send" checked={settings.send === 'automatic'} onChange={() => setSettings({ ...settings, send: 'automatic' })} />
                <span>
                  {t('practice.delivery.automatic')} <small>{t('practice.delivery.automatic.note')}</small>
                </span>
              </label>
            </div>
          </fieldset>
          <Field label={t('practice.delivery.timeout')} hint={t('practice.delivery.timeout.hint', { state: stateLabel('not-confirmed') })}>
            {({ id, describedBy }) => (
              <input id={id} aria-describedby={describedBy} class="ds-input ds-delivery__timeout" type="number" min={1} step={1} inputMode="numeric" value={timeout} onInput={(e) => setTimeoutText(e.currentTarget.value)} />
            )}
          </Field>
          <Notices notice={save.notice} />
          <div class="ds-actions">
            <Button type="submit" busy={save.busy}>
              {t('practice.delivery.save')}
            </Button>
          </div>
        </form>
      )}
      {!settings && <Notices notice={save.notice} />}
      <div class="ds-panel">
        <h3 class="ds-panel__title">{t('practice.delivery.sent')}</h3>
        <DeliveryList limit={50} />
        <dl class="ds-delivery__legend">
          {LEGEND.map((s) => (
            <div key={s}>
              <dt>
                <Badge tone={STATE_TONE[s]}>{stateLabel(s)}</Badge>
              </dt>
              <dd>{stateMeaning(s)}</dd>
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

import { useState } from 'preact/hooks';
import { INDICATOR_COLORS } from '@/utils/keyservice/indicator';
import { call } from '../client';
import { Section } from '../Section';
import { LockIcon } from '../icons';
import { Button, Notices, TextField } from '../ui/controls';
import { dataChanged, useServiceList } from '../ui/data';
import { useAction } from '../ui/useAction';
import { IndicatorBadge } from './SecurityIndicator';
import './indicator.css';
import { t } from '../i18n/current';

/** Options → Security phrase: pick the phrase and colour every real DirectSeal window shows. */
export function IndicatorSection() {
  const { data } = useServiceList('indicator.get');
  const current = data.state === 'ready' ? data.value : null;
  // What the user changed, shown over what is stored: kept when the stored phrase arrives late or reloads (after a
  // save it is what was stored, so the field never flashes back to the old phrase while the list reloads).
  const [edit, setEdit] = useState<{ phrase?: string; color?: string }>({});
  const phrase = edit.phrase ?? current?.phrase ?? '';
  const color = edit.color ?? current?.color ?? 'teal';
  const { busy, notice, setNotice, run } = useAction();

  async function save(e: Event) {
    e.preventDefault();
    if (phrase.trim().length < 3) return setNotice({ error: t('indicator.tooShort') });
    const r = await run(t('ui.saving'), () => call('indicator.set', { phrase, color }), t('indicator.saved'));
    if (r) dataChanged();
  }

  return (
    <Section
      id="indicator"
      title={t('indicator.title')}
      icon={<LockIcon />}
      summary={t('indicator.summary')}
    >
      <form class="ds-form" onSubmit={save} aria-label={t('indicator.title')}>
        <TextField label={t('indicator.phrase')} hint={t('indicator.phrase.hint')} value={phrase} onValue={(v) => setEdit((now) => ({ ...now, phrase: v }))} maxLength={40} />
        <fieldset class="ds-indicator-colors">
          <legend>{t('indicator.colour')}</legend>
          {INDICATOR_COLORS.map((c) => (
            <label key={c} class={`ds-indicator-swatch ds-indicator--${c}`}>
              <input type="radio" name="indicator-color" value={c} checked={color === c} onChange={() => setEdit((now) => ({ ...now, color: c }))} />
              {t(`indicator.color.${c}`)}
            </label>
          ))}
        </fieldset>
        <div class="ds-indicator-preview">
          <span>{t('indicator.preview')}</span> <IndicatorBadge indicator={phrase.trim().length >= 3 ? { phrase: phrase.trim(), color } : current} />
        </div>
        <Notices notice={notice} />
        <div class="ds-actions">
          <Button type="submit" busy={busy}>
            {t('indicator.save')}
          </Button>
        </div>
      </form>
    </Section>
  );
}

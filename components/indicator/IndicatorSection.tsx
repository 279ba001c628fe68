import { useEffect, useState } from 'preact/hooks';
import { INDICATOR_COLORS } from '@/utils/keyservice/indicator';
import { call } from '../client';
import { Section } from '../Section';
import { LockIcon } from '../icons';
import { Button, Notices, TextField } from '../ui/controls';
import { dataChanged, useServiceList } from '../ui/data';
import { useAction } from '../ui/useAction';
import { IndicatorBadge } from './SecurityIndicator';
import './indicator.css';

const COLOR_NAMES: Record<(typeof INDICATOR_COLORS)[number], string> = {
  teal: 'Teal',
  indigo: 'Indigo',
  crimson: 'Crimson',
  amber: 'Amber',
  forest: 'Forest',
  plum: 'Plum',
};

/** Options → Security phrase: pick the phrase and colour every real DirectSeal window shows. */
export function IndicatorSection() {
  const { data } = useServiceList('indicator.get');
  const current = data.state === 'ready' ? data.value : null;
  const [phrase, setPhrase] = useState('');
  const [color, setColor] = useState<string>('teal');
  const { busy, notice, setNotice, run } = useAction();
  useEffect(() => {
    if (!current) return;
    setPhrase(current.phrase);
    setColor(current.color);
  }, [current?.phrase, current?.color]);

  async function save(e: Event) {
    e.preventDefault();
    if (phrase.trim().length < 3) return setNotice({ error: 'Type a phrase of at least 3 characters, something personal that a web page cannot guess.' });
    const r = await run('Saving…', () => call('indicator.set', { phrase, color }), 'Saved. Every DirectSeal window will show this phrase.');
    if (r) dataChanged();
  }

  return (
    <Section
      id="indicator"
      title="Security phrase"
      icon={<LockIcon />}
      summary="A phrase and a colour only you and DirectSeal know. Every real DirectSeal window, and every passphrase prompt, shows them. If a window that looks like DirectSeal does not show your phrase, it is a fake made by the web page: close it and type nothing into it."
    >
      <form class="ds-form" onSubmit={save} aria-label="Security phrase">
        <TextField label="Your phrase" hint="For example: blue heron over Lake Mendota. Not a password." value={phrase} onValue={setPhrase} maxLength={40} />
        <fieldset class="ds-indicator-colors">
          <legend>Colour</legend>
          {INDICATOR_COLORS.map((c) => (
            <label key={c} class={`ds-indicator-swatch ds-indicator--${c}`}>
              <input type="radio" name="indicator-color" value={c} checked={color === c} onChange={() => setColor(c)} />
              {COLOR_NAMES[c]}
            </label>
          ))}
        </fieldset>
        <div class="ds-indicator-preview">
          <span>Preview:</span> <IndicatorBadge indicator={phrase.trim().length >= 3 ? { phrase: phrase.trim(), color } : current} />
        </div>
        <Notices notice={notice} />
        <div class="ds-actions">
          <Button type="submit" busy={busy}>
            Save phrase
          </Button>
        </div>
      </form>
    </Section>
  );
}

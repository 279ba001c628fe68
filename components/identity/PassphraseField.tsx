import type { Ref } from 'preact';
import { useState } from 'preact/hooks';
import { Field } from '../ui/controls';
import { t } from '../i18n/current';

/**
 * What the pages ask of a passphrase they set (the lock's, a backup's, the practice CA's): longer than the key
 * service's own floor (utils/keyservice/api.ts MIN_PASSPHRASE_FLOOR), which refuses anything shorter from any page.
 */
export const MIN_PASSPHRASE = 10;

/** A password input with a show/hide toggle (typing a long passphrase blind is where mistakes happen). */
export function PassphraseField(props: {
  label: string;
  value: string;
  onValue: (v: string) => void;
  hint?: string;
  inputRef?: Ref<HTMLInputElement>;
  autoComplete?: string;
  name?: string;
}) {
  const [shown, setShown] = useState(false);
  return (
    <Field label={props.label} hint={props.hint}>
      {({ id, describedBy }) => (
        <div class="ds-pass">
          <input
            ref={props.inputRef}
            class="ds-input"
            id={id}
            name={props.name}
            type={(shown ? 'text' : 'password') as 'password'}
            autoComplete={props.autoComplete ?? 'new-password'}
            spellcheck={false}
            aria-describedby={describedBy}
            value={props.value}
            onInput={(e) => props.onValue(e.currentTarget.value)}
          />
          <button
            type="button"
            class="ds-pass__toggle"
            onClick={() => setShown(!shown)}
          >
            {shown ? t('ui.hide') : t('ui.show')}
            <span class="ds-visually-hidden"> {props.label.toLocaleLowerCase()}</span>
          </button>
        </div>
      )}
    </Field>
  );
}

import type { ButtonHTMLAttributes, ComponentChildren, PartialInputHTMLAttributes } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Notice } from './useAction';
import { UnlockPrompt } from './UnlockPrompt';
import './ui.css';
import { t } from '../i18n/current';

type ButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'class' | 'type' | 'disabled'> & {
  variant?: 'primary' | 'secondary' | 'danger' | 'quiet';
  /** While set, the button shows this text with a spinner and ignores clicks (it keeps focus: not `disabled`). */
  busy?: string | undefined;
  type?: 'button' | 'submit';
  class?: string;
  disabled?: boolean;
};

export function Button({ variant = 'primary', busy, children, type = 'button', class: cls, onClick, disabled, ...rest }: ButtonProps) {
  const inert = Boolean(busy) || disabled;
  return (
    <button
      {...rest}
      type={type}
      class={`ds-button ds-button--${variant}${cls ? ` ${cls}` : ''}`}
      aria-disabled={inert ? 'true' : undefined}
      aria-busy={busy ? 'true' : undefined}
      onClick={(e) => {
        if (inert) {
          e.preventDefault();
          return;
        }
        onClick?.(e);
      }}
    >
      {busy && <span class="ds-spinner" aria-hidden="true" />}
      {busy ?? children}
    </button>
  );
}

/** A labelled form control with an optional hint, wired with aria-describedby. */
export function Field(props: {
  label: ComponentChildren;
  hint?: ComponentChildren;
  children: (ids: { id: string; describedBy: string | undefined }) => ComponentChildren;
  class?: string;
}) {
  const id = useId();
  const hintId = props.hint ? `${id}-hint` : undefined;
  return (
    <div class={`ds-field${props.class ? ` ${props.class}` : ''}`}>
      <label class="ds-field__label" for={id}>
        {props.label}
      </label>
      {props.children({ id, describedBy: hintId })}
      {props.hint && (
        <p class="ds-field__hint" id={hintId}>
          {props.hint}
        </p>
      )}
    </div>
  );
}

type InputProps = Omit<PartialInputHTMLAttributes<HTMLInputElement>, 'value' | 'onInput' | 'role'> & {
  label: ComponentChildren;
  hint?: ComponentChildren;
  value: string;
  onValue: (value: string) => void;
};

export function TextField({ label, hint, value, onValue, ...rest }: InputProps) {
  return (
    <Field label={label} hint={hint}>
      {({ id, describedBy }) => (
        <input
          class="ds-input"
          type="text"
          {...(rest as object)}
          id={id}
          aria-describedby={describedBy}
          value={value}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

/**
 * A file picker with a visible label. The native input stays the keyboard and screen-reader way in (visually
 * hidden, focus shown on the button beside it); the button and the chosen names are ours, because the native
 * control speaks the browser's language, not the one chosen in Options.
 */
export function FileField(props: {
  label: ComponentChildren;
  hint?: ComponentChildren;
  accept?: string;
  multiple?: boolean;
  required?: boolean;
  name?: string;
  onFiles: (files: File[]) => void;
  /** Bump to clear the picker after a successful import. */
  resetKey?: number;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [names, setNames] = useState('');
  useEffect(() => setNames(''), [props.resetKey]);
  return (
    <Field label={props.label} hint={props.hint}>
      {({ id, describedBy }) => (
        // The whole box opens the picker, as the native control did; a click on the input itself is its own.
        <div class="ds-file" title={names || undefined} onClick={(e) => e.target !== input.current && input.current?.click()}>
          <input
            key={props.resetKey ?? 0}
            ref={input}
            class="ds-visually-hidden ds-file__input"
            type="file"
            id={id}
            name={props.name}
            aria-describedby={describedBy}
            accept={props.accept}
            multiple={props.multiple}
            required={props.required}
            onChange={(e) => {
              const files = Array.from(e.currentTarget.files ?? []);
              setNames(files.map((f) => f.name).join(', '));
              props.onFiles(files);
            }}
          />
          <span class="ds-button ds-button--secondary ds-file__button" aria-hidden="true">
            {t(props.multiple ? 'ui.chooseFiles' : 'ui.chooseFile')}
          </span>
          <span class="ds-file__names" aria-hidden="true">
            {names || t(props.multiple ? 'ui.noFiles' : 'ui.noFile')}
          </span>
        </div>
      )}
    </Field>
  );
}

/**
 * The outcome of a form: a failure as an alert (announced at once), a success in a polite live region that is
 * always in the page, so its changes are read out.
 */
export function Notices({ notice, onUnlocked }: { notice: Notice; onUnlocked?: () => void }) {
  return (
    <>
      <div class="ds-live" role="status" aria-live="polite">
        {notice.success && (
          <p class="ds-notice ds-notice--ok">
            <span class="ds-notice__icon" aria-hidden="true">✓</span>
            <span>{notice.success}</span>
          </p>
        )}
      </div>
      {notice.error && (
        <div class="ds-notice ds-notice--error" role="alert">
          <span class="ds-notice__icon" aria-hidden="true">!</span>
          <span>{notice.code === 'KEY_LOCKED' ? t('ui.keysLockedHere') : notice.error}</span>
        </div>
      )}
      {notice.code === 'KEY_LOCKED' && <UnlockPrompt onUnlocked={onUnlocked} />}
    </>
  );
}

// KEY_LOCKED's own sentence sends the user to Settings; here the unlock field is right below it ('ui.keysLockedHere').

export type Tone = 'ok' | 'warn' | 'error' | 'neutral' | 'info';

export function Badge(props: { tone: Tone; children: ComponentChildren }) {
  return <span class={`ds-badge ds-badge--${props.tone}`}>{props.children}</span>;
}

/** A SHA-256 fingerprint, monospace, broken into lines of eight bytes so two people can compare it aloud. */
export function Fingerprint({ value }: { value: string }) {
  const bytes = fingerprintBytes(value);
  const rows: string[] = [];
  for (let i = 0; i < bytes.length; i += 8) rows.push(bytes.slice(i, i + 8).join(':'));
  return (
    <code class="ds-fingerprint" title={bytes.join(':')}>
      {rows.map((r, i) => (
        <span key={i}>{r}</span>
      ))}
    </code>
  );
}

/** Label/value pairs in a definition list that stacks on narrow screens. */
export function Facts(props: { items: [ComponentChildren, ComponentChildren][] }) {
  return (
    <dl class="ds-facts">
      {props.items.map(([k, v], i) => (
        <div key={i}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Any hex fingerprint (with or without separators, any case) as uppercase byte pairs. */
export function fingerprintBytes(value: string): string[] {
  return (value.replace(/[^0-9a-f]/gi, '').toUpperCase().match(/../g) ?? []);
}

import type { ComponentChildren } from 'preact';
import { useId, useLayoutEffect, useRef } from 'preact/hooks';
import { Button } from './controls';
import { t } from '../i18n/current';

/**
 * A modal confirmation on the native <dialog>: it traps focus and closes on Escape by itself. Focus starts on
 * the safe choice (Cancel) and goes back to whatever opened the dialog when it closes.
 */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  busy?: string | undefined;
  onConfirm: () => void;
  onClose: () => void;
  /** Shown inside the dialog (the action's own failure). */
  error?: string | undefined;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();
  const bodyId = useId();

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
      cancel.current?.focus();
    } else if (!props.open && dialog.open) {
      dialog.close();
    }
  }, [props.open]);

  return (
    <dialog
      ref={ref}
      class="ds-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onClose={() => {
        (opener.current as HTMLElement | null)?.focus?.();
        props.onClose();
      }}
    >
      <h2 id={titleId} class="ds-dialog__title">
        {props.title}
      </h2>
      <div id={bodyId} class="ds-dialog__body">
        {props.children}
      </div>
      {props.error && (
        <p class="ds-notice ds-notice--error" role="alert">
          <span class="ds-notice__icon" aria-hidden="true">!</span>
          <span>{props.error}</span>
        </p>
      )}
      <div class="ds-dialog__actions">
        <button ref={cancel} type="button" class="ds-button ds-button--secondary" onClick={() => ref.current?.close()}>
          {t('ui.cancel')}
        </button>
        <Button variant="danger" busy={props.busy} onClick={props.onConfirm}>
          {props.confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}

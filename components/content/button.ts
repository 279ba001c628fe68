/** The small DirectSeal buttons placed in the webmail's own toolbars, styled inside a shadow root. */

const STYLE = `
  :host { display: inline-block; margin: 0 6px; vertical-align: middle; }
  button { font: 600 14px/1 system-ui, sans-serif; color: #fff; background: #0f766e; border: 0; border-radius: 8px;
           padding: 9px 14px; cursor: pointer; display: inline-flex; gap: 6px; align-items: center; }
  button:hover { background: #115e59; }
  button:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
  button[aria-busy="true"] { opacity: .7; cursor: progress; }
  .note { font: 13px/1.3 system-ui, sans-serif; color: #b91c1c; margin-left: 8px; }
`;

const LOCK = '<svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" d="M12 2a5 5 0 0 0-5 5v3H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-8a2 2 0 0 0-2-2h-1V7a5 5 0 0 0-5-5Zm-3 8V7a3 3 0 1 1 6 0v3H9Z"/></svg>';

export interface PlacedButton {
  host: HTMLElement;
  /** Shows a short error next to the button (the host page can read it: never put content here). */
  report(message: string | undefined): void;
}

export function placeButton(toolbar: Element, label: string, kind: string, onClick: (b: PlacedButton) => Promise<void>): PlacedButton {
  const host = document.createElement('directseal-button');
  host.dataset.directseal = kind;
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.innerHTML = `<style>${STYLE}</style><button type="button">${LOCK}<span></span></button><span class="note" role="status"></span>`;
  const button = shadow.querySelector('button')!;
  shadow.querySelector('button span')!.textContent = label;
  const note = shadow.querySelector('.note')!;
  const placed: PlacedButton = { host, report: (m) => void (note.textContent = m ?? '') };
  button.addEventListener('click', (event) => {
    // The webmail must not treat our click as its own (Gmail closes menus, Roundcube submits forms).
    event.preventDefault();
    event.stopPropagation();
    if (button.getAttribute('aria-busy') === 'true') return;
    button.setAttribute('aria-busy', 'true');
    placed.report(undefined);
    onClick(placed)
      .catch((e: unknown) => placed.report(e instanceof Error ? e.message : String(e)))
      .finally(() => button.removeAttribute('aria-busy'));
  });
  if (toolbar instanceof HTMLButtonElement) toolbar.after(host);
  else toolbar.append(host);
  return placed;
}

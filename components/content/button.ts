/** The small DirectSeal buttons placed in the webmail's own toolbars, styled inside a shadow root. */
import type { ContentMessageId } from '@/utils/i18n/content';
import { t } from '@/components/i18n/content-text';
import { speak } from './localized';
import { shadowHost } from './shadow-host';

const STYLE = `
  :host { display: inline-block; margin: 0 6px; vertical-align: middle; }
  button { font: 600 14px/1 system-ui, sans-serif; color: #fff; background: #0f766e; border: 0; border-radius: 8px;
           padding: 9px 14px; cursor: pointer; display: inline-flex; gap: 6px; align-items: center; }
  button:hover { background: #115e59; }
  button:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
  button[aria-busy="true"] { opacity: .7; cursor: progress; }
  .note { font: 13px/1.3 system-ui, sans-serif; color: #b91c1c; margin-left: 8px; }
`;

const SVG = 'http://www.w3.org/2000/svg';

function lockIcon(): SVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  for (const [k, v] of Object.entries({ width: '14', height: '14', viewBox: '0 0 24 24', 'aria-hidden': 'true' })) svg.setAttribute(k, v);
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', 'M12 2a5 5 0 0 0-5 5v3H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-8a2 2 0 0 0-2-2h-1V7a5 5 0 0 0-5-5Zm-3 8V7a3 3 0 1 1 6 0v3H9Z');
  svg.append(path);
  return svg;
}

export interface PlacedButton {
  host: HTMLElement;
  /** Shows a short error next to the button (the host page can read it: never put content here). */
  report(message: string | undefined): void;
}

/** `label`: the button's words, in the chosen language (and again after a change of it). */
export function placeButton(toolbar: Element, label: ContentMessageId, kind: string, onClick: (b: PlacedButton) => Promise<void>): PlacedButton {
  const { host, shadow } = shadowHost('directseal-button', STYLE);
  host.dataset.directseal = kind;
  const button = document.createElement('button');
  button.type = 'button';
  const words = document.createElement('span');
  button.append(lockIcon(), words);
  speak(host, () => void (words.textContent = t(label)));
  const note = Object.assign(document.createElement('span'), { className: 'note' });
  note.setAttribute('role', 'status');
  shadow.append(button, note);
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

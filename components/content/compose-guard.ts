/**
 * What DirectSeal shows inside a webmail's compose, in shadow roots the page cannot restyle: the "Sealed by
 * DirectSeal" mark on a compose whose message is in smime.p7m (turning into a warning when something is added
 * after sealing), and the question asked before a message would go out in the clear. Built with DOM calls
 * (Trusted Types); the page can read these words, so they never carry content.
 */
import { t } from '@/components/i18n/content-text';
import type { ContentMessageId } from '@/utils/i18n/content';
import type { Params } from '@/utils/i18n/fill';
import { speak } from './localized';
import { shadowHost } from './shadow-host';

/** A sentence of the catalog with its parameters, said in the language of the moment. */
export interface Said {
  id: ContentMessageId;
  params?: Params;
}

const MARK_STYLE = `
  :host { all: initial; display: block; margin: 6px 0 10px; }
  .mark { font: 14px/1.4 system-ui, sans-serif; display: flex; gap: 10px; align-items: flex-start; padding: 10px 14px;
          border-radius: 10px; border: 2px solid #0f766e; background: #ecfdf5; color: #064e3b; }
  .mark strong { display: block; font-size: 15px; }
  .mark.warn { border-color: #b91c1c; background: #fef2f2; color: #7f1d1d; }
  svg { flex: none; margin-top: 2px; }
`;

const DIALOG_STYLE = `
  :host { all: initial; }
  .backdrop { position: fixed; inset: 0; z-index: 2147483646; background: rgb(15 23 42 / 0.45); display: grid; place-items: center; }
  .dialog { font: 15px/1.45 system-ui, sans-serif; color: #10201f; background: #fff; width: min(520px, 92vw); border-radius: 14px;
            padding: 22px 24px; box-shadow: 0 24px 64px rgb(0 0 0 / 0.35); border-top: 6px solid #b45309; }
  h2 { font-size: 19px; margin: 0 0 8px; }
  p { margin: 0 0 16px; }
  .actions { display: flex; flex-wrap: wrap; gap: 10px; }
  button { font: 600 14px/1 system-ui, sans-serif; border-radius: 8px; padding: 11px 16px; cursor: pointer; border: 2px solid transparent; }
  button.primary { background: #0f766e; color: #fff; }
  button.primary:hover { background: #115e59; }
  button.danger { background: #fff; color: #b91c1c; border-color: #b91c1c; }
  button.quiet { background: transparent; color: #334155; }
  button:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
`;

const SVG = 'http://www.w3.org/2000/svg';

const SHIELD = 'M12 2 4 5v6c0 5 3.4 9.7 8 11 4.6-1.3 8-6 8-11V5l-8-3Zm-1.2 14.2-3.5-3.5 1.4-1.4 2.1 2.1 4.9-4.9 1.4 1.4-6.3 6.3Z';
const WARNING = 'M12 2 1 21h22L12 2Zm-1 7h2v6h-2V9Zm0 8h2v2h-2v-2Z';

function icon(): { svg: SVGElement; path: SVGPathElement } {
  const svg = document.createElementNS(SVG, 'svg');
  for (const [k, v] of Object.entries({ width: '20', height: '20', viewBox: '0 0 24 24', 'aria-hidden': 'true' })) svg.setAttribute(k, v);
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return { svg, path };
}

export interface SealedMark {
  host: HTMLElement;
  /** A warning in place of the mark (something was added after sealing), or back to the mark. */
  warn(warning: Said | undefined): void;
}

/** Puts a new mark at the top of the compose (entrypoints/webmail.content/guard.ts keeps one per compose). */
export function placeSealedMark(root: Element): SealedMark {
  const { host, shadow } = shadowHost('directseal-sealed', MARK_STYLE);
  host.setAttribute('role', 'status');
  const box = Object.assign(document.createElement('div'), { className: 'mark' });
  const title = document.createElement('strong');
  const text = document.createElement('span');
  const words = document.createElement('div');
  words.append(title, text);
  const sign = icon();
  box.append(sign.svg, words);
  shadow.append(box);
  let shown: Said | undefined;
  const render = () => {
    title.textContent = t(shown ? 'webmail.sealed.warnTitle' : 'webmail.sealed.title');
    text.textContent = shown ? t(shown.id, shown.params) : t('webmail.sealed.text');
  };
  const show = (warning: Said | undefined) => {
    shown = warning;
    box.classList.toggle('warn', Boolean(warning));
    host.dataset.state = warning ? 'warning' : 'sealed';
    sign.path.setAttribute('d', warning ? WARNING : SHIELD);
    render();
  };
  show(undefined);
  speak(host, render);
  root.prepend(host);
  return { host, warn: show };
}

export type SendChoice = 'secure' | 'send' | 'cancel';

/** The question's words, by catalog id. */
export interface SendQuestion {
  title: ContentMessageId;
  text: Said;
  /** The safe way out, offered first; absent when there is none from here. */
  secureLabel?: ContentMessageId;
  sendLabel: ContentMessageId;
}

/** Asks before a message goes out in the clear; resolves with the user's choice (Escape cancels). */
export function askBeforeSending(question: SendQuestion): Promise<SendChoice> {
  const { host, shadow } = shadowHost('directseal-confirm', DIALOG_STYLE);
  const backdrop = Object.assign(document.createElement('div'), { className: 'backdrop' });
  const dialog = Object.assign(document.createElement('div'), { className: 'dialog' });
  dialog.setAttribute('role', 'alertdialog');
  dialog.setAttribute('aria-modal', 'true');
  const heading = Object.assign(document.createElement('h2'), { id: 'ds-confirm-title' });
  const text = Object.assign(document.createElement('p'), { id: 'ds-confirm-text' });
  dialog.setAttribute('aria-labelledby', heading.id);
  dialog.setAttribute('aria-describedby', text.id);
  const actions = Object.assign(document.createElement('div'), { className: 'actions' });
  const labelled: [HTMLButtonElement, ContentMessageId][] = [];
  const button = (label: ContentMessageId, cls: string, choice: SendChoice) => {
    const b = Object.assign(document.createElement('button'), { type: 'button', className: cls });
    b.addEventListener('click', (e) => {
      e.stopPropagation();
      done(choice);
    });
    actions.append(b);
    labelled.push([b, label]);
    return b;
  };
  const first = question.secureLabel ? button(question.secureLabel, 'primary', 'secure') : undefined;
  button(question.sendLabel, 'danger', 'send');
  const cancel = button('webmail.ask.cancel', 'quiet', 'cancel');
  speak(host, () => {
    heading.textContent = t(question.title);
    text.textContent = t(question.text.id, question.text.params);
    for (const [b, label] of labelled) b.textContent = t(label);
  });
  dialog.append(heading, text, actions);
  backdrop.append(dialog);
  shadow.append(backdrop);
  document.documentElement.append(host);
  (first ?? cancel).focus();
  let done: (choice: SendChoice) => void = () => undefined;
  return new Promise((resolve) => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') done('cancel');
    };
    done = (choice) => {
      document.removeEventListener('keydown', onKey, true);
      host.remove();
      resolve(choice);
    };
    document.addEventListener('keydown', onKey, true);
  });
}

const HELD_STYLE = `
  :host { all: initial; display: block; margin: 6px 0 10px; }
  .held { font: 14px/1.4 system-ui, sans-serif; padding: 10px 14px; border-radius: 10px; border: 2px solid #b45309;
          background: #fffbeb; color: #451a03; display: grid; gap: 8px; }
  strong { display: block; font-size: 15px; }
  .actions { display: flex; flex-wrap: wrap; gap: 8px; }
  button { font: 600 13px/1 system-ui, sans-serif; border-radius: 8px; padding: 9px 12px; cursor: pointer; border: 2px solid transparent; }
  button.primary { background: #0f766e; color: #fff; }
  button.quiet { background: #fff; color: #7c2d12; border-color: #d6d3d1; }
  button:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
`;

/**
 * The text "Secure" took out of the webmail is held by DirectSeal (the frame was closed unsent): say so in the
 * compose, with the way back into DirectSeal first. Removes itself when either is chosen.
 */
export function placeHeldNotice(root: Element, actions: { onContinue(): void; onPutBack(): void }): HTMLElement {
  const { host, shadow } = shadowHost('directseal-held', HELD_STYLE);
  host.setAttribute('role', 'status');
  const box = Object.assign(document.createElement('div'), { className: 'held' });
  const words = document.createElement('div');
  const title = document.createElement('strong');
  const text = document.createTextNode('');
  words.append(title, text);
  const row = Object.assign(document.createElement('div'), { className: 'actions' });
  const button = (cls: string, act: () => void) => {
    const b = Object.assign(document.createElement('button'), { type: 'button', className: cls });
    b.addEventListener('click', (e) => {
      e.preventDefault();
      e.stopPropagation();
      host.remove();
      act();
    });
    row.append(b);
    return b;
  };
  const onward = button('primary', actions.onContinue);
  const back = button('quiet', actions.onPutBack);
  speak(host, () => {
    title.textContent = t('webmail.held.title');
    text.textContent = t('webmail.held.text');
    onward.textContent = t('webmail.held.continue');
    back.textContent = t('webmail.held.putBack');
  });
  box.append(words, row);
  shadow.append(box);
  root.prepend(host);
  return host;
}

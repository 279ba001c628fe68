/**
 * Armored Direct messages in plain text (for portals and EHR fields that carry only text): the EnvelopedData
 * as PEM "PKCS7". Finding them in a page and offering to open them, wherever the content script runs.
 */
import { toPem } from '@/utils/pki/pem';
import { t } from '@/components/i18n/content-text';
import { placeButton, type PlacedButton } from './button';
import { speak } from './localized';
import { openFrame, type FrameResult } from './overlay';

const BLOCK = /-----BEGIN PKCS7-----[\sA-Za-z0-9+/=]+?-----END PKCS7-----/g;

/** The armored blocks in `text`. */
export function armoredBlocks(text: string): string[] {
  return text.match(BLOCK) ?? [];
}

const BEGIN = '-----BEGIN PKCS7-----';
const CONTAINERS = 'pre, p, div, td, span';

/**
 * The innermost elements that hold an armored block: text fields whose value has one, and the nearest block-ish
 * element around each text node with a BEGIN line. One walk over the text nodes, no copy of the page's text
 * (this runs on every re-render of a webmail).
 */
function armoredElements(root: HTMLElement): HTMLElement[] {
  const found = new Set<HTMLElement>();
  for (const field of root.querySelectorAll('textarea')) if (field.value.includes(BEGIN)) found.add(field);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.nodeValue?.includes(BEGIN)) continue;
    const holder = node.parentElement?.closest<HTMLElement>(CONTAINERS) ?? node.parentElement;
    if (holder && !(holder instanceof HTMLTextAreaElement)) found.add(holder);
  }
  return [...found];
}

/** Adds "Open securely" after every element whose own text holds an armored block (once per element). */
export function offerToOpenArmored(root: HTMLElement, provider: string, seen: WeakSet<Element>): void {
  const candidates = armoredElements(root).filter((el) => !seen.has(el) && !el.closest('directseal-button, directseal-frame'));
  for (const el of candidates) {
    const text = el instanceof HTMLTextAreaElement ? el.value : el.textContent ?? '';
    const [block] = armoredBlocks(text);
    if (!block) continue;
    seen.add(el);
    const anchor = document.createElement('span');
    // Above a long block, where it is seen without scrolling past it; a field keeps it below, by its own button.
    if (el instanceof HTMLTextAreaElement || el.isContentEditable) el.after(anchor);
    else if (el instanceof HTMLTableCellElement) el.prepend(anchor);
    else el.before(anchor);
    placeButton(anchor, 'webmail.button.open', 'open-armored', async (button) => {
      // The block shown now: a page that re-renders may have put another one in the same element.
      const now = armoredBlocks(el instanceof HTMLTextAreaElement ? el.value : el.textContent ?? '')[0] ?? block;
      const result = await openFrame({ view: 'read', name: 'armored message', provider }, { sealed: new TextEncoder().encode(now) });
      // "Reply securely" in the frame hands back the sealed reply: a page that carries only text takes it armored.
      if (result) showArmoredReply(button, armoredOf(result));
      // The frame took focus with it: back to this button (or to the reply just shown).
      else button.host.shadowRoot?.querySelector('button')?.focus();
    });
  }
}

/** The reply as an armored block, whether the frame sent it armored or as the smime.p7m's DER. */
export function armoredOf(result: FrameResult): string {
  return result.kind === 'armored' ? result.text : toPem('PKCS7', result.p7m).trim();
}

const REPLY_STYLE = `
  .reply { display: grid; gap: 6px; margin: 8px 0 0; padding: 10px 12px; max-width: 42rem; font: 13px/1.4 system-ui, sans-serif;
           color: #134e4a; background: #f0fdfa; border: 1px solid #99f6e4; border-radius: 8px; }
  .reply textarea { font: 12px/1.35 ui-monospace, monospace; height: 7.5em; resize: vertical; color: #0f172a; background: #fff;
                    border: 1px solid #94a3b8; border-radius: 6px; padding: 6px; }
  .reply .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
  .reply button { font: 600 13px/1 system-ui, sans-serif; padding: 7px 12px; }
`;

/**
 * Shows the sealed reply (ciphertext only: the page may see it) under the button, ready to copy into the
 * portal's reply box. Without this the reply sealed in the frame was dropped on the floor.
 */
function showArmoredReply(button: PlacedButton, text: string): void {
  const shadow = button.host.shadowRoot;
  if (!shadow) return;
  shadow.querySelector('.reply-style')?.remove();
  shadow.querySelector('.reply')?.remove();
  const style = Object.assign(document.createElement('style'), { className: 'reply-style', textContent: REPLY_STYLE });
  const box = Object.assign(document.createElement('div'), { className: 'reply' });
  box.setAttribute('role', 'group');
  const note = document.createElement('span');
  const field = Object.assign(document.createElement('textarea'), { readOnly: true, value: text, spellcheck: false });
  const copy = Object.assign(document.createElement('button'), { type: 'button' });
  const status = document.createElement('span');
  status.setAttribute('role', 'status');
  /** What the status says, by id, so that a language change says it again. */
  let said: 'webmail.armor.copied' | 'webmail.armor.copyByHand' | undefined;
  speak(button.host, () => {
    box.setAttribute('aria-label', t('webmail.armor.reply'));
    note.textContent = t('webmail.armor.note');
    field.setAttribute('aria-label', t('webmail.armor.field'));
    copy.textContent = t('webmail.armor.copy');
    status.textContent = said ? t(said) : '';
  });
  const say = (id: NonNullable<typeof said>) => {
    said = id;
    status.textContent = t(id);
  };
  copy.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    field.select();
    navigator.clipboard.writeText(text).then(
      () => say('webmail.armor.copied'),
      () => say('webmail.armor.copyByHand'),
    );
  });
  const row = Object.assign(document.createElement('div'), { className: 'row' });
  row.append(copy, status);
  box.append(note, field, row);
  shadow.append(style, box);
  field.focus();
  field.setSelectionRange(0, 0);
  field.scrollTop = 0;
}

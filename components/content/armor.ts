/**
 * Armored Direct messages in plain text (for portals and EHR fields that carry only text): the EnvelopedData
 * as PEM "PKCS7". Finding them in a page and offering to open them, wherever the content script runs.
 */
import { placeButton } from './button';
import { openFrame } from './overlay';

const BLOCK = /-----BEGIN PKCS7-----[\sA-Za-z0-9+/=]+?-----END PKCS7-----/g;

/** The armored blocks in `text`. */
export function armoredBlocks(text: string): string[] {
  return text.match(BLOCK) ?? [];
}

/** Adds "Open securely" after every element whose own text holds an armored block (once per element). */
export function offerToOpenArmored(root: HTMLElement, provider: string, seen: WeakSet<Element>): void {
  // Cheap first: most pages hold no armored block at all.
  if (!root.textContent?.includes('-----BEGIN PKCS7-----') && !root.querySelector('textarea')) return;
  const candidates = [...root.querySelectorAll<HTMLElement>('pre, p, div, td, span, textarea')].filter((el) => {
    if (seen.has(el) || el.closest('directseal-button, directseal-frame')) return false;
    const own = el instanceof HTMLTextAreaElement ? el.value : el.textContent ?? '';
    if (!own.includes('-----BEGIN PKCS7-----')) return false;
    // The innermost element only: its children must not hold the whole block themselves.
    return ![...el.children].some((c) => (c.textContent ?? '').includes('-----END PKCS7-----'));
  });
  for (const el of candidates) {
    const text = el instanceof HTMLTextAreaElement ? el.value : el.textContent ?? '';
    const [block] = armoredBlocks(text);
    if (!block) continue;
    seen.add(el);
    const anchor = document.createElement('span');
    el.after(anchor);
    placeButton(anchor, 'Open securely', 'open-armored', async () => {
      await openFrame({ view: 'read', sealed: new TextEncoder().encode(block), name: 'armored message', provider });
    });
  }
}

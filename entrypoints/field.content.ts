/**
 * "Secure this field", for EHR pages and portals that carry only text: on a site the user enabled (options
 * page → Sites; registered at run time, never on every site), a focused text field gets a small "Secure"
 * button that replaces its text with an armored Direct message; armored blocks on the page get "Open
 * securely". No crypto and no plaintext here: the DirectSeal frame does the writing and reading.
 */
import { offerToOpenArmored } from '@/components/content/armor';
import { placeButton } from '@/components/content/button';
import { openFrame } from '@/components/content/overlay';
import { watchPage } from '@/components/content/watch';
import { answerEhrRequests } from '@/components/content/ehr-api';
import { startContentLocale } from '@/components/i18n/content-locale';

export default defineContentScript({
  registration: 'runtime',
  matches: ['http://127.0.0.1/*'],
  allFrames: true,
  // WXT's own "started" postMessage would reach the host page's listeners; custom events suffice.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    // The EHR page's own API (window.directseal, entrypoints/ehr-api.ts) comes through here: answered from the
    // start, so a request made while the language is read is not lost.
    const api = new AbortController();
    answerEhrRequests(api.signal);
    ctx.onInvalidated(() => api.abort());
    // The buttons speak the chosen language from the first one placed.
    await startContentLocale();
    if (ctx.isInvalid) return;
    const seen = new WeakSet<Element>();
    /** Each field's button; placed again when the page's re-rendering took it out. */
    const placed = new WeakMap<Element, HTMLElement>();
    const scan = () => offerToOpenArmored(document.body, 'field', seen);
    const onFocus = (event: FocusEvent) => {
      // The field itself, also inside a web component's (open) shadow root, where event.target is the host.
      const field = event.composedPath()[0] ?? event.target;
      if (!isTextField(field) || placed.get(field)?.isConnected) return;
      const anchor = document.createElement('span');
      field.after(anchor);
      placeButton(anchor, 'webmail.button.field', 'secure-field', async () => {
        try {
          const typed = fieldText(field);
          const result = await openFrame({ view: 'field', provider: 'field', ...(typed && !typed.includes('-----BEGIN PKCS7-----') ? { text: typed } : {}) });
          if (result?.kind === 'armored') setFieldText(field, result.text);
        } finally {
          // The frame took focus with it: back to the field, sealed or not.
          field.focus();
        }
      });
      placed.set(field, anchor);
    };
    document.addEventListener('focusin', onFocus);
    watchPage(ctx, scan, { delayMs: 300, characterData: true });
    ctx.onInvalidated(() => document.removeEventListener('focusin', onFocus));
  },
});

type TextField = HTMLTextAreaElement | HTMLElement;

function isTextField(el: EventTarget | null): el is TextField {
  if (!(el instanceof HTMLElement) || ownChrome(el)) return false;
  if (el instanceof HTMLTextAreaElement) return !el.readOnly && !el.disabled;
  return el.isContentEditable;
}

/** Inside DirectSeal's own buttons (their shadow roots hold the read-only armored reply, for one). */
function ownChrome(el: HTMLElement): boolean {
  const root = el.getRootNode();
  const host = root instanceof ShadowRoot ? root.host : el;
  return host.closest('directseal-button, directseal-frame') !== null;
}

function setFieldText(field: TextField, text: string): void {
  if (field instanceof HTMLTextAreaElement) field.value = text;
  else field.innerText = text;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
}

/** What the user typed in the field (an armored block already there is not sealed again). */
function fieldText(field: HTMLElement): string {
  return (field instanceof HTMLTextAreaElement ? field.value : field.innerText).trim();
}

/**
 * Outlook on the web (outlook.office.com, outlook.office365.com, outlook.live.com; the Fluent UI / React app
 * of 2023+, "new Outlook"). Its class names are build hashes; we lean on roles and aria-labels (English UI),
 * and every selector sits in SELECTORS.
 *
 * Where the structure comes from (none of it could be checked against the live site from here):
 * - known, used by several public extensions and automation scripts: the body div[role=textbox]
 *   [contenteditable] with aria-label "Message body" (sometimes "Message body, press Alt+F10 to exit"); the
 *   subject input with aria-label/placeholder "Add a subject"; the recipient wells div[aria-label=To|Cc|Bcc]
 *   (contenteditable) holding pills whose class contains "_EType_RECIPIENT_ENTITY"; button[aria-label=Send].
 * - from Mailvelope's Outlook integration (2025): a message in the reading pane is .aVla3 with its body in
 *   [id^=UniqueMessageBody_]; its attachment list is .E_kRz with file names in .VlyYV (text or title).
 * - assumed: a pill shows "Name <address>" for external recipients (an address we can read) but only the
 *   display name for people of the same tenant (no address in the DOM: such a recipient is not returned, and
 *   the compose frame asks for it); attachments in the compose are [role=option] items of a listbox whose
 *   label mentions attachments, with [role=progressbar] while uploading; dropping a file on the body attaches
 *   it (images may go inline, smime.p7m does not).
 *
 * Known limits of Outlook on the web, handled as far as they can be:
 * - An attachment chip carries no download URL (download is a menu command that the page performs); if a chip
 *   holds a link we fetch it, otherwise fetch() says how to get the file instead of guessing an endpoint.
 * - A message that is itself application/pkcs7-mime (as Direct mail is) is usually not listed as an
 *   attachment at all: Outlook shows a notice that S/MIME is needed instead. Nothing in the DOM then gives us
 *   the bytes; readViews() reports only .p7m parts that Outlook does list.
 */
import { withoutReplyPrefix } from '../../../utils/direct/subject-line';
import { t } from '../../../components/i18n/content-text';
import { chooseFile, dropFile, fetchBytes, waitFor } from '../files';
import { addressesIn, dedupe, onProviderPage, replaceEditorText, setFieldValue } from '../fields';
import { isSealedName, type ComposeView, type ReadView, type SealedPart, MB, type WebmailAdapter } from './types';

const SELECTORS = {
  hosts: ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com'],
  fixtureMeta: 'meta[name="directseal-fixture"][content="outlook"]',
  body: 'div[role="textbox"][contenteditable="true"][aria-label^="Message body"]',
  subject: 'input[aria-label="Add a subject"], input[placeholder="Add a subject"], input[aria-label="Subject"]',
  recipientWells: 'div[aria-label="To"], div[aria-label="Cc"], div[aria-label="Bcc"]',
  recipientPill: 'span[class*="_EType_RECIPIENT_ENTITY"]',
  sendButton: 'button[aria-label="Send"], button[title^="Send"]',
  /** Send is a split button (Send + its options arrow); "Secure" goes after the pair. */
  splitButton: '.fui-SplitButton',
  fileInput: 'input[type="file"]',
  composeAttachment: '[role="listbox"][aria-label*="ttachment"] [role="option"]',
  uploadProgress: '[role="progressbar"]',
  message: '.aVla3',
  messageBody: '[id^="UniqueMessageBody"]',
  attachmentList: '.E_kRz',
  attachmentItem: '.E_kRz [role="option"], .E_kRz [role="listitem"]',
  attachmentName: '.VlyYV',
  attachmentLink: 'a[href]',
  messageToolbar: '[role="toolbar"]',
} as const;

const UPLOAD_MS = 120_000;

export const outlook: WebmailAdapter = {
  name: 'outlook',

  /** Outlook on the web: 33 MB for a file attached to a message (bigger ones it offers to share from OneDrive). */
  maxAttachmentBytes: () => 33 * MB,

  detect(doc, location) {
    return onProviderPage(doc, location, SELECTORS.hosts, SELECTORS.fixtureMeta);
  },

  composeViews(doc) {
    const roots = new Set<Element>();
    for (const body of doc.querySelectorAll(SELECTORS.body)) {
      const root = ancestorHolding(body, SELECTORS.sendButton);
      if (root) roots.add(root);
    }
    return [...roots].map((root) => composeView(doc, root));
  },

  readViews(doc) {
    const messages = new Set<Element>(doc.querySelectorAll(SELECTORS.message));
    // If the container class changed, each message body's parent still stands for its message.
    if (!messages.size) for (const body of doc.querySelectorAll(SELECTORS.messageBody)) if (body.parentElement) messages.add(body.parentElement);
    return [...messages].map((message) => readView(doc, message));
  },
};

/** The nearest ancestor of `el` that also holds `selector`: the compose form around its body. */
function ancestorHolding(el: Element, selector: string): Element | null {
  for (let node = el.parentElement; node; node = node.parentElement) if (node.querySelector(selector)) return node;
  return null;
}

function composeView(doc: Document, root: Element): ComposeView {
  const send = root.querySelector(SELECTORS.sendButton);
  const split = send?.closest(SELECTORS.splitButton);
  return {
    root,
    toolbar: split?.parentElement ?? send ?? root,
    recipients() {
      const found: string[] = [];
      for (const well of root.querySelectorAll(SELECTORS.recipientWells)) {
        const pills = [...well.querySelectorAll(SELECTORS.recipientPill)];
        for (const pill of pills) {
          // "Name <address>" in the pill's text, or the address in its label or tooltip.
          for (const text of [pill.getAttribute('aria-label'), pill.getAttribute('title'), pill.textContent]) found.push(...addressesIn(text ?? ''));
        }
        // Addresses typed but not yet turned into pills: each text node alone, as pills and text touch.
        found.push(...textOutside(doc, well, pills).flatMap(addressesIn));
      }
      return dedupe(found);
    },
    async attach(file) {
      const before = attachmentChips(root, file.name).length;
      const input = root.querySelector<HTMLInputElement>(SELECTORS.fileInput);
      if (input) chooseFile(input, file);
      else dropFile(root.querySelector(SELECTORS.body) ?? root, file);
      await waitFor(() => {
        const chips = attachmentChips(root, file.name);
        return chips.length > before && chips.every((c) => !c.querySelector(SELECTORS.uploadProgress));
      }, UPLOAD_MS, root);
    },
    setCoverNote(subject, body) {
      const input = root.querySelector<HTMLInputElement>(SELECTORS.subject);
      if (input) setFieldValue(input, subject);
      const editor = root.querySelector<HTMLElement>(SELECTORS.body);
      if (editor) replaceEditorText(doc, editor, body);
    },
    controls() {
      return {
        subject: root.querySelector<HTMLInputElement>(SELECTORS.subject),
        body: root.querySelector<HTMLElement>(SELECTORS.body),
        send: root.querySelector(SELECTORS.sendButton),
      };
    },
    attachmentNames() {
      return [...root.querySelectorAll(SELECTORS.composeAttachment)].map((chip) => (chip.getAttribute('title') || chip.textContent || '').trim());
    },
    isReply() {
      // Outlook prefills a reply's subject with "RE: " in the user's language: the prefixes outer subjects drop.
      const subject = (root.querySelector<HTMLInputElement>(SELECTORS.subject)?.value ?? '').trim();
      return withoutReplyPrefix(subject) !== subject;
    },
  };
}

/** The text nodes of `root` that are not inside one of `skip`. */
function textOutside(doc: Document, root: Element, skip: Element[]): string[] {
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const texts: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!skip.some((s) => s.contains(node))) texts.push(node.textContent ?? '');
  }
  return texts;
}

function attachmentChips(root: Element, name: string): Element[] {
  return [...root.querySelectorAll(SELECTORS.composeAttachment)].filter((chip) =>
    [chip.getAttribute('title'), chip.getAttribute('aria-label'), chip.textContent].some((t) => t?.includes(name)),
  );
}

function readView(doc: Document, message: Element): ReadView {
  return {
    root: message,
    toolbar: message.querySelector(SELECTORS.messageToolbar) ?? message.querySelector(SELECTORS.attachmentList) ?? message,
    sealedParts() {
      const parts: SealedPart[] = [];
      for (const item of message.querySelectorAll(SELECTORS.attachmentItem)) {
        const label = item.querySelector(SELECTORS.attachmentName);
        const name = (label?.getAttribute('title') || label?.textContent || '').trim();
        if (!name || !isSealedName(name)) continue;
        const href = item.querySelector<HTMLAnchorElement>(SELECTORS.attachmentLink)?.getAttribute('href');
        const url = href ? new URL(href, doc.baseURI).href : null;
        parts.push({
          name,
          fetch: () => (url ? fetchBytes(url) : Promise.reject(new Error(t('webmail.outlook.noAddress', { file: name })))),
        });
      }
      return parts;
    },
  };
}

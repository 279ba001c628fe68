/**
 * Gmail (mail.google.com, the 2022+ "integrated" UI). Gmail's class names are generated and change without
 * notice; where an aria-label, name or role attribute exists we prefer it, and every selector sits in SELECTORS.
 *
 * Where the structure comes from (none of it could be checked against the live site from here):
 * - known, used by several public extensions and test scripts: input[name=subjectbox]; the body
 *   div[contenteditable][g_editable=true] with aria-label "Message Body" (English UI); the compose container
 *   .M9 around form + body (new message dialogs and inline replies alike); read view messages
 *   div[data-message-id]; attachment chips span.aZo carrying download_url="mime:name:url"; recipient chips
 *   with data-hovercard-id (new UI, role=option) or span[email] inside .vR (older UI).
 * - from InboxSDK's compose view: attaching files is a drag over the compose, Gmail then shows drop zones
 *   (body > .aC7, .aWP for the popup compose) and takes the drop on one of them; there is no file input until
 *   the paper clip is clicked; the Send button is .IZ .Up > div > [role=button] (class aoO).
 * - assumed: the compose attachment chip is .dL with the name in .vI (as of 2023); hidden inputs
 *   input[name=to|cc|bcc] still mirror the chips in some UI variants; chips show a [role=progressbar] while
 *   uploading. The fixture test/fixtures/webmail/gmail-*.html reproduces exactly these assumptions.
 */
import { chooseFile, dropFile, fetchBytes, pageDataTransfer, waitFor } from '../files';
import { addressesIn, dedupe, fieldText, onProviderPage, replaceEditorText, setFieldValue } from '../fields';
import { isSealedName, type ComposeView, type ReadView, type SealedPart, MB, type WebmailAdapter } from './types';

const SELECTORS = {
  hosts: ['mail.google.com'],
  fixtureMeta: 'meta[name="directseal-fixture"][content="gmail"]',
  /** One per compose view; g_editable is Gmail's own marker, aria-label the accessible one (localized). */
  body: 'div[contenteditable="true"][g_editable="true"], div[contenteditable="true"][aria-label="Message Body"]',
  /** The compose container (dialog or inline reply); fallbacks for a changed class. */
  composeRoot: ['.M9', '[role="dialog"]', 'form'],
  subject: 'input[name="subjectbox"]:not([type="hidden"])',
  /** A hidden copy of the subject some variants keep in the form (InboxSDK sets both). */
  subjectHidden: 'input[type="hidden"][name="subjectbox"]',
  recipientChips: '[role="option"][data-hovercard-id], .vR [email], span[email][data-hovercard-id]',
  recipientHidden: 'input[type="hidden"][name="to"], input[type="hidden"][name="cc"], input[type="hidden"][name="bcc"]',
  sendButton: '.IZ .Up > div > [role="button"], [role="button"].aoO, [role="button"][data-tooltip^="Send"]',
  fileInput: 'input[type="file"]',
  /** Drop zones Gmail adds to <body> while something is dragged over a compose. */
  dropzone: 'body > .aC7',
  composeAttachment: '.dL',
  composeAttachmentName: '.vI',
  uploadProgress: '[role="progressbar"]',
  message: 'div[data-message-id]',
  attachmentChip: '[download_url]',
  attachmentName: '.aV3',
  attachmentLink: 'a[href]',
  /** The attachment strip under a message, where "Open securely" goes. */
  attachmentStrip: '.aQH',
  /** A reply compose carries the answered message's id in a hidden "rm" field. */
  replyMarker: 'input[name="rm"]',
  dialog: '[role="dialog"]',
  /** The conversation's subject above its messages, and a message's sender. */
  conversationSubject: 'h2.hP',
  sender: '.gD[email]',
} as const;

const UPLOAD_MS = 120_000;
const DROPZONE_MS = 3_000;

export const gmail: WebmailAdapter = {
  name: 'gmail',

  /** "You can send up to 25 MB in attachments" (Gmail Help); bigger files become Drive links, not attachments. */
  maxAttachmentBytes: () => 25 * MB,

  detect(doc, location) {
    return onProviderPage(doc, location, SELECTORS.hosts, SELECTORS.fixtureMeta);
  },

  composeViews(doc) {
    const roots = new Set<Element>();
    for (const body of doc.querySelectorAll(SELECTORS.body)) {
      const root = composeRoot(body);
      if (root) roots.add(root);
    }
    return [...roots].map((root) => composeView(doc, root));
  },

  readViews(doc) {
    return [...doc.querySelectorAll(SELECTORS.message)]
      // A conversation nests nothing, but guard against a container inside another.
      .filter((m) => !m.parentElement?.closest(SELECTORS.message))
      .map((message) => readView(doc, message));
  },
};

function composeRoot(body: Element): Element | null {
  for (const selector of SELECTORS.composeRoot) {
    const root = body.closest(selector);
    if (root?.querySelector(SELECTORS.subject)) return root;
  }
  return null;
}

function composeView(doc: Document, root: Element): ComposeView {
  const send = root.querySelector(SELECTORS.sendButton);
  return {
    root,
    // The cell holding Send: "Secure" lands right after Gmail's own Send button.
    toolbar: send?.closest('td') ?? send ?? root,
    recipients() {
      const found: string[] = [];
      for (const chip of root.querySelectorAll(SELECTORS.recipientChips)) {
        found.push(...addressesIn(chip.getAttribute('email') ?? chip.getAttribute('data-hovercard-id') ?? ''));
      }
      for (const input of root.querySelectorAll<HTMLInputElement>(SELECTORS.recipientHidden)) found.push(...addressesIn(input.value));
      return dedupe(found);
    },
    async attach(file) {
      const before = attachmentChips(root, file.name).length;
      const input = root.querySelector<HTMLInputElement>(SELECTORS.fileInput);
      if (input) chooseFile(input, file);
      else await dropOnCompose(doc, root, file);
      // The chip appears with a progress bar at once; the upload is done when the bar is gone.
      await waitFor(() => {
        const chips = attachmentChips(root, file.name);
        return chips.length > before && chips.every((c) => !c.querySelector(SELECTORS.uploadProgress));
      }, UPLOAD_MS, root);
    },
    setCoverNote(subject, body) {
      const input = root.querySelector<HTMLInputElement>(SELECTORS.subject);
      if (input) setFieldValue(input, subject);
      const hidden = root.querySelector<HTMLInputElement>(SELECTORS.subjectHidden);
      if (hidden) hidden.value = subject;
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
      return [...root.querySelectorAll(SELECTORS.composeAttachment)].map((chip) => fieldText(chip.querySelector<HTMLElement>(SELECTORS.composeAttachmentName) ?? (chip as HTMLElement)).trim());
    },
    isReply() {
      // An inline reply sits in the conversation; a reply popped out into a dialog keeps its "rm" field.
      return Boolean(root.querySelector<HTMLInputElement>(SELECTORS.replyMarker)?.value) || !root.closest(SELECTORS.dialog);
    },
  };
}

/**
 * Gmail has no file input until the paper clip is clicked, but takes files dropped on the drop zone it shows
 * while a drag is over a compose (InboxSDK attaches files the same way). Without a drop zone, drop on the body.
 */
async function dropOnCompose(doc: Document, root: Element, file: File): Promise<void> {
  const body = root.querySelector(SELECTORS.body) ?? root;
  const transfer = pageDataTransfer(file);
  for (const type of ['dragenter', 'dragover']) {
    body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
  }
  const zone = await waitFor(() => pickDropzone(doc, root), DROPZONE_MS).catch(() => null);
  dropFile(zone ?? body, file);
}

/** The visible drop zone drawn over this compose (several composes: the one inside its rectangle). */
function pickDropzone(doc: Document, root: Element): Element | null {
  const zones = [...doc.querySelectorAll<HTMLElement>(SELECTORS.dropzone)].filter((z) => !z.hidden && z.style.display !== 'none');
  if (zones.length <= 1) return zones[0] ?? null;
  const r = root.getBoundingClientRect();
  const inside = zones.find((z) => {
    const b = z.getBoundingClientRect();
    return b.width > 0 && b.top >= r.top && b.left >= r.left && b.right <= r.right && b.bottom <= r.bottom;
  });
  return inside ?? null;
}

function attachmentChips(root: Element, name: string): Element[] {
  return [...root.querySelectorAll(SELECTORS.composeAttachment)].filter((chip) => {
    const label = chip.querySelector(SELECTORS.composeAttachmentName)?.textContent ?? chip.textContent ?? '';
    return label.trim() === name || label.includes(name);
  });
}

function readView(doc: Document, message: Element): ReadView {
  return {
    root: message,
    toolbar: message.querySelector(SELECTORS.attachmentStrip) ?? message,
    sealedParts() {
      const parts: SealedPart[] = [];
      for (const chip of message.querySelectorAll(SELECTORS.attachmentChip)) {
        const parsed = parseDownloadUrl(chip.getAttribute('download_url') ?? '');
        const name = parsed?.name || chip.querySelector(SELECTORS.attachmentName)?.textContent?.trim() || '';
        const url = parsed?.url || chip.querySelector<HTMLAnchorElement>(SELECTORS.attachmentLink)?.getAttribute('href') || '';
        if (!name || !url || !isSealedName(name, parsed?.mime)) continue;
        const absolute = new URL(url, doc.baseURI).href;
        parts.push({ name, fetch: () => fetchBytes(absolute) });
      }
      return parts;
    },
    subject() {
      return doc.querySelector(SELECTORS.conversationSubject)?.textContent?.trim() ?? '';
    },
    sender() {
      return message.querySelector(SELECTORS.sender)?.getAttribute('email') ?? undefined;
    },
  };
}

/**
 * download_url is "mime:name:url" (Gmail's drag-out attribute). The URL has colons of its own, so it is the
 * part from the scheme on; a relative URL (fixtures) is whatever follows the second colon.
 */
export function parseDownloadUrl(value: string): { mime: string; name: string; url: string } | null {
  const first = value.indexOf(':');
  if (first < 0) return null;
  const mime = value.slice(0, first);
  const rest = value.slice(first + 1);
  const scheme = rest.search(/:(https?:\/\/|\/)/);
  const cut = scheme >= 0 ? scheme : rest.indexOf(':');
  if (cut < 0) return null;
  return { mime, name: rest.slice(0, cut), url: rest.slice(cut + 1) };
}

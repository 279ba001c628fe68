/**
 * Roundcube with its default "elastic" skin (1.6, as Debian 12 ships it; structure checked against a running
 * Roundcube in test/e2e, see docs/roundcube.md). The compose view is its own page (_action=compose); a message
 * is shown in the #messagecontframe iframe (_action=preview) or full page (_action=show).
 */
import { t } from '../../../components/i18n/content-text';
import { chooseFile, fetchBytes, waitFor } from '../files';
import { addressesIn, dedupe, fieldText, setFieldValue } from '../fields';
import { isSealedName, MB, type ComposeView, type ReadView, type WebmailAdapter } from './types';

const SELECTORS = {
  /** Every Roundcube page loads its app script from program/js and the elastic skin's styles. */
  marker: 'script[src*="program/js/app"], link[href*="skins/elastic"]',
  composeForm: 'form#compose-content, form[name="form"]',
  /** The submitted fields; the widget the user sees (ul.recipient-input) appends to them on comma or blur. */
  recipientFields: ['#_to', '#_cc', '#_bcc'],
  /** Text still being typed in a recipient widget, not yet in its textarea. */
  pendingRecipients: 'ul.recipient-input li.input input',
  subject: '#compose-subject, input[name="_subject"]',
  body: '#composebody, textarea[name="_message"]',
  uploadInput: 'input#uploadformInput, input[type="file"][name="_attachments[]"]',
  /** A finished upload is li#rcmfile<id>; while uploading it is li#upload<time>.uploading. */
  uploadedItem: '#attachment-list li[id^="rcmfile"]',
  uploadingItem: '#attachment-list li.uploading',
  send: 'button.btn.btn-primary.send',
  /** Read view (preview frame or full page). */
  subjectHeading: 'h2.subject',
  messageAttachments: 'ul#attachment-list li, ul.attachmentslist li',
  attachmentLink: 'a.filename',
  attachmentName: '.attachment-name',
  /** The id of the draft Roundcube saved of this compose (empty until it saved one); set_draft_id updates it. */
  draftId: 'input[name="_draft_saveid"]',
  /** The compose toolbar's "Save" (command savedraft). */
  saveDraft: 'a.save.draft, a[onclick*="savedraft"]',
  /** Inside the read view's subject heading, besides the subject: "Subject: " for screen readers, the "Open in
   *  new window" link, our own button. */
  notSubject: '.voice, a, button, directseal-button',
  /** The upload form's hint: "Maximum allowed file size is 30 MB" (Roundcube's maxuploadsize text). */
  uploadHint: '#uploadform .hint, .upload-form .hint, form[id*="upload"] .hint',
} as const;

/** Roundcube's show_bytes counts in powers of 1024 (and rounds down), so its "30 MB" is 30 MiB. */
const UNITS: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };

/** "Maximum allowed file size is 2.5 MB" (also with a decimal comma) → bytes. */
export function statedLimit(text: string): number | undefined {
  const m = /maximum allowed file size is\s*([\d]+(?:[.,]\d+)?)\s*([KMG]?B)\b/i.exec(text);
  if (!m) return undefined;
  const bytes = Number(m[1]!.replace(',', '.')) * UNITS[m[2]!.toUpperCase()]!;
  return bytes > 0 ? Math.floor(bytes) : undefined;
}

export const roundcube: WebmailAdapter = {
  name: 'roundcube',

  /**
   * The server's own limit, as the page carries it: the compose page's inline `rcmail.set_env({..."max_filesize":
   * 31457280...})` (its upload form is "smart", without the hint text), or an upload form's hint "Maximum allowed
   * file size is 30 MB"; else Roundcube's usual 30 MB.
   */
  maxAttachmentBytes(doc) {
    for (const script of doc.querySelectorAll('script:not([src])')) {
      const env = /"max_filesize"\s*:\s*"?(\d+)/.exec(script.textContent ?? '');
      if (env && Number(env[1]) > 0) return Number(env[1]);
    }
    for (const hint of doc.querySelectorAll(SELECTORS.uploadHint)) {
      const stated = statedLimit(hint.textContent ?? '');
      if (stated) return stated;
    }
    return 30 * MB;
  },

  detect(doc, location) {
    return /[?&]_task=/.test(location.search) && doc.querySelector(SELECTORS.marker) !== null;
  },

  composeViews(doc) {
    if (!/[?&]_action=compose/.test(doc.location.search)) return [];
    const form = doc.querySelector(SELECTORS.composeForm);
    const send = doc.querySelector(SELECTORS.send);
    if (!form || !send) return [];
    return [composeView(doc, form, send)];
  },

  readViews(doc) {
    if (!/[?&]_action=(preview|show)/.test(doc.location.search)) return [];
    const heading = doc.querySelector(SELECTORS.subjectHeading);
    if (!heading) return [];
    return [readView(doc, heading)];
  },
};

function composeView(doc: Document, form: Element, toolbar: Element): ComposeView {
  return {
    root: form,
    toolbar,
    recipients() {
      const fields = SELECTORS.recipientFields.map((s) => doc.querySelector<HTMLTextAreaElement | HTMLInputElement>(s)?.value ?? '');
      const pending = [...doc.querySelectorAll<HTMLInputElement>(SELECTORS.pendingRecipients)].map((i) => i.value);
      return splitAddresses([...fields, ...pending].join(','));
    },
    async attach(file) {
      const input = doc.querySelector<HTMLInputElement>(SELECTORS.uploadInput);
      if (!input) throw new Error(t('webmail.roundcube.noUploadField'));
      const before = new Set([...doc.querySelectorAll(SELECTORS.uploadedItem)].map((li) => li.id));
      const started = () =>
        doc.querySelector(SELECTORS.uploadingItem) !== null ||
        [...doc.querySelectorAll(SELECTORS.uploadedItem)].some((li) => !before.has(li.id));
      // Roundcube's inline onchange handler (main world) uploads the file; it ignores every command while the
      // client is busy with another request, so a change that started nothing is made again.
      for (let attempt = 1; ; attempt++) {
        chooseFile(input, file);
        const ok = await waitFor(started, 5_000).then(() => true, () => false);
        if (ok) break;
        if (attempt === 4) throw new Error(t('webmail.roundcube.uploadNotStarted'));
      }
      await waitFor(() => {
        const added = [...doc.querySelectorAll(SELECTORS.uploadedItem)].some((li) => !before.has(li.id) && li.textContent?.includes(file.name));
        return added && !doc.querySelector(SELECTORS.uploadingItem);
      }, 120_000);
    },
    setCoverNote(subject, body) {
      const subjectField = doc.querySelector<HTMLInputElement>(SELECTORS.subject);
      if (subjectField) setFieldValue(subjectField, subject);
      const bodyField = doc.querySelector<HTMLTextAreaElement>(SELECTORS.body);
      if (bodyField) setFieldValue(bodyField, body);
    },
    controls() {
      return {
        subject: doc.querySelector<HTMLInputElement>(SELECTORS.subject),
        body: doc.querySelector<HTMLTextAreaElement>(SELECTORS.body),
        send: doc.querySelector(SELECTORS.send),
      };
    },
    attachmentNames() {
      return [...doc.querySelectorAll(SELECTORS.uploadedItem)].map((li) => fieldText(li.querySelector<HTMLElement>(SELECTORS.attachmentName) ?? (li as HTMLElement)).trim());
    },
    isReply() {
      return pageEnv(doc, 'compose_mode') === 'reply';
    },
    async saveDraftOver() {
      const idField = doc.querySelector<HTMLInputElement>(SELECTORS.draftId);
      const before = idField?.value ?? '';
      if (!idField || !before) {
        // No draft on the server, but Roundcube also keeps the compose in the browser's localStorage, saved
        // every 5 s after a keypress (compose_save_localstorage): one keypress has it save the emptied fields.
        doc.dispatchEvent(new KeyboardEvent('keypress', { bubbles: true }));
        return;
      }
      const save = doc.querySelector<HTMLElement>(SELECTORS.saveDraft);
      if (!save) throw new Error(t('webmail.roundcube.noSaveButton'));
      // Roundcube saves the new draft, deletes the one whose id it sent, then gives the new id. Like uploads,
      // a command given while its client is busy is dropped: click again until the id changes.
      for (let attempt = 1; ; attempt++) {
        save.click();
        const saved = await waitFor(() => idField.value !== before, 10_000).then(() => true, () => false);
        if (saved) return;
        if (attempt === 4) throw new Error(t('webmail.roundcube.draftNotSaved'));
      }
    },
  };
}

/** A value of the page's inline `rcmail.set_env({...})` (a string or number), read from the script's text. */
/**
 * Roundcube's page environment (rcmail.set_env in the page's inline scripts), asked for on every keystroke
 * (isReply): each value is read from the scripts once, and again only when the page has other scripts.
 */
const envCache = new WeakMap<Document, { scripts: number; values: Map<string, string | undefined> }>();

function pageEnv(doc: Document, name: string): string | undefined {
  let known = envCache.get(doc);
  if (!known || known.scripts !== doc.scripts.length) envCache.set(doc, (known = { scripts: doc.scripts.length, values: new Map() }));
  if (!known.values.has(name)) known.values.set(name, readPageEnv(doc, name));
  return known.values.get(name);
}

function readPageEnv(doc: Document, name: string): string | undefined {
  const pattern = new RegExp(`"${name}"\\s*:\\s*("(?:[^"\\\\]|\\\\.)*"|\\d+)`);
  for (const script of doc.querySelectorAll('script:not([src])')) {
    const m = pattern.exec(script.textContent ?? '');
    if (!m) continue;
    try {
      return String(JSON.parse(m[1]!));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function readView(doc: Document, heading: Element): ReadView {
  return {
    root: heading,
    toolbar: heading,
    sealedParts() {
      return [...doc.querySelectorAll(SELECTORS.messageAttachments)].flatMap((row) => {
        const link = row.querySelector<HTMLAnchorElement>(SELECTORS.attachmentLink);
        const name = (row.querySelector(SELECTORS.attachmentName)?.textContent ?? link?.textContent ?? '').trim();
        // Roundcube types an uploaded smime.p7m application/octet-stream: go by the name, or its pkcs7-mime class.
        if (!link || !isSealedName(name, row.className)) return [];
        return [{ name, fetch: () => fetchBytes(downloadUrl(link.href)) }];
      });
    },
    reply() {
      // Roundcube's own reply: a compose page for this message's UID (top window, from the preview frame).
      const here = new URL(doc.location.href);
      const uid = here.searchParams.get('_uid');
      if (!uid) return false;
      const url = new URL(here.pathname, here.origin);
      url.search = new URLSearchParams({ _task: 'mail', _action: 'compose', _reply_uid: uid, _mbox: here.searchParams.get('_mbox') ?? 'INBOX' }).toString();
      (window.top ?? window).location.assign(url.toString());
      return true;
    },
    subject() {
      const copy = heading.cloneNode(true) as Element;
      copy.querySelectorAll(SELECTORS.notSubject).forEach((v) => v.remove());
      const subject = (copy.textContent ?? '').trim();
      // A message without a Subject (as HISPs send sealed mail) shows Roundcube's "(no subject)", localized.
      return /^\(.*\)$/.test(subject) ? '' : subject;
    },
    sender() {
      return addressesIn(pageEnv(doc, 'sender') ?? '')[0];
    },
  };
}

/** The part's own bytes: Roundcube's "get" action with _download=1 (keeping its _token), not its viewer. */
function downloadUrl(href: string): string {
  const url = new URL(href);
  url.searchParams.delete('_frame');
  url.searchParams.set('_download', '1');
  return url.toString();
}


/** "Dr House <dr.house@doctor.test>, pat@patient.test" → the addresses. */
export function splitAddresses(text: string): string[] {
  return dedupe(addressesIn(text)).map((a) => a.toLowerCase());
}

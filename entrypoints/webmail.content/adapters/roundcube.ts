/**
 * Roundcube with its default "elastic" skin (1.6, as Debian 12 ships it; structure checked against a running
 * Roundcube in test/e2e, see docs/roundcube.md). The compose view is its own page (_action=compose); a message
 * is shown in the #messagecontframe iframe (_action=preview) or full page (_action=show).
 */
import { chooseFile, fetchBytes, waitFor } from '../files';
import { isSealedName, type ComposeView, type ReadView, type WebmailAdapter } from './types';

const SELECTORS = {
  /** Every Roundcube page loads its app script from program/js. */
  marker: 'script[src*="program/js/app"], link[href*="skins/elastic"]',
  composeForm: 'form[name="form"]#compose-content, form#compose-content, form[name="form"]',
  recipientFields: ['#_to', '#_cc', '#_bcc'],
  subject: '#compose-subject, input[name="_subject"]',
  body: '#composebody, textarea[name="_message"]',
  uploadInput: 'input[type="file"][name="_attachments[]"]',
  attachmentList: '#attachment-list',
  attachmentItem: '#attachment-list li',
  /** The bar with the Send button at the bottom of the compose form. */
  composeButtons: '.formbuttons',
  messageHeader: '#message-header',
  messageAttachments: '#attachment-list li, .attachmentslist li',
  attachmentLink: 'a.filename, a[href*="_action=get"]',
} as const;

export const roundcube: WebmailAdapter = {
  name: 'roundcube',

  detect(doc, location) {
    return /[?&]_task=/.test(location.search) && doc.querySelector(SELECTORS.marker) !== null;
  },

  composeViews(doc) {
    if (!/[?&]_action=compose/.test(doc.location.search)) return [];
    const form = doc.querySelector(SELECTORS.composeForm);
    const toolbar = form?.querySelector(SELECTORS.composeButtons) ?? doc.querySelector(SELECTORS.composeButtons);
    if (!form || !toolbar) return [];
    return [composeView(doc, form, toolbar)];
  },

  readViews(doc) {
    if (!/[?&]_action=(preview|show)/.test(doc.location.search)) return [];
    const header = doc.querySelector(SELECTORS.messageHeader);
    if (!header) return [];
    return [readView(doc, header)];
  },
};

function composeView(doc: Document, form: Element, toolbar: Element): ComposeView {
  return {
    root: form,
    toolbar,
    recipients() {
      const values = SELECTORS.recipientFields.map((s) => doc.querySelector<HTMLTextAreaElement | HTMLInputElement>(s)?.value ?? '');
      return splitAddresses(values.join(','));
    },
    async attach(file) {
      const input = doc.querySelector<HTMLInputElement>(SELECTORS.uploadInput);
      if (!input) throw new Error('Roundcube upload field not found');
      const before = doc.querySelectorAll(SELECTORS.attachmentItem).length;
      chooseFile(input, file);
      // Roundcube lists the file at once with class "uploading", then replaces the row when the upload is done.
      await waitFor(() => {
        const rows = [...doc.querySelectorAll(SELECTORS.attachmentItem)];
        return rows.length > before && rows.some((r) => r.textContent?.includes(file.name) && !r.classList.contains('uploading'));
      }, 60_000);
    },
    setCoverNote(subject, body) {
      setValue(doc.querySelector<HTMLInputElement>(SELECTORS.subject), subject);
      setValue(doc.querySelector<HTMLTextAreaElement>(SELECTORS.body), body);
    },
  };
}

function readView(doc: Document, header: Element): ReadView {
  return {
    root: header,
    toolbar: header,
    sealedParts() {
      return [...doc.querySelectorAll(SELECTORS.messageAttachments)].flatMap((row) => {
        const link = row.querySelector<HTMLAnchorElement>(SELECTORS.attachmentLink);
        const name = (link?.textContent ?? row.textContent ?? '').replace(/\s*\(.*$/, '').trim();
        if (!link || !isSealedName(name, row.className)) return [];
        return [{ name, fetch: () => fetchBytes(downloadUrl(link.href)) }];
      });
    },
  };
}

/** The part's own bytes: Roundcube's "get" action with _download=1, not its viewer frame. */
function downloadUrl(href: string): string {
  const url = new URL(href);
  url.searchParams.delete('_frame');
  url.searchParams.set('_download', '1');
  return url.toString();
}

function setValue(field: HTMLInputElement | HTMLTextAreaElement | null, value: string): void {
  if (!field) return;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
}

/** "Dr House <dr.house@doctor.test>, pat@patient.test" → the addresses. */
export function splitAddresses(text: string): string[] {
  const found = text.match(/[^\s<>,;"']+@[^\s<>,;"']+/g) ?? [];
  return [...new Set(found.map((a) => a.toLowerCase()))];
}

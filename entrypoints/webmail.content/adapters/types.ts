/**
 * What DirectSeal needs from a webmail page, and nothing more. One provider = one adapter file; all of a
 * provider's selectors live at the top of its file, so a provider's redesign is a one-file fix.
 *
 * Adapters run in the content script, inside the host page: they only move ciphertext and a cover note
 * (never plaintext, never keys) and they must survive single-page apps re-rendering (find, don't cache).
 */

export type ProviderName = 'roundcube' | 'gmail' | 'outlook';

export interface WebmailAdapter {
  readonly name: ProviderName;
  /** True when this document is the provider's webmail (or one of its frames). */
  detect(doc: Document, location: Location): boolean;
  /** Every compose view currently on the page (Gmail can show several at once). */
  composeViews(doc: Document): ComposeView[];
  /** Every displayed message that could carry a sealed part. */
  readViews(doc: Document): ReadView[];
  /**
   * The largest attachment this webmail takes, in bytes: what the page itself states where it does (Roundcube
   * prints its server's limit), else the provider's documented limit. The frame tells the user before sealing
   * a message that would not fit, instead of failing at the webmail's upload.
   */
  maxAttachmentBytes(doc: Document): number;
}

/** Providers state their limits in decimal megabytes; counting them so errs on the side of "too big". */
export const MB = 1_000_000;

export interface ComposeView {
  /** The element that stands for this compose view; the button is placed once per root. */
  readonly root: Element;
  /** Where the "Secure" button goes (inserted as its last child, or after it if it is a button). */
  readonly toolbar: Element;
  /** The addresses in To, Cc and Bcc as the user typed them. */
  recipients(): string[];
  /** Adds the file as an attachment of the webmail draft; resolves once the webmail accepted it. */
  attach(file: File): Promise<void>;
  /** Replaces the subject and the body with the cover note (no health information). */
  setCoverNote(subject: string, body: string): void;
  /**
   * The webmail's own subject and body fields and its Send control: "Secure" takes what was typed there into
   * the frame and empties them; a sealed compose locks them; Send is where the warnings stop a message.
   */
  controls?(): ComposeControls;
  /** The names of the files attached to the draft now (a file added after sealing is not encrypted). */
  attachmentNames?(): string[];
  /** True when this compose answers a message (the webmail's Reply). */
  isReply?(): boolean;
  /**
   * Where the webmail already saved a draft of this compose on its server (Roundcube's Save or autosave),
   * saves the compose as it is now over it, so the earlier draft with what was typed is gone; a copy the
   * webmail keeps in the browser is refreshed too. Resolves once the webmail confirmed; at once when it had
   * saved no draft.
   */
  saveDraftOver?(): Promise<void>;
}

export interface ComposeControls {
  subject: HTMLInputElement | null;
  /** A textarea (Roundcube) or a rich editor (Gmail, Outlook). */
  body: HTMLTextAreaElement | HTMLElement | null;
  send: Element | null;
}

export interface SealedPart {
  /** As the webmail shows it, e.g. "smime.p7m". */
  name: string;
  /** The part's bytes, fetched the way the webmail's own download link does. */
  fetch(): Promise<Uint8Array>;
}

export interface ReadView {
  readonly root: Element;
  /** Where the "Open securely" button goes. */
  readonly toolbar: Element;
  /** Sealed attachments (smime.p7m, application/pkcs7-mime) of the displayed message. */
  sealedParts(): SealedPart[];
  /**
   * Opens the webmail's own reply to this message (a compose view where the sealed reply is then attached).
   * False, or absent, where the adapter cannot: the user clicks the webmail's Reply, and the reply waits.
   */
  reply?(): boolean;
  /** The subject the webmail shows for the message: outside the encryption (a reply keeps it after "Re: "). */
  subject?(): string;
  /** The sender's address as the webmail shows it, where it does. */
  sender?(): string | undefined;
}

/** smime.p7m, or any .p7m / pkcs7-mime part a webmail lists as an attachment. */
export function isSealedName(name: string, type = ''): boolean {
  return /\.p7m$/i.test(name.trim()) || /pkcs7-mime/i.test(type);
}

/** Handing a file to a webmail the ways a user would: a file input's change event, or a drop. */
import { t } from '../../components/i18n/content-text';

/**
 * A DataTransfer holding `file` that the page's own scripts can read. In Firefox a content script's objects are
 * hidden from the page (Xray vision): a drop built with them reaches the page with no files, so the page's
 * own DataTransfer constructor is used there.
 */
export function pageDataTransfer(file: File): DataTransfer {
  const pageWindow = (window as Window & { wrappedJSObject?: typeof window }).wrappedJSObject;
  const transfer = pageWindow ? new pageWindow.DataTransfer() : new DataTransfer();
  transfer.items.add(file);
  return transfer;
}

/** Sets `file` on a file input and fires the events its page listens to. */
export function chooseFile(input: HTMLInputElement, file: File): void {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Drops `file` on `target` (for webmails that only take attachments by drag and drop). */
export function dropFile(target: Element, file: File): void {
  const transfer = pageDataTransfer(file);
  for (const type of ['dragenter', 'dragover', 'drop']) {
    target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
  }
}

/** Resolves when `test` holds, checking on DOM changes; rejects after `ms`. */
export function waitFor<T>(test: () => T | null | undefined | false, ms = 30_000, root: Node = document): Promise<T> {
  return new Promise((resolve, reject) => {
    const hit = test();
    if (hit) return resolve(hit);
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(t('webmail.waitTimedOut')));
    }, ms);
    const observer = new MutationObserver(() => {
      const found = test();
      if (found) {
        clearTimeout(timer);
        observer.disconnect();
        resolve(found);
      }
    });
    observer.observe(root, { childList: true, subtree: true, attributes: true });
  });
}

/** Fetches a same-origin URL with the user's session, as the webmail's own download link would. */
export async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url, { credentials: 'include' });
  if (!response.ok) throw new Error(t('webmail.download.failed', { status: response.status }));
  return new Uint8Array(await response.arrayBuffer());
}

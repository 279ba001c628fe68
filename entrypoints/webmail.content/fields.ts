/** Writing into a webmail's own fields the way typing would, and reading addresses out of them. */

/**
 * Rich editors (Gmail, Outlook) keep one <div> per line and <div><br></div> for an empty one. Built with DOM
 * calls, not innerHTML: Gmail enforces Trusted Types, and the text stays text.
 */
export function replaceEditorText(doc: Document, editor: HTMLElement, text: string): void {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  editor.replaceChildren(
    ...lines.map((line) => {
      const div = doc.createElement('div');
      if (line) div.textContent = line;
      else div.append(doc.createElement('br'));
      return div;
    }),
  );
  editor.dispatchEvent(new Event('input', { bubbles: true }));
}

/** React and friends keep their own copy of a field's value: the prototype's setter plus events make them see it. */
export function setFieldValue(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value')?.set;
  if (setter) setter.call(field, value);
  else field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
}

/** The addresses in free text ("Name <a@b.c>, d@e.f"). */
export function addressesIn(text: string): string[] {
  return text.match(/[^\s<>,;"'()]+@[^\s<>,;"'()]+\.[^\s<>,;"'()]+/g) ?? [];
}

/** Case-insensitive, first spelling kept. */
export function dedupe(addresses: string[]): string[] {
  const seen = new Map<string, string>();
  for (const a of addresses) if (!seen.has(a.toLowerCase())) seen.set(a.toLowerCase(), a);
  return [...seen.values()];
}

export function isLoopback(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost';
}

/** A provider's own hostnames, or a saved-page fixture of it on loopback (`<meta name="directseal-fixture">`). */
export function onProviderPage(doc: Document, location: Location, hosts: readonly string[], fixtureMeta: string): boolean {
  if (hosts.includes(location.hostname)) return true;
  return isLoopback(location.hostname) && doc.querySelector(fixtureMeta) !== null;
}

/** The text of a webmail field: an input's or textarea's value, a rich editor's lines. */
export function fieldText(field: HTMLInputElement | HTMLTextAreaElement | HTMLElement | null): string {
  if (!field) return '';
  if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) return field.value;
  // innerText keeps the editor's lines (one <div> each); a field that is not rendered has none, so textContent.
  return (field.innerText || field.textContent || '').replace(/\u00a0/g, ' ').replace(/\n+$/, '');
}

/** Sets a webmail field's text the way typing would. */
export function setFieldText(doc: Document, field: HTMLInputElement | HTMLTextAreaElement | HTMLElement | null, text: string): void {
  if (!field) return;
  if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) setFieldValue(field, text);
  else replaceEditorText(doc, field, text);
}

/**
 * Makes a webmail field read-only (a sealed compose's cover note), or editable again. A rich editor is only
 * marked: adapters find a compose by its editable body, and the webmail's own scripts own that attribute; a
 * change typed there is caught by the sealed mark's check instead.
 */
export function setReadOnly(field: HTMLInputElement | HTMLTextAreaElement | HTMLElement | null, readOnly: boolean): void {
  if (!field) return;
  if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) field.readOnly = readOnly;
  field.setAttribute('aria-readonly', String(readOnly));
}

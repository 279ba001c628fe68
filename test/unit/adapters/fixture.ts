/**
 * Loads a saved-page fixture (test/fixtures/webmail) into happy-dom's document and runs its stand-in script,
 * the way the real webmail's own script would be running beside the content script.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/webmail');

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

export function loadFixture(name: string): Document {
  return loadHtml(readFileSync(join(FIXTURES, name), 'utf8'));
}

export function loadHtml(html: string): Document {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.documentElement.replaceChildren(document.importNode(parsed.head, true), document.importNode(parsed.body, true));
  // happy-dom does not run scripts of parsed markup; run the fixture's stand-in for the webmail's own code.
  for (const script of document.querySelectorAll('script')) new Function(script.textContent ?? '')();
  return document;
}

/**
 * happy-dom (21.0) has DataTransfer but its DragEvent drops `dataTransfer` from the init dict. A minimal shim,
 * for tests only, so files.ts's dropFile hands the file over as a browser does.
 */
export function shimDragEvent(): void {
  const probe = new DragEvent('dragover', { dataTransfer: new DataTransfer() });
  if (probe.dataTransfer) return;
  class DragEventShim extends Event {
    readonly dataTransfer: DataTransfer | null;
    constructor(type: string, init: DragEventInit = {}) {
      super(type, init);
      this.dataTransfer = init.dataTransfer ?? null;
    }
  }
  vi.stubGlobal('DragEvent', DragEventShim);
}

/** A fetch that serves fixture files by the last path segment, and records what it was asked. */
export function mockFetch(): { calls: { url: string; init?: RequestInit }[] } {
  const calls: { url: string; init?: RequestInit }[] = [];
  vi.stubGlobal('fetch', async (input: string | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init });
    const name = new URL(url).pathname.split('/').pop() ?? '';
    try {
      return new Response(fixtureBytes(name).slice().buffer, { status: 200 });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
  return { calls };
}

export const PLAIN_PAGE = '<!doctype html><html><head><title>Hello</title></head><body><p>Hello</p></body></html>';

// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"handleDisabledFileLoadingAsSuccess": true}}
/** The Roundcube adapter on hand-made fixtures (test/fixtures/webmail/roundcube-*.html); test/e2e drives a real one. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { roundcube } from '../../../entrypoints/webmail.content/adapters/roundcube';
import { fixtureBytes, loadFixture, loadHtml, PLAIN_PAGE } from './fixture';

/** Roundcube tells its views apart by the query string. */
function at(search: string): void {
  history.replaceState(null, '', `/${search}`);
}

beforeEach(() => at(''));
afterEach(() => vi.unstubAllGlobals());

describe('roundcube.detect', () => {
  it('is true on a Roundcube page with _task, false elsewhere', () => {
    at('?_task=mail&_action=compose');
    expect(roundcube.detect(loadFixture('roundcube-compose.html'), location)).toBe(true);
    expect(roundcube.detect(loadFixture('gmail-compose.html'), location)).toBe(false);
    expect(roundcube.detect(loadHtml(PLAIN_PAGE), location)).toBe(false);
    at('');
    expect(roundcube.detect(loadFixture('roundcube-compose.html'), location)).toBe(false);
  });
});

describe('roundcube compose view', () => {
  it('reads To, Cc and Bcc, sets the cover note and attaches through the upload field', async () => {
    at('?_task=mail&_action=compose&_id=1');
    const [view] = roundcube.composeViews(loadFixture('roundcube-compose.html'));
    expect(view).toBeDefined();
    expect(view!.recipients()).toEqual(['pat@patient.test', 'lab@clinic.test']);

    view!.setCoverNote('Secure message', 'You have a secure message.');
    expect(document.querySelector<HTMLInputElement>('#compose-subject')!.value).toBe('Secure message');
    expect(document.querySelector<HTMLTextAreaElement>('#composebody')!.value).toBe('You have a secure message.');

    await view!.attach(new File([new Uint8Array([1])], 'smime.p7m', { type: 'application/pkcs7-mime' }));
    const rows = [...document.querySelectorAll('#attachment-list li')];
    expect(rows.map((r) => [r.querySelector('.attachment-name')?.textContent, r.id.startsWith('rcmfile'), r.classList.contains('uploading')])).toEqual([
      ['smime.p7m', true, false],
    ]);
  });

  it('finds no compose view outside _action=compose', () => {
    at('?_task=mail&_action=preview');
    expect(roundcube.composeViews(loadFixture('roundcube-compose.html'))).toEqual([]);
  });
});

describe('roundcube read view', () => {
  it("finds smime.p7m and fetches it with Roundcube's download URL", async () => {
    at('?_task=mail&_action=preview&_uid=7&_mbox=INBOX');
    const [view] = roundcube.readViews(loadFixture('roundcube-read.html'));
    const parts = view!.sealedParts();
    expect(parts.map((p) => p.name)).toEqual(['smime.p7m']);

    // Roundcube's URL is a query on "/": serve the fixture whatever it asks.
    const calls: { url: string; init?: RequestInit }[] = [];
    vi.stubGlobal('fetch', async (input: string | URL, init?: RequestInit) => {
      calls.push({ url: String(input), init });
      return new Response(fixtureBytes('smime.p7m').slice().buffer);
    });
    expect(await parts[0]!.fetch()).toEqual(fixtureBytes('smime.p7m'));
    const url = new URL(calls[0]!.url);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ _action: 'get', _part: '3', _download: '1', _token: 'tok123' });
    expect(url.searchParams.has('_frame')).toBe(false);
  });
});

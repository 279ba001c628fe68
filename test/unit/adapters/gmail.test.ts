// @vitest-environment happy-dom
/** The Gmail adapter on saved-page fixtures (test/fixtures/webmail/gmail-*.html, structure and sources in each). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { gmail, parseDownloadUrl } from '../../../entrypoints/webmail.content/adapters/gmail';
import { fixtureBytes, loadFixture, loadHtml, mockFetch, PLAIN_PAGE, shimDragEvent } from './fixture';

const at = (hostname: string) => ({ hostname }) as Location;

beforeEach(() => shimDragEvent());
afterEach(() => vi.unstubAllGlobals());

describe('gmail.detect', () => {
  it('is true on the Gmail fixture served from loopback', () => {
    expect(gmail.detect(loadFixture('gmail-compose.html'), location)).toBe(true);
    expect(gmail.detect(loadFixture('gmail-read.html'), location)).toBe(true);
  });

  it("is false on Outlook's fixture and on a plain page", () => {
    expect(gmail.detect(loadFixture('outlook-compose.html'), location)).toBe(false);
    expect(gmail.detect(loadHtml(PLAIN_PAGE), location)).toBe(false);
  });

  it("is true on mail.google.com whatever the page, and the fixture tag counts only on loopback", () => {
    expect(gmail.detect(loadHtml(PLAIN_PAGE), at('mail.google.com'))).toBe(true);
    expect(gmail.detect(loadFixture('gmail-compose.html'), at('mail.google.com.evil.test'))).toBe(false);
    expect(gmail.detect(loadFixture('gmail-compose.html'), at('127.0.0.1'))).toBe(true);
  });
});

describe('gmail compose views', () => {
  it('finds the inline reply and the compose dialog open at once, each with its own recipients', () => {
    const views = gmail.composeViews(loadFixture('gmail-compose.html'));
    expect(views.map((v) => v.root.id)).toEqual(['reply', 'dialog']);
    expect(views[0]!.recipients()).toEqual(['pat@patient.test']);
    // To + Cc chips and the hidden Bcc input; lab@clinic.test once, as first spelled.
    expect(views[1]!.recipients()).toEqual(['pat@patient.test', 'Lab@Clinic.test', 'nurse@clinic.test', 'records@clinic.test']);
  });

  it("puts the toolbar at Gmail's Send button", () => {
    for (const view of gmail.composeViews(loadFixture('gmail-compose.html'))) {
      expect(view.toolbar.matches('td.gU.Up')).toBe(true);
      expect(view.toolbar.querySelector('[role="button"]')?.textContent).toBe('Send');
    }
  });

  it('finds nothing on the read view or a plain page', () => {
    expect(gmail.composeViews(loadFixture('gmail-read.html'))).toEqual([]);
    expect(gmail.composeViews(loadHtml(PLAIN_PAGE))).toEqual([]);
  });

  it('setCoverNote replaces subject and body of that compose only, with input events', () => {
    const [reply, dialog] = gmail.composeViews(loadFixture('gmail-compose.html'));
    const body = dialog!.root.querySelector<HTMLElement>('[aria-label="Message Body"]')!;
    const subject = dialog!.root.querySelector<HTMLInputElement>('input[name="subjectbox"]')!;
    const seen: string[] = [];
    body.addEventListener('input', () => seen.push('body'));
    subject.addEventListener('input', () => seen.push('subject'));

    dialog!.setCoverNote('Secure message', 'You have a secure message.\n\nOpen it with DirectSeal.');

    expect(subject.value).toBe('Secure message');
    expect([...body.children].map((d) => d.textContent)).toEqual(['You have a secure message.', '', 'Open it with DirectSeal.']);
    expect(body.children[1]!.innerHTML).toBe('<br>');
    expect(body.textContent).not.toContain('potassium');
    expect(seen).toEqual(expect.arrayContaining(['body', 'subject']));
    // The other compose is untouched.
    expect(reply!.root.querySelector('[aria-label="Message Body"]')!.textContent).toContain('Draft text of the reply');
  });

  it('setCoverNote on an inline reply also replaces the quoted text and updates the hidden subject', () => {
    const [reply] = gmail.composeViews(loadFixture('gmail-compose.html'));
    reply!.setCoverNote('Secure message', 'Cover');
    expect(reply!.root.querySelector('[aria-label="Message Body"]')!.textContent).toBe('Cover');
    expect(reply!.root.querySelector<HTMLInputElement>('input[type="hidden"][name="subjectbox"]')!.value).toBe('Secure message');
    expect(reply!.root.querySelector<HTMLInputElement>('input.aoT')!.value).toBe('Secure message');
  });

  it('attach() drags over the compose, drops on the drop zone Gmail shows, and resolves once the chip is uploaded', async () => {
    const [reply, dialog] = gmail.composeViews(loadFixture('gmail-compose.html'));
    const file = new File([new Uint8Array([1, 2, 3])], 'smime.p7m', { type: 'application/pkcs7-mime' });
    await dialog!.attach(file);
    const chips = [...dialog!.root.querySelectorAll('.dL')];
    expect(chips.map((c) => c.textContent)).toEqual(['smime.p7m']);
    expect(chips[0]!.querySelector('[role="progressbar"]')).toBeNull();
    expect(reply!.root.querySelectorAll('.dL')).toHaveLength(0);
    expect(document.querySelectorAll('body > .aC7')).toHaveLength(0);

    await reply!.attach(file);
    expect(reply!.root.querySelectorAll('.dL')).toHaveLength(1);
  });

  it('attach() rejects when Gmail never shows the file', async () => {
    vi.useFakeTimers();
    try {
      const [dialog] = gmail.composeViews(loadHtml(
        '<html><head><meta name="directseal-fixture" content="gmail"></head><body><div class="M9"><input name="subjectbox">' +
          '<div contenteditable="true" g_editable="true" aria-label="Message Body"></div></div></body></html>',
      ));
      const pending = dialog!.attach(new File(['x'], 'smime.p7m'));
      const outcome = expect(pending).rejects.toThrow(/timed out/);
      await vi.advanceTimersByTimeAsync(200_000);
      await outcome;
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('gmail read views', () => {
  it('lists each message, with smime.p7m as the sealed part of the second only', () => {
    const views = gmail.readViews(loadFixture('gmail-read.html'));
    expect(views).toHaveLength(2);
    expect(views[0]!.sealedParts()).toEqual([]);
    expect(views[1]!.sealedParts().map((p) => p.name)).toEqual(['smime.p7m']);
    expect(views[1]!.toolbar.classList.contains('aQH')).toBe(true);
  });

  it('fetch() gets the bytes from the download URL with the session cookies', async () => {
    const { calls } = mockFetch();
    const [part] = gmail.readViews(loadFixture('gmail-read.html'))[1]!.sealedParts();
    expect(await part!.fetch()).toEqual(fixtureBytes('smime.p7m'));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(new URL('smime.p7m', document.baseURI).href);
    expect(calls[0]!.init?.credentials).toBe('include');
  });

  it('finds no message on a plain page', () => {
    expect(gmail.readViews(loadHtml(PLAIN_PAGE))).toEqual([]);
  });
});

describe('parseDownloadUrl', () => {
  it('splits "mime:name:url" where the URL has colons of its own', () => {
    expect(parseDownloadUrl('application/pkcs7-mime:smime.p7m:https://mail.google.com/mail/u/0?ui=2&attid=0.1')).toEqual({
      mime: 'application/pkcs7-mime',
      name: 'smime.p7m',
      url: 'https://mail.google.com/mail/u/0?ui=2&attid=0.1',
    });
    expect(parseDownloadUrl('application/pkcs7-mime:smime.p7m:smime.p7m')).toEqual({ mime: 'application/pkcs7-mime', name: 'smime.p7m', url: 'smime.p7m' });
    expect(parseDownloadUrl('application/octet-stream:a:b.p7m:https://x.test/y')?.name).toBe('a:b.p7m');
    expect(parseDownloadUrl('nonsense')).toBeNull();
  });
});

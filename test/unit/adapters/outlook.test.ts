// @vitest-environment happy-dom
/** The Outlook on the web adapter on saved-page fixtures (test/fixtures/webmail/outlook-*.html). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { outlook } from '../../../entrypoints/webmail.content/adapters/outlook';
import { fixtureBytes, loadFixture, loadHtml, mockFetch, PLAIN_PAGE, shimDragEvent } from './fixture';

const at = (hostname: string) => ({ hostname }) as Location;

beforeEach(() => shimDragEvent());
afterEach(() => vi.unstubAllGlobals());

describe('outlook.detect', () => {
  it('is true on the Outlook fixtures served from loopback', () => {
    expect(outlook.detect(loadFixture('outlook-compose.html'), location)).toBe(true);
    expect(outlook.detect(loadFixture('outlook-read.html'), location)).toBe(true);
  });

  it("is false on Gmail's fixture and on a plain page", () => {
    expect(outlook.detect(loadFixture('gmail-compose.html'), location)).toBe(false);
    expect(outlook.detect(loadHtml(PLAIN_PAGE), location)).toBe(false);
  });

  it("is true on Outlook's hosts, and the fixture tag counts only on loopback", () => {
    for (const host of ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com']) {
      expect(outlook.detect(loadHtml(PLAIN_PAGE), at(host))).toBe(true);
    }
    expect(outlook.detect(loadFixture('outlook-compose.html'), at('outlook.example.test'))).toBe(false);
  });
});

describe('outlook compose view', () => {
  it('finds the compose with the addresses of To and Cc (pills, labels, tooltips, typed text)', () => {
    const views = outlook.composeViews(loadFixture('outlook-compose.html'));
    expect(views).toHaveLength(1);
    // "Dr Grey" is a same-tenant pill with no address in the page: not guessed.
    expect(views[0]!.recipients()).toEqual(['pat@patient.test', 'lab@clinic.test', 'nurse@clinic.test']);
    expect(views[0]!.root.querySelector('input[aria-label="Add a subject"]')).not.toBeNull();
  });

  it('puts the toolbar around the Send split button', () => {
    const [view] = outlook.composeViews(loadFixture('outlook-compose.html'));
    expect(view!.toolbar.getAttribute('role')).toBe('toolbar');
    expect(view!.toolbar.querySelector('.fui-SplitButton button[aria-label="Send"]')).not.toBeNull();
  });

  it('finds nothing on the read view or a plain page', () => {
    expect(outlook.composeViews(loadFixture('outlook-read.html'))).toEqual([]);
    expect(outlook.composeViews(loadHtml(PLAIN_PAGE))).toEqual([]);
  });

  it('setCoverNote replaces subject and body with input events', () => {
    const [view] = outlook.composeViews(loadFixture('outlook-compose.html'));
    const subject = view!.root.querySelector<HTMLInputElement>('input[aria-label="Add a subject"]')!;
    const body = view!.root.querySelector<HTMLElement>('[aria-label^="Message body"]')!;
    const seen: string[] = [];
    subject.addEventListener('input', () => seen.push('subject'));
    body.addEventListener('input', () => seen.push('body'));

    view!.setCoverNote('Secure message', 'You have a secure message.\nOpen it with DirectSeal.');

    expect(subject.value).toBe('Secure message');
    expect([...body.children].map((d) => d.textContent)).toEqual(['You have a secure message.', 'Open it with DirectSeal.']);
    expect(body.textContent).not.toContain('potassium');
    expect(seen).toEqual(expect.arrayContaining(['subject', 'body']));
  });

  it('attach() drops the file on the body and resolves once the attachment is uploaded', async () => {
    const [view] = outlook.composeViews(loadFixture('outlook-compose.html'));
    await view!.attach(new File([new Uint8Array([1, 2, 3])], 'smime.p7m', { type: 'application/pkcs7-mime' }));
    const chips = [...view!.root.querySelectorAll('[aria-label="Attachments"] [role="option"]')];
    expect(chips.map((c) => c.getAttribute('title'))).toEqual(['smime.p7m']);
    expect(chips[0]!.querySelector('[role="progressbar"]')).toBeNull();
  });

  it('attach() uses a file input when the compose has one', async () => {
    const [view] = outlook.composeViews(loadFixture('outlook-compose.html'));
    const input = document.createElement('input');
    input.type = 'file';
    input.addEventListener('change', () => {
      const chip = document.createElement('div');
      chip.setAttribute('role', 'option');
      chip.textContent = input.files?.[0]?.name ?? '';
      view!.root.querySelector('[aria-label="Attachments"]')!.append(chip);
    });
    view!.root.append(input);
    await view!.attach(new File(['x'], 'smime.p7m'));
    expect(input.files?.[0]?.name).toBe('smime.p7m');
  });
});

describe('outlook read views', () => {
  it('lists each message; smime.p7m is found where Outlook lists it, nothing where it shows only a notice', () => {
    const views = outlook.readViews(loadFixture('outlook-read.html'));
    expect(views.map((v) => v.root.id)).toEqual(['m1', 'm2', 'm3']);
    expect(views.map((v) => v.sealedParts().map((p) => p.name))).toEqual([['smime.p7m'], ['smime.p7m'], []]);
    expect(views[0]!.toolbar.getAttribute('role')).toBe('toolbar');
  });

  it('fetch() gets the bytes when the chip has a link', async () => {
    const { calls } = mockFetch();
    const [part] = outlook.readViews(loadFixture('outlook-read.html'))[1]!.sealedParts();
    expect(await part!.fetch()).toEqual(fixtureBytes('smime.p7m'));
    expect(calls.map((c) => c.url)).toEqual([new URL('smime.p7m', document.baseURI).href]);
  });

  it('fetch() says what to do when Outlook gives no address, and fetches nothing', async () => {
    const { calls } = mockFetch();
    const [part] = outlook.readViews(loadFixture('outlook-read.html'))[0]!.sealedParts();
    await expect(part!.fetch()).rejects.toThrow(/Download command.*Open a file/);
    expect(calls).toEqual([]);
  });
});

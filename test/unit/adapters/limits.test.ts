// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"handleDisabledFileLoadingAsSuccess": true}}
/** Each webmail adapter's attachment limit: Roundcube's as its page states it, the others as documented. */
import { describe, expect, it } from 'vitest';
import { gmail } from '../../../entrypoints/webmail.content/adapters/gmail';
import { outlook } from '../../../entrypoints/webmail.content/adapters/outlook';
import { roundcube, statedLimit } from '../../../entrypoints/webmail.content/adapters/roundcube';
import { loadFixture, loadHtml } from './fixture';

describe('attachment limits', () => {
  it('Gmail 25 MB, Outlook on the web 33 MB', () => {
    expect(gmail.maxAttachmentBytes(loadFixture('gmail-compose.html'))).toBe(25_000_000);
    expect(outlook.maxAttachmentBytes(loadFixture('outlook-compose.html'))).toBe(33_000_000);
  });

  it('Roundcube: 30 MB by default, or the limit its upload form states', () => {
    expect(roundcube.maxAttachmentBytes(loadFixture('roundcube-compose.html'))).toBe(30_000_000);
    const stated = loadHtml('<form id="uploadform"><div class="hint">Maximum allowed file size is 2 MB</div></form>');
    expect(roundcube.maxAttachmentBytes(stated)).toBe(2_000_000);
  });

  it('reads the stated size in any of Roundcube\'s units, and nothing from other text', () => {
    expect(statedLimit('Maximum allowed file size is 25 MB')).toBe(25_000_000);
    expect(statedLimit('Maximum allowed file size is 1,5 GB')).toBe(1_500_000_000);
    expect(statedLimit('maximum allowed file size is 512 KB')).toBe(512_000);
    expect(statedLimit('Attachments up to 30 MB')).toBeUndefined();
  });
});

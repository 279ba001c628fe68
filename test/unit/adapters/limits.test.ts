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

  it('Roundcube: the server\'s limit from the page\'s rcmail.set_env, or an upload form\'s hint, else 30 MB', () => {
    expect(roundcube.maxAttachmentBytes(loadFixture('roundcube-compose.html'))).toBe(30_000_000);
    // What Roundcube 1.6's compose page carries (its elastic upload form is "smart", without the hint text).
    // (The first script stands in for Roundcube's app.js, which defines rcmail.)
    const env = loadHtml(
      '<script>window.rcmail = { set_env() {} };</script><script type="text/javascript">rcmail.set_env({"task":"mail","max_filesize":2097152,"filesizeerror":"The uploaded file exceeds the maximum size of 2.0 MB."});</script>',
    );
    expect(roundcube.maxAttachmentBytes(env)).toBe(2_097_152);
    const stated = loadHtml('<form id="uploadform"><div class="hint">Maximum allowed file size is 2 MB</div></form>');
    expect(roundcube.maxAttachmentBytes(stated)).toBe(2 * 1024 * 1024);
  });

  it('reads the stated size in Roundcube\'s units (powers of 1024), and nothing from other text', () => {
    expect(statedLimit('Maximum allowed file size is 25 MB')).toBe(25 * 1024 ** 2);
    expect(statedLimit('Maximum allowed file size is 1,5 GB')).toBe(1.5 * 1024 ** 3);
    expect(statedLimit('maximum allowed file size is 512 KB')).toBe(512 * 1024);
    expect(statedLimit('Attachments up to 30 MB')).toBeUndefined();
  });
});

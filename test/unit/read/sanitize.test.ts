// @vitest-environment happy-dom
/**
 * The HTML body sanitizer (components/read/sanitize.ts): what survives of a hostile message, how cid: images
 * resolve, where links go, and that remote resources are dropped and reported.
 *
 * DOMPurify does not support happy-dom (cure53/DOMPurify#1457: it mangles or keeps markup here), so these tests
 * check our own pass, enforceMailPolicy, which holds on its own; test/e2e/html-body.test.ts checks the whole
 * (DOMPurify, our pass, the sandbox and the CSP) in Chromium.
 */
import { describe, expect, it } from 'vitest';
import { asksForRemote, enforceMailPolicy, HTML_BODY_CSP, prepareHtml, srcdocFor } from '../../../components/read/sanitize';
import type { ParsedAttachment } from '../../../utils/mime/parse';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const logo: ParsedAttachment = { mimeType: 'image/png', content: PNG, disposition: 'inline', contentId: '<logo@clinic.test>' };

/** A body through our policy, made into the frame's document and parsed back as the frame would see it. */
function open(html: string, attachments: ParsedAttachment[] = []) {
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  const { remoteBlocked } = enforceMailPolicy(body, attachments);
  const srcdoc = srcdocFor(body);
  return { srcdoc, remoteBlocked, doc: new DOMParser().parseFromString(srcdoc, 'text/html') };
}

describe('enforceMailPolicy and srcdocFor', () => {
  it('removes scripts, event handlers, forms, frames, objects and embeds, and keeps the text', () => {
    const { doc, srcdoc } = open(
      '<p id="p" onclick="alert(1)">Hello <b>Pat</b></p><script>document.title="ran"</script>' +
        '<img src="data:image/png;base64,AAAA" onerror="alert(2)">' +
        '<form action="https://evil.test/steal"><label>SSN <input name="ssn"></label><button>Send</button></form>' +
        '<iframe src="https://evil.test/"></iframe><object data="x.swf"></object><embed src="x.swf">' +
        '<a href="javascript:alert(3)">js</a><svg><script>alert(4)</script></svg><math><mi>x</mi></math>' +
        '<meta http-equiv="refresh" content="0;url=https://evil.test/"><base href="https://evil.test/">',
    );
    for (const sel of ['script', 'form', 'input', 'button', 'iframe', 'object', 'embed', 'svg', 'math', 'base', 'meta[http-equiv="refresh"]', '[onclick]', '[onerror]']) {
      expect(doc.querySelectorAll(sel).length, sel).toBe(0);
    }
    expect(doc.querySelector('#p')?.textContent).toBe('Hello Pat');
    expect(doc.body.textContent).toContain('SSN');
    expect(doc.querySelector('a')?.hasAttribute('href')).toBe(false);
    expect(srcdoc).not.toMatch(/alert|evil\.test/);
  });

  it('puts the strict CSP first in the head, before anything the sender wrote', () => {
    const { doc } = open('<style>p{color:red}</style><title>t</title><meta http-equiv="refresh" content="0"><p>x</p>');
    const metas = [...doc.head.querySelectorAll('meta')];
    const csp = metas.find((m) => m.getAttribute('http-equiv') === 'Content-Security-Policy');
    expect(csp?.getAttribute('content')).toBe(HTML_BODY_CSP);
    expect(HTML_BODY_CSP).toMatch(/^default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'/);
    expect(doc.head.firstElementChild?.getAttribute('charset')).toBe('utf-8');
    expect(doc.head.children[1]).toBe(csp);
    expect(doc.querySelector('title')).toBeNull();
    expect(doc.querySelector('meta[http-equiv="refresh"]')).toBeNull();
    expect(doc.querySelector('body style')?.textContent).toBe('p{color:red}');
    expect(metas.find((m) => m.getAttribute('name') === 'referrer')?.getAttribute('content')).toBe('no-referrer');
  });

  it('resolves cid: images from the inline parts as data: URLs, in src, background and CSS', () => {
    const { doc, remoteBlocked } = open(
      '<img id="a" src="cid:logo@clinic.test"><img id="b" src="cid:LOGO%40clinic.test"><img id="c" src="cid:missing@x">' +
        '<table background="cid:logo@clinic.test"><tr><td style="background-image:url(\'cid:logo@clinic.test\')">x</td></tr></table>',
      [logo],
    );
    const data = `data:image/png;base64,${Buffer.from(PNG).toString('base64')}`;
    expect(doc.querySelector('#a')?.getAttribute('src')).toBe(data);
    expect(doc.querySelector('#b')?.getAttribute('src')).toBe(data);
    expect(doc.querySelector('#c')?.hasAttribute('src')).toBe(false);
    expect(doc.querySelector('table')?.getAttribute('background')).toBe(data);
    expect(doc.querySelector('td')?.getAttribute('style')).toContain(`url("${data}")`);
    expect(remoteBlocked).toBe(false);
  });

  it('sniffs an inline image sent as application/octet-stream, and refuses non-images', () => {
    const { doc } = open('<img id="a" src="cid:a@x"><img id="b" src="cid:b@x">', [
      { mimeType: 'application/octet-stream', content: PNG, contentId: '<a@x>' },
      { mimeType: 'text/html', content: new TextEncoder().encode('<script>1</script>'), contentId: '<b@x>' },
    ]);
    expect(doc.querySelector('#a')?.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(doc.querySelector('#b')?.hasAttribute('src')).toBe(false);
  });

  it('drops remote images, srcsets, backgrounds, style sheets and CSS urls, and says so', () => {
    const { doc, srcdoc, remoteBlocked } = open(
      '<body background="http://track.test/body.png"><link rel="stylesheet" href="https://track.test/s.css">' +
        '<style>@import url(https://track.test/i.css); body{background:url( "https://track.test/bg.png" )} @font-face{font-family:x;src:url(//track.test/f.woff)}</style>' +
        '<img src="http://track.test/pixel.gif?u=pat" width="1" height="1">' +
        '<img src="data:image/gif;base64,R0lGOD" srcset="https://track.test/2x.png 2x">' +
        '<div style="background-image:url(http://track.test/div.png)">text</div></body>',
    );
    expect(remoteBlocked).toBe(true);
    expect(srcdoc).not.toContain('track.test');
    expect(doc.querySelectorAll('img').length).toBe(2);
    expect(doc.querySelector('img')?.hasAttribute('src')).toBe(false);
    expect(doc.querySelectorAll('img')[1]?.getAttribute('src')).toBe('data:image/gif;base64,R0lGOD');
    expect(doc.querySelectorAll('img')[1]?.hasAttribute('srcset')).toBe(false);
    expect(doc.body.textContent).toContain('text');
  });

  it('decodes CSS escapes before judging: url(ht\\74p:), image-set("http:") and url(/\\/host) are dropped and reported (issue 7)', () => {
    const html =
      '<div id="a" style="background-image:url(ht\\74p://track.test/a.png)">a</div>' +
      '<div id="b" style="background-image:image-set(&quot;http://track.test/b.png&quot; 1x)">b</div>' +
      '<div id="c" style="background:url(/\\/track.test/c.png)">c</div>' +
      '<style>.d{background:u\\72l(https://track.test/d.png)} .e{background-image:-webkit-image-set("//track.test/e.png" 1x)}</style>';
    const { doc, srcdoc, remoteBlocked } = open(html);
    expect(remoteBlocked).toBe(true);
    expect(srcdoc).not.toMatch(/track\.test|\\74|\\72/);
    expect(doc.querySelector('#a')?.getAttribute('style')).toBe('background-image:none');
    expect(doc.querySelector('#b')?.getAttribute('style')).toBe('background-image:none');
    expect(doc.querySelector('#c')?.getAttribute('style')).toBe('background:none');
    for (const html of ['<p style="background:url(ht\\74p://track.test/a.png)">x</p>', '<p style="background:url(/\\/track.test/a.png)">x</p>', '<img src="/\\track.test/p.gif">']) {
      expect(asksForRemote(new DOMParser().parseFromString(html, 'text/html')), html).toBe(true);
    }
  });

  it('finds remote resources in the raw message, also in elements that are removed anyway; links do not count', () => {
    const remote = (html: string) => asksForRemote(new DOMParser().parseFromString(html, 'text/html'));
    expect(remote('<iframe src="https://track.test/"></iframe>')).toBe(true);
    expect(remote('<video poster="https://track.test/p.png"></video>')).toBe(true);
    expect(remote('<html><head><link rel=stylesheet href="//track.test/s.css"></head><body>x</body></html>')).toBe(true);
    expect(remote('<p style="background:url(\'http://track.test/a.png\')">x</p>')).toBe(true);
    expect(remote('<img srcset="a.png 1x, https://track.test/b.png 2x">')).toBe(true);
    expect(remote('<p>Plain <a href="https://portal.test/">link</a><img src="cid:a@b"><img src="data:image/gif;base64,R0"></p>')).toBe(false);
  });

  it('opens web and mail links in a new tab without opener or referrer, with the real target as a tooltip', () => {
    const { doc } = open(
      '<a id="w" href="https://portal.test/results" title="https://bank.test" target="_top">Results</a>' +
        '<a id="m" href="mailto:dr@clinic.test">Mail</a><a id="f" href="#top">Top</a>' +
        '<a id="r" href="relative/page.html">Rel</a><a id="d" href="data:text/html,<script>1</script>">Data</a>',
    );
    const w = doc.querySelector('#w')!;
    expect(w.getAttribute('target')).toBe('_blank');
    expect(w.getAttribute('rel')).toBe('noopener noreferrer');
    expect(w.getAttribute('title')).toBe('https://portal.test/results');
    expect(doc.querySelector('#m')?.getAttribute('target')).toBe('_blank');
    expect(doc.querySelector('#f')?.getAttribute('href')).toBe('#top');
    expect(doc.querySelector('#f')?.hasAttribute('target')).toBe(false);
    expect(doc.querySelector('#r')?.hasAttribute('href')).toBe(false);
    expect(doc.querySelector('#d')?.hasAttribute('href')).toBe(false);
  });

  it('never lets a style sheet close its own element', () => {
    const body = new DOMParser().parseFromString('<style>a{}</style><p>b</p>', 'text/html').body;
    // As if removing an @import had joined "<" and "/style>" in the sheet.
    body.querySelector('style')!.textContent = 'a{}</style><img src=x onerror=alert(1)><style>';
    enforceMailPolicy(body, []);
    const doc = new DOMParser().parseFromString(srcdocFor(body), 'text/html');
    expect(doc.querySelectorAll('img,[onerror]').length).toBe(0);
    expect(doc.querySelectorAll('body style').length).toBe(1);
    expect(doc.body.textContent).toContain('b');
  });
});

describe('prepareHtml', () => {
  it('leaves no script, handler, form control or frame even where DOMPurify cannot work (happy-dom)', () => {
    const { srcdoc, remoteBlocked } = prepareHtml(
      '<p onclick="alert(1)">Hello</p><script>alert(2)</script><img src="http://track.test/p.gif" onerror="alert(3)">' +
        '<form action="https://evil.test/"><input name="ssn"></form><iframe src="https://evil.test/"></iframe>',
      [],
    );
    expect(remoteBlocked).toBe(true);
    expect(srcdoc).not.toMatch(/alert|evil\.test|track\.test|<script|<form|<input|<iframe/);
    expect(srcdoc).toContain('Hello');
  });
});

/**
 * Received CSS (components/read/css-policy.ts): escapes decoded before judging, and nothing but data: and cid:
 * in url(), src() or image-set() (issue 7: `url(ht\74p://...)`, `image-set("http://...")` and `url(/\/host/...)`
 * passed the old sanitizer; only the frame's CSP stopped them).
 */
import { describe, expect, it } from 'vitest';
import { cleanCss, unescapeCss } from '../../../components/read/css-policy';

const LOGO = 'data:image/png;base64,iVBORw0KGgo=';
const cid = (url: string) => (url.toLowerCase() === 'cid:logo@clinic.test' ? LOGO : undefined);

describe('unescapeCss', () => {
  it('decodes hex and character escapes, and leaves no backslash for the browser to decode again', () => {
    expect(unescapeCss('ht\\74p')).toBe('http');
    expect(unescapeCss('ht\\000074 p')).toBe('http'); // six digits, and the one space after them is part of the escape
    expect(unescapeCss('\\75 rl(')).toBe('url(');
    expect(unescapeCss('\\/\\/')).toBe('//');
    expect(unescapeCss('"a\\\nb"')).toBe('"ab"');
    expect(unescapeCss('ht\\5c 74p')).toBe('ht\uFFFD74p'); // an escaped backslash cannot start a new escape
    expect(unescapeCss('a\\\\74b')).toBe('a\uFFFD74b');
    expect(unescapeCss('\\0 \\D800 \\110000 x')).toBe('\uFFFD\uFFFD\uFFFDx');
    expect(unescapeCss('end\\')).toBe('end');
  });
});

describe('cleanCss', () => {
  it.each([
    ['a hex escape in the scheme (issue 7)', 'background:url(ht\\74p://track.test/a.png)'],
    ['image-set with a string URL (issue 7)', 'background-image:image-set("http://track.test/a.png" 1x)'],
    ['a backslash for a slash (issue 7)', 'background:url(/\\/track.test/a.png)'],
    ['-webkit-image-set with url()', 'background-image:-webkit-image-set(url(https://track.test/a.png) 1x, url(data:image/png,x) 2x)'],
    ['image-set mixing a data: string and a remote one', 'background-image:image-set("data:image/png,x" 1x, "https://track.test/2x.png" 2x)'],
    ['an escaped function name', 'background:u\\72l(https://track.test/a.png)'],
    ['an escape at the start of the name', 'background:\\75 rl(https://track.test/a.png)'],
    ['an escaped parenthesis', 'background:url\\28 https://track.test/a.png)'],
    ['an upper-case URL( and scheme', 'background:URL( "HTTPS://track.test/a.png" )'],
    ['a protocol-relative URL', "background:url('//track.test/a.png')"],
    ['a relative URL (the extension\'s own origin)', 'background:url(a.png)'],
    ['src()', 'background:src("https://track.test/a.png")'],
    ['an unterminated string at the end', 'background:url("https://track.test/a.png'],
    ['a comment where the scheme was', 'background:url(/**/https://track.test/a.png)'],
    ['an escaped backslash before an escape', 'background:url(ht\\5c 74p://track.test/a.png)'],
    ['a bad URL that swallows the next declaration', 'background:url(data:x((); background:url(https://track.test/b.png)'],
    ['text after a data: string', 'background:url("data:image/png,x" https://track.test/a.png)'],
    ['an escaped @import', '@\\69mport url(https://track.test/i.css); p{color:red}'],
    ['an @import of a string', '@import "https://track.test/i.css"; p{color:red}'],
    ['a font', '@font-face{font-family:x;src:url(https://track.test/f.woff) format("woff")}'],
    ['a cursor', 'cursor:url(https://track.test/c.cur),auto'],
  ])('leaves nothing remote: %s', (_label, css) => {
    const out = cleanCss(css, cid);
    expect(out.blocked).toBe(true);
    expect(out.css).not.toMatch(/track\.test|a\.png/);
    expect(out.css).not.toContain('\\');
  });

  it('keeps data: URLs and resolves cid: images from the message', () => {
    expect(cleanCss(`background:url(${LOGO})`, cid)).toEqual({ css: `background:url(${LOGO})`, blocked: false });
    expect(cleanCss("background:url( 'cid:logo@clinic.test' )", cid)).toEqual({ css: `background:url("${LOGO}")`, blocked: false });
    expect(cleanCss('background:url(cid:missing@x)', cid)).toEqual({ css: 'background:none', blocked: false });
  });

  it('keeps ordinary styles as they are, strings included', () => {
    const css = 'p{color:#0f766e;font-family:"Georgia",serif;content:"see https://portal.test"} h1{margin:0}';
    expect(cleanCss(css, cid)).toEqual({ css, blocked: false });
  });

  it('leaves nothing remote in 2,000 randomly escaped spellings of url(), image-set(), src() and @import', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    // Each character written plainly, as a hex escape (any case, zero-padded, with or without its space) or a
    // character escape, as a sender could.
    const spell = (text: string) =>
      Array.from(text, (c) => {
        const hex = c.codePointAt(0)!.toString(16);
        switch (random(4)) {
          case 0: {
            // Fewer than six digits need the space, or a following hex digit would extend the escape.
            const digits = '0'.repeat(random(7 - hex.length)) + (random(2) ? hex.toUpperCase() : hex);
            return `\\${digits}${digits.length < 6 || random(2) ? ' ' : ''}`;
          }
          case 1:
            return /[0-9a-f\s]/i.test(c) ? c : `\\${c}`;
          default:
            return c;
        }
      }).join('');
    const forms = [
      (u: string) => `background:${spell('url(')}${u})`,
      (u: string) => `background:${spell('url(')}"${u}")`,
      (u: string) => `background-image:${spell('image-set(')}"${u}" 1x)`,
      (u: string) => `background-image:${spell('-webkit-image-set(')}${spell('url(')}${u}) 1x)`,
      (u: string) => `${spell('@import')} "${u}";`,
      (u: string) => `background:${spell('src(')}"${u}")`,
    ];
    const targets = ['http://track.test/a.png', '//track.test/a.png', '/\\/track.test/a.png', 'HTTPS://track.test/a.png'];
    for (let n = 0; n < 2000; n++) {
      const css = forms[random(forms.length)]!(spell(targets[random(targets.length)]!));
      const out = cleanCss(css, cid);
      expect(out.css, css).not.toMatch(/track\.test/i);
      expect(out.blocked, css).toBe(true);
    }
  });
});


/**
 * A received style sheet or style attribute made unable to load anything: CSS escapes are decoded first (a
 * browser reads `url(ht\74p://...)` as `url(http://...)`), and the decoded text is both what is judged and
 * what is kept, so the browser reads exactly what was judged. Then:
 * - @import rules go;
 * - url() and src() keep only data: and cid: (cid: resolved to the message's own inline image), else `none`;
 * - image-set(), image() and cross-fade() go whole (their strings are URLs: `image-set("http://...")`).
 * Pure: no DOM. The frame's CSP (sanitize.ts) is the second wall.
 */

export interface CleanCss {
  css: string;
  /** True when anything that would have loaded from elsewhere was removed. */
  blocked: boolean;
}

/** CSS Syntax 3, 4.3.7: a backslash and 1-6 hex digits (and one whitespace), a backslash and newline, or any. */
const ESCAPE = /\\(?:([0-9a-fA-F]{1,6})(?:\r\n|[ \t\r\n\f])?|(\r\n|[\r\n\f])|([\s\S])|$)/g;

/**
 * CSS with every escape decoded. The result holds no backslash (an escaped one becomes U+FFFD), so the
 * browser finds no escape left to decode: what it reads is this text.
 */
export function unescapeCss(css: string): string {
  return css.replace(ESCAPE, (_m, hex: string | undefined, newline: string | undefined, other: string | undefined) => {
    if (hex !== undefined) {
      const cp = parseInt(hex, 16);
      return cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0x5c ? '\uFFFD' : String.fromCodePoint(cp);
    }
    if (newline !== undefined) return ''; // a line continuation in a string
    if (other !== undefined) return other === '\\' ? '\uFFFD' : other;
    return ''; // a backslash at the very end
  });
}

/** @import, with whatever it names (a url() or a string), up to its semicolon. */
const IMPORT = /@import\b[^;]*;?/gi;
/** The functions whose arguments the browser fetches. */
const FETCHING = /(?:-webkit-)?(url|src|image-set|image|cross-fade)\(/gi;
const INLINE = /^(?:data|cid):/i;

/** The sheet with nothing remote left, and whether anything was removed. `cid` resolves a cid: URL, or not. */
export function cleanCss(css: string, cid: (url: string) => string | undefined = () => undefined): CleanCss {
  let blocked = false;
  const text = unescapeCss(css).replace(IMPORT, () => {
    blocked = true;
    return '';
  });
  let out = '';
  let done = 0;
  FETCHING.lastIndex = 0;
  for (let m = FETCHING.exec(text); m; m = FETCHING.exec(text)) {
    const name = m[1]!.toLowerCase();
    const open = m.index + m[0].length;
    let replacement: string;
    let end: number;
    if (name === 'url' || name === 'src') {
      const arg = urlArgument(text, open);
      end = arg.end;
      const inline = arg.value !== undefined && INLINE.test(arg.value);
      if (!inline) blocked = true;
      replacement = inline ? keepInline(arg.value!, text.slice(m.index, end), cid) : 'none';
    } else {
      end = closingParen(text, open);
      if (fetchesRemote(text.slice(open, end))) blocked = true;
      replacement = 'none';
    }
    out += text.slice(done, m.index) + replacement;
    done = end;
    FETCHING.lastIndex = end;
  }
  return { css: out + text.slice(done), blocked };
}

/** True when the CSS would load anything that is not inline (a data: or cid: URL). */
export const cssAsksForRemote = (css: string): boolean => cleanCss(css).blocked;

function keepInline(value: string, original: string, cid: (url: string) => string | undefined): string {
  if (!/^cid:/i.test(value)) return original;
  const data = cid(value);
  return data ? `url("${data}")` : 'none';
}

/**
 * The argument of url( or src( starting at `from`, read as the browser reads it (CSS Syntax 3, 4.3.6): a string
 * then ")", or unquoted up to the first ")" (a quote, "(" or inner space makes it a bad URL: no value). `end` is
 * just after the ")", or the end of the text.
 */
function urlArgument(text: string, from: number): { value?: string; end: number } {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  const quote = text[i];
  if (quote === '"' || quote === "'") {
    const close = stringEnd(text, i);
    const paren = text.indexOf(')', close);
    const end = paren === -1 ? text.length : paren + 1;
    const closed = text[close] === quote || close === text.length; // at the end, the browser closes it
    const rest = closed ? text.slice(close + 1, paren === -1 ? text.length : paren) : 'x';
    return rest.trim() === '' ? { value: text.slice(i + 1, close), end } : { end };
  }
  const paren = text.indexOf(')', i);
  const end = paren === -1 ? text.length : paren + 1;
  const value = text.slice(i, paren === -1 ? text.length : paren).trim();
  return /["'(\s]/.test(value) ? { end } : { value, end };
}

/** Index of the quote that closes the string opening at `at` (or of the newline that breaks it, or the end). */
function stringEnd(text: string, at: number): number {
  const quote = text[at];
  let i = at + 1;
  while (i < text.length && text[i] !== quote && text[i] !== '\n' && text[i] !== '\r' && text[i] !== '\f') i++;
  return i;
}

/** Just after the ")" that closes a function opened before `from`, strings and nested blocks skipped. */
function closingParen(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") i = stringEnd(text, i);
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return text.length;
}

/** Whether an image-set()'s (or image()'s) arguments name anything but inline images: its strings are URLs. */
function fetchesRemote(args: string): boolean {
  const strings = (args.match(/"[^"\n]*"?|'[^'\n]*'?/g) ?? []).map((s) => s.replace(/^["']|["']$/g, '').trim());
  return strings.some((u) => !INLINE.test(u)) || cleanCss(args).blocked;
}

/**
 * Header values on the way out: RFC 2047 encoded-words for non-ASCII text, and folding at 78 columns.
 * Parameters (RFC 2231) live in params.ts, addresses in address.ts.
 */
import { decodeWords as postalDecodeWords } from 'postal-mime';
import { utf8 } from '../bytes';
import { encodeBase64String } from './base64';

/** Recommended line length (RFC 5322 2.1.1); the hard limit is 998. */
export const FOLD_AT = 78;
/** Longest encoded-word we emit: short enough that "Subject: " plus one word fits within FOLD_AT. */
const MAX_WORD = 66;
/** Plain words longer than this are encoded too, which lets them be split across lines (hard limit 998). */
const MAX_PLAIN_WORD = 900;
const PREFIX_LEN = '=?UTF-8?X?'.length + '?='.length;

/** Printable ASCII, space and tab only. */
export function isPlainAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 32 && c !== 9) || c > 126) return false;
  }
  return true;
}

/** Q encoding limited to the characters RFC 2047 5(3) allows in a phrase, so words are safe in any header. */
function qChar(b: number): string {
  if (b === 32) return '_';
  if ((b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b === 33 || b === 42 || b === 43 || b === 45 || b === 47) {
    return String.fromCharCode(b);
  }
  return '=' + b.toString(16).toUpperCase().padStart(2, '0');
}

function qLength(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) n += qChar(b).length;
  return n;
}

/**
 * `text` as RFC 2047 encoded-words in UTF-8 (B or Q, whichever is shorter), separated by single spaces.
 * Words never split a character and are at most `maxWordLength` (<= 75) characters long.
 */
export function encodeWords(text: string, maxWordLength = MAX_WORD): string {
  const all = utf8(text);
  const useQ = qLength(all) <= Math.ceil(all.length / 3) * 4;
  const room = Math.min(75, maxWordLength) - PREFIX_LEN;
  const words: string[] = [];
  let chunk: number[] = [];
  let chunkLen = 0;
  const flush = () => {
    if (chunk.length === 0) return;
    const bytes = Uint8Array.from(chunk);
    words.push(useQ ? `=?UTF-8?Q?${Array.from(bytes, qChar).join('')}?=` : `=?UTF-8?B?${encodeBase64String(bytes)}?=`);
    chunk = [];
    chunkLen = 0;
  };
  for (const ch of text) {
    const bytes = utf8(ch);
    const cost = useQ ? qLength(bytes) : 0;
    const nextLen = useQ ? chunkLen + cost : Math.ceil((chunk.length + bytes.length) / 3) * 4;
    if (nextLen > room) flush();
    chunk.push(...bytes);
    chunkLen += cost;
  }
  flush();
  return words.join(' ');
}

/** Decodes RFC 2047 encoded-words (any charset TextDecoder knows; adjacent words joined as RFC 2047 6.2 says). */
export function decodeWords(value: string): string {
  return postalDecodeWords(value);
}

function needsEncoding(word: string): boolean {
  return !isPlainAscii(word) || word.includes('=?') || word.length > MAX_PLAIN_WORD;
}

/**
 * An unstructured header value (Subject, custom headers) made 7-bit: the span from the first to the last word
 * that needs it becomes encoded-words, ASCII words around it stay readable. Line breaks become spaces.
 */
export function encodeHeaderValue(value: string): string {
  const clean = sanitizeValue(value);
  const parts = clean.split(/([ \t]+)/); // words at even indexes, blanks at odd
  let first = -1;
  let last = -1;
  for (let i = 0; i < parts.length; i += 2) {
    if (needsEncoding(parts[i]!)) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first < 0) return clean;
  const head = parts.slice(0, first).join('');
  const span = parts.slice(first, last + 1).join('');
  const tail = parts.slice(last + 1).join('');
  return head + encodeWords(span) + tail;
}

/** Removes line breaks from a header value: folded breaks are unfolded, any other CR/LF becomes a space. */
export function sanitizeValue(value: string): string {
  return value.replace(/\r?\n(?=[ \t])/g, '').replace(/[\r\n]+/g, ' ');
}

/**
 * "Name: value" folded before blanks so lines stay within `width` where the value allows it (an unbreakable run
 * stays whole). No trailing CRLF. The value must already be 7-bit (see encodeHeaderValue); CR/LF are removed.
 */
export function foldHeader(name: string, value: string, width = FOLD_AT): string {
  const line = `${name}: ${sanitizeValue(value)}`;
  if (line.length <= width) return line;
  // Segments start at each run of blanks that follows a non-blank, so no line ever holds only blanks.
  const segments: string[] = [];
  let start = 0;
  for (let i = 1; i < line.length; i++) {
    const c = line.charCodeAt(i);
    const prev = line.charCodeAt(i - 1);
    if ((c === 32 || c === 9) && prev !== 32 && prev !== 9) {
      segments.push(line.slice(start, i));
      start = i;
    }
  }
  segments.push(line.slice(start));
  const lines: string[] = [];
  let current = '';
  for (const seg of segments) {
    if (current.length > 0 && current.length + seg.length > width && seg.trim().length > 0) {
      lines.push(current);
      current = seg;
    } else {
      current += seg;
    }
  }
  lines.push(current);
  return lines.join('\r\n');
}

/** An unstructured header, encoded and folded: `formatHeader('Subject', 'Résultats')`. */
export function formatHeader(name: string, value: string): string {
  return foldHeader(name, encodeHeaderValue(value));
}

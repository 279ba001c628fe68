/**
 * Header parameters: Content-Type / Content-Disposition values with RFC 2045 params, RFC 2231 extended values
 * and continuations, and the RFC 2047 words that real clients put inside quoted params.
 */
import { utf8 } from '../bytes';
import { decodeWords, encodeWords, isPlainAscii } from './headers';

export interface ContentType {
  /** Lowercased "type/subtype"; text/plain when the header is missing or has no subtype (RFC 2045 5.2). */
  type: string;
  /** Lowercased parameter names, decoded values. */
  params: Record<string, string>;
}

export interface ContentDisposition {
  /** Lowercased disposition, e.g. "attachment" or "inline"; "" when missing. */
  disposition: string;
  params: Record<string, string>;
}

const MAX_SECTIONS = 1000;
/**
 * Parameters where clients put RFC 2047 words (against RFC 2047 5, but Outlook, Gmail and others do). Only these
 * are decoded, so structural values such as boundary are read literally, the way every MIME parser reads them.
 */
const WORDS_ALLOWED = new Set(['name', 'filename']);

/** Decodes bytes in a named charset, falling back to UTF-8 when TextDecoder does not know it. */
export function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  const label = (charset ?? '').trim().toLowerCase() || 'utf-8';
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function hex(c: number | undefined): number {
  if (c === undefined) return -1;
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** RFC 2231 %XX decoding to bytes; a stray '%' stays literal. */
function percentDecode(s: string): Uint8Array {
  const raw = utf8(s);
  const out = new Uint8Array(raw.length);
  let o = 0;
  for (let i = 0; i < raw.length; i++) {
    const h = raw[i] === 37 ? hex(raw[i + 1]) : -1;
    const l = h >= 0 ? hex(raw[i + 2]) : -1;
    if (l >= 0) {
      out[o++] = (h << 4) | l;
      i += 2;
    } else {
      out[o++] = raw[i]!;
    }
  }
  return out.subarray(0, o);
}

interface RawParam {
  name: string;
  value: string;
}

/** Splits `value; a=b; c="d"` into the leading value and raw parameters (quotes removed, escapes resolved). */
function tokenize(header: string): { value: string; raw: RawParam[] } {
  const s = header;
  let i = 0;
  const n = s.length;
  const readUntilSemicolon = (): string => {
    const start = i;
    while (i < n && s[i] !== ';') i++;
    return s.slice(start, i);
  };
  const value = stripComment(readUntilSemicolon()).trim();
  const raw: RawParam[] = [];
  while (i < n) {
    i++; // ';'
    while (i < n && /[\s;]/.test(s[i]!)) i++;
    if (i >= n) break;
    const nameStart = i;
    while (i < n && s[i] !== '=' && s[i] !== ';') i++;
    if (i >= n || s[i] === ';') continue; // attribute without value: ignore
    const name = s.slice(nameStart, i).trim().toLowerCase();
    i++; // '='
    while (i < n && (s[i] === ' ' || s[i] === '\t')) i++;
    if (s[i] === '"') {
      i++;
      let v = '';
      while (i < n && s[i] !== '"') {
        if (s[i] === '\\' && i + 1 < n) i++;
        v += s[i];
        i++;
      }
      i++; // closing quote (if any)
      readUntilSemicolon(); // junk after the quoted string
      if (name) raw.push({ name, value: v });
    } else {
      const v = stripComment(readUntilSemicolon()).trim();
      if (name) raw.push({ name, value: v });
    }
  }
  return { value, raw };
}

function stripComment(s: string): string {
  const p = s.indexOf('(');
  return p < 0 ? s : s.slice(0, p);
}

/**
 * Parses a parameterized header value. RFC 2231 continuations (name*0, name*1*, ...) are joined, extended values
 * decoded with their charset; a plain name/filename carrying RFC 2047 words is decoded as clients expect. When
 * both `name` and `name*` forms are present the extended one wins; of duplicates, the first wins. Unterminated
 * quotes run to the end; parameters without '=' are ignored.
 */
export function parseParams(header: string): { value: string; params: Record<string, string> } {
  const { value, raw } = tokenize(header);
  const plain = new Map<string, string>();
  const extended = new Map<string, string>();
  const sections = new Map<string, { index: number; value: string; ext: boolean }[]>();
  for (const p of raw) {
    const m = /^([^*]+)\*(?:(\d{1,4})(\*)?)?$/.exec(p.name);
    if (!m) {
      if (!plain.has(p.name)) plain.set(p.name, WORDS_ALLOWED.has(p.name) && p.value.includes('=?') ? decodeWords(p.value) : p.value);
      continue;
    }
    const base = m[1]!;
    if (m[2] === undefined) {
      if (!extended.has(base)) extended.set(base, decodeExtended(p.value));
      continue;
    }
    const list = sections.get(base) ?? [];
    if (list.length < MAX_SECTIONS) list.push({ index: Number(m[2]), value: p.value, ext: m[3] === '*' });
    sections.set(base, list);
  }
  for (const [base, list] of sections) {
    if (extended.has(base)) continue;
    list.sort((a, b) => a.index - b.index);
    let charset: string | undefined;
    const chunks: Uint8Array[] = [];
    list.forEach((sec, k) => {
      let v = sec.value;
      if (sec.ext) {
        if (k === 0) {
          const parts = splitCharset(v);
          charset = parts.charset;
          v = parts.text;
        }
        chunks.push(percentDecode(v));
      } else {
        chunks.push(utf8(v));
      }
    });
    const total = chunks.reduce((n, c) => n + c.length, 0);
    const joined = new Uint8Array(total);
    let o = 0;
    for (const c of chunks) {
      joined.set(c, o);
      o += c.length;
    }
    const text = decodeCharset(joined, charset);
    extended.set(base, charset === undefined && !list[0]!.ext && WORDS_ALLOWED.has(base) ? decodeWords(text) : text);
  }
  const params: Record<string, string> = {};
  for (const [k, v] of plain) params[k] = v;
  for (const [k, v] of extended) params[k] = v;
  return { value, params };
}

function splitCharset(v: string): { charset?: string; text: string } {
  const a = v.indexOf("'");
  const b = a < 0 ? -1 : v.indexOf("'", a + 1);
  if (a < 0 || b < 0) return { text: v };
  return { charset: v.slice(0, a) || undefined, text: v.slice(b + 1) };
}

function decodeExtended(v: string): string {
  const { charset, text } = splitCharset(v);
  return decodeCharset(percentDecode(text), charset);
}

export function parseContentType(value: string | undefined): ContentType {
  const { value: type, params } = parseParams(value ?? '');
  const t = type.toLowerCase().replace(/\s+/g, '');
  return { type: /^[^/]+\/[^/]+$/.test(t) ? t : 'text/plain', params };
}

export function parseContentDisposition(value: string | undefined): ContentDisposition {
  const { value: disposition, params } = parseParams(value ?? '');
  return { disposition: disposition.toLowerCase(), params };
}

// ---- formatting ----

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** RFC 2231 attribute-char minus '%' (which starts an escape): ALPHA DIGIT and !#$&+-.^_`|~ */
const ATTR_CHAR = /[!#$&+\-.^_`|~0-9A-Za-z]/;
/** Longest value segment per line, keeping each `name*N*=...;` well inside 78 columns. */
const SECTION = 60;

function quote(v: string): string {
  return `"${v.replace(/["\\]/g, (c) => '\\' + c)}"`;
}

function percentEncodeChar(ch: string): string {
  if (ch.length === 1 && ATTR_CHAR.test(ch)) return ch;
  return Array.from(utf8(ch), (b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')).join('');
}

/**
 * One parameter as `name=value` segments: a token or quoted string when the value is short ASCII, otherwise
 * RFC 2231 `name*=UTF-8''...` split into `name*0*=`, `name*1*=`... sections that never split a character.
 */
export function formatParam(name: string, value: string): string[] {
  if (isPlainAscii(value) && !value.includes('\t') && value.length <= SECTION) {
    return [`${name}=${TOKEN.test(value) ? value : quote(value)}`];
  }
  const sections: string[] = [];
  let current = "UTF-8''";
  for (const ch of value) {
    const enc = percentEncodeChar(ch);
    if (current.length + enc.length > SECTION) {
      sections.push(current);
      current = '';
    }
    current += enc;
  }
  sections.push(current);
  if (sections.length === 1) return [`${name}*=${sections[0]}`];
  return sections.map((s, k) => `${name}*${k}*=${s}`);
}

/**
 * A parameter as a quoted string holding RFC 2047 words when not short ASCII: the `name=` fallback older clients
 * read. The words can be folded, so even very long names keep lines short.
 */
export function formatParam2047(name: string, value: string): string {
  return `${name}=${quote(isPlainAscii(value) && value.length <= SECTION ? value : encodeWords(value))}`;
}

/** `value; a=b; c="d e"` (unfolded; the segments are joined with "; " so foldHeader can break between them). */
export function formatParams(value: string, params: Record<string, string> | readonly string[]): string {
  const segs = Array.isArray(params)
    ? (params as readonly string[])
    : Object.entries(params as Record<string, string>).flatMap(([k, v]) => formatParam(k, v));
  return [value, ...segs].join('; ');
}

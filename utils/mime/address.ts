/** Mailboxes: parsing user input and header values, formatting 7-bit address lists. */
import { addressParser } from 'postal-mime';
import { DirectSealError } from '../errors';
import { encodeWords, isPlainAscii } from './headers';

export interface Mailbox {
  name?: string;
  address: string;
}

/** atext plus space: a display name made only of these needs no quoting. */
const PHRASE = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+$/;
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.]+$/;
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** Every mailbox in a header value or user input (groups flattened); names decoded, addresses as written. */
export function parseAddressList(value: string): Mailbox[] {
  const out: Mailbox[] = [];
  for (const m of addressParser(value, { flatten: true })) {
    if (m.group !== undefined || !m.address) continue;
    out.push(m.name ? { name: m.name, address: m.address } : { address: m.address });
  }
  return out;
}

/** Counts '<' outside quoted strings and comments: more than one route-addr in a single mailbox is ambiguous. */
function angleCount(value: string): number {
  let n = 0;
  let quoted = false;
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (quoted) {
      if (c === '"') quoted = false;
    } else if (depth > 0) {
      if (c === '(') depth++;
      else if (c === ')') depth--;
    } else if (c === '"') quoted = true;
    else if (c === '(') depth++;
    else if (c === '<') n++;
  }
  return n;
}

function isAddrSpec(address: string): boolean {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const localOk = LOCAL_PART.test(local) || /^"(?:[^"\\]|\\.)*"$/.test(local);
  return localOk && (DOMAIN.test(domain) || /^\[[^\]\s]+\]$/.test(domain));
}

/**
 * The bare, lowercased addr-spec of a From header value, or undefined when there is not exactly one mailbox or the
 * value is ambiguous (several <...>, a route, no valid address). Used to bind the signer's certificate to From.
 */
export function addressOf(headerValue: string | undefined): string | undefined {
  if (!headerValue) return undefined;
  if (angleCount(headerValue) > 1) return undefined;
  const list = addressParser(headerValue, { flatten: true }).filter((m) => m.group === undefined);
  if (list.length !== 1) return undefined;
  const address = list[0]!.address?.trim() ?? '';
  if (!isAddrSpec(address)) return undefined;
  return address.toLowerCase();
}

function invalid(input: string): DirectSealError {
  return new DirectSealError('USAGE', `not a valid e-mail address: ${JSON.stringify(input)}`);
}

/** One mailbox from user input such as `Dr. Émile <emile@x.org>` or `emile@x.org`; throws USAGE otherwise. */
export function parseMailbox(input: string | Mailbox): Mailbox {
  if (typeof input !== 'string') return input;
  const list = parseAddressList(input);
  if (list.length !== 1 || angleCount(input) > 1) throw invalid(input);
  return list[0]!;
}

/** Domain as ASCII: IDNs through the URL parser's punycode (available in Node, browsers and service workers). */
function asciiDomain(domain: string): string {
  if (isPlainAscii(domain) || domain.startsWith('[')) return domain;
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return domain;
  }
}

/** The addr-spec ready for a header: ASCII domain, validated; throws USAGE for anything that is not one. */
export function formatAddrSpec(address: string): string {
  const trimmed = address.trim();
  const at = trimmed.lastIndexOf('@');
  const spec = at > 0 ? `${trimmed.slice(0, at)}@${asciiDomain(trimmed.slice(at + 1))}` : trimmed;
  if (!isAddrSpec(spec)) throw invalid(address);
  return spec;
}

/** `Name <addr>` with the name as atoms, a quoted string, or RFC 2047 words when not ASCII. */
export function formatMailbox(input: string | Mailbox): string {
  const m = parseMailbox(input);
  const spec = formatAddrSpec(m.address);
  const name = m.name?.replace(/[\r\n]+/g, ' ').trim();
  if (!name) return spec;
  let phrase: string;
  if (!isPlainAscii(name)) phrase = encodeWords(name);
  else if (PHRASE.test(name) && !name.includes('=?')) phrase = name;
  else phrase = `"${name.replace(/["\\]/g, (c) => '\\' + c)}"`;
  return `${phrase} <${spec}>`;
}

/** Comma-separated mailboxes for To / Cc / From (fold with foldHeader). */
export function formatAddressList(list: readonly (string | Mailbox)[]): string {
  return list.map(formatMailbox).join(', ');
}

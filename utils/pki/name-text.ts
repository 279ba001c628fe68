/**
 * A certificate Name as text ("CN=Dr. Ada Lovelace, O=Lakeside Family Practice, C=US"), read straight from the
 * DER: the RDNs in encoded order, joined by ", ", multi-valued ones by "+", values escaped as RFC 4514 says.
 * It writes exactly what @peculiar/x509's Name.toString writes (test/unit/pki/name-text.test.ts compares them),
 * so names stored or shown before stay equal, without starting that library (about 60 ms of a CLI run) just
 * to read a name. One difference on purpose: a UniversalString character outside the Basic Multilingual Plane
 * keeps its whole code point (asn1js keeps its low 16 bits).
 */
import { toHex } from '../bytes';
import { children, encoded, readExact, readOid, value, type BerNode } from '../cms/ber';

const SHORT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.6': 'C',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'E',
  '2.5.4.42': 'G',
  '2.5.4.43': 'I',
  '2.5.4.4': 'SN',
  '2.5.4.12': 'T',
};

const TELETEX = 0x14;
const PRINTABLE = 0x13;
const IA5 = 0x16;
const UTF8 = 0x0c;
const UNIVERSAL = 0x1c;
const BMP = 0x1e;

export function nameText(raw: Uint8Array): string {
  return children(readExact(raw))
    .map((rdn) => children(rdn).map(attributeText).join('+'))
    .join(', ');
}

function attributeText(atv: BerNode): string {
  const [typeNode, valueNode] = children(atv);
  const type = readOid(typeNode);
  const text = valueNode ? stringValue(valueNode) : undefined;
  // A value of a type that is not a string is shown as "#" and the hex of its whole encoding (RFC 4514 2.4).
  const shown = text === undefined ? `#${toHex(encoded(valueNode))}` : escape(text);
  return `${SHORT_NAMES[type] ?? type}=${shown}`;
}

/** The string types a DirectoryString or an e-mail attribute may hold, decoded as asn1js decodes them. */
function stringValue(node: BerNode): string | undefined {
  const v = value(node);
  switch (node.tag) {
    case UTF8:
      return new TextDecoder().decode(v);
    case BMP:
      return codeUnits(v, 2);
    case UNIVERSAL:
      return codeUnits(v, 4);
    case TELETEX:
    case PRINTABLE:
    case IA5:
      return bytesAsChars(v);
    default:
      return undefined;
  }
}

function bytesAsChars(v: Uint8Array): string {
  let s = '';
  for (const b of v) s += String.fromCharCode(b);
  return s;
}

/** BMPString (2 octets a character) or UniversalString (4), big-endian. */
function codeUnits(v: Uint8Array, size: 2 | 4): string {
  let s = '';
  for (let i = 0; i + size <= v.length; i += size) {
    let c = 0;
    for (let j = 0; j < size; j++) c = c * 256 + v[i + j]!;
    s += size === 2 ? String.fromCharCode(c) : String.fromCodePoint(Math.min(c, 0x10ffff));
  }
  return s;
}

/** RFC 4514 escaping as the library does it (its last rule replaces only the first control character). */
function escape(text: string): string {
  return text
    .replace(/([,+"\\<>;])/g, '\\$1')
    .replace(/^([ #])/, '\\$1')
    .replace(/([ ]$)/, '\\$1')
    .replace(/([\r\n\t])/, (char) => `\\${toHex(new TextEncoder().encode(char)).toUpperCase()}`);
}

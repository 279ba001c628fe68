/** The BER reader's guarantees against hostile input, and the helpers utils/pki reads with. */
import { describe, expect, it } from 'vitest';
import { child, children, encoded, isContext, isMalformed, octets, readExact, readNode, readOid, readRoot, readSmallInteger, readText, readWhole, value, wellFormed } from '../../../utils/cms/ber';
import { explicit, implicitPrimitive, integer, octetString, oid, sequence, tlv } from '../../../utils/cms/der';

const malformed = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(isMalformed(e)).toBe(true);
    return;
  }
  throw new Error('no error');
};

describe('BER reader', () => {
  it('refuses a child whose length runs past its parent, even when the buffer holds the bytes', () => {
    // SEQUENCE of length 3 whose INTEGER claims 4 content bytes; the buffer is long enough.
    const bytes = Uint8Array.of(0x30, 0x03, 0x02, 0x04, 0x01, 0x02, 0x03, 0x04);
    malformed(() => children(readNode(bytes)));
  });

  it('bounds nesting depth across children() calls, not only within one read', () => {
    let der = octetString(Uint8Array.of(1));
    for (let i = 0; i < 100; i++) der = sequence(der);
    let node = readExact(der);
    malformed(() => {
      for (;;) node = children(node)[0]!;
    });
    // A constructed OCTET STRING nested as deep cannot make octets() recurse without bound either.
    let chunks = octetString(Uint8Array.of(1));
    for (let i = 0; i < 100; i++) chunks = tlv(0x24, chunks);
    malformed(() => octets(readExact(chunks)));
  });

  it('readExact refuses any trailing byte; readRoot allows zero padding; readNode ignores what follows', () => {
    const der = sequence(integer(5));
    const padded = Uint8Array.of(...der, 0);
    expect(encoded(readRoot(padded))).toEqual(der);
    malformed(() => readExact(padded));
    expect(encoded(readNode(Uint8Array.of(...der, 0x30, 0x00)))).toEqual(der);
    expect(encoded(readExact(der))).toEqual(der);
  });

  it('wellFormed/readWhole check every constructed element, also the ones a caller would not read', () => {
    // [0] holds a SET whose INTEGER claims more bytes than the SET has: readExact does not look, readWhole does.
    const der = sequence(integer(1), explicit(0, Uint8Array.of(0x31, 0x03, 0x02, 0x05, 0x00, 0x00, 0x00)));
    expect(encoded(readExact(der))).toEqual(der);
    malformed(() => readWhole(der));
    malformed(() => wellFormed(readNode(der)));
    expect(encoded(readWhole(sequence(integer(1), explicit(0, integer(2)))))).toHaveLength(10);
  });

  it('child() names what is missing; isContext matches [n] primitive or constructed', () => {
    const der = sequence(explicit(0, integer(1)), implicitPrimitive(3, Uint8Array.of(9)));
    const root = readExact(der);
    expect(isContext(child(root, 0, 'x'), 0)).toBe(true);
    expect(isContext(child(root, 1, 'x'), 3)).toBe(true);
    expect(isContext(child(root, 1, 'x'), 0)).toBe(false);
    expect(() => child(root, 2, 'the third')).toThrow(/the third: missing element/);
  });

  it('reads OIDs, and refuses a truncated one or an arc too large', () => {
    expect(readOid(readExact(oid('1.2.840.113549.1.12.10.1.2')))).toBe('1.2.840.113549.1.12.10.1.2');
    malformed(() => readOid(readExact(Uint8Array.of(0x06, 0x02, 0x2a, 0x86))));
    malformed(() => readOid(readExact(Uint8Array.of(0x06, 0x0a, 0x2a, ...new Array(9).fill(0xff)))));
  });

  it('reads a small non-negative INTEGER, and refuses a negative, empty or huge one', () => {
    expect(readSmallInteger(readExact(integer(600_000)))).toBe(600_000);
    expect(readSmallInteger(readExact(integer(0)))).toBe(0);
    malformed(() => readSmallInteger(readExact(Uint8Array.of(0x02, 0x01, 0xff))));
    malformed(() => readSmallInteger(readExact(Uint8Array.of(0x02, 0x00))));
    malformed(() => readSmallInteger(readExact(tlv(0x02, new Uint8Array(7).fill(1)))));
  });

  it('reads a BMPString as UTF-16BE and other strings as UTF-8', () => {
    expect(readText(readExact(tlv(0x1e, Uint8Array.of(0, 0x41, 0x00, 0xe9, 0x20, 0xac))))).toBe('Aé€');
    expect(readText(readExact(tlv(0x0c, new TextEncoder().encode('Zoë'))))).toBe('Zoë');
    expect(value(readExact(tlv(0x13, Uint8Array.of(0x41))))).toEqual(Uint8Array.of(0x41));
  });
});

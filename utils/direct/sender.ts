/**
 * The sender a signature vouches for: the one From mailbox of the signed message, its address bound to the
 * signer's certificate, and its display name, which the signer writes freely and so may pose as someone else.
 */
import { headerAll, type Entity } from '../mime/entity';
import { addressOf, parseAddressList } from '../mime/address';
import { INVISIBLE, withoutBidiControls } from '../mime/visible';

export interface SignedFrom {
  /** The bare, lowercased address the signer must be bound to. */
  address?: string;
  /** The display name (decoded, bidi controls removed), when there is one. */
  name?: string;
  /** Why there is no address to bind the signer to. */
  problem?: string;
}

/**
 * The From address the signer must be bound to: the one inside the signature. Only a signed part with no From
 * field at all (a body-only signature, without header protection) falls back to the carrier's From; a protected
 * From that does not name exactly one mailbox never does, or an unprotected header would vouch for it.
 */
export function signedFrom(signedPart: Entity, carrier: Entity | undefined): SignedFrom {
  const fields = headerAll(signedPart, 'from');
  if (fields.length > 1) return { problem: 'the signed message has more than one From field' };
  if (fields.length === 1) {
    const address = addressOf(fields[0]);
    return address ? withName(address, fields[0]!) : { problem: `the signed From "${fields[0]!.trim()}" does not name exactly one mailbox` };
  }
  const outer = carrier ? headerAll(carrier, 'from') : [];
  const address = outer.length === 1 ? addressOf(outer[0]) : undefined;
  return address ? withName(address, outer[0]!) : { problem: 'the message has no From address' };
}

/** The display name as it will be shown: without bidi controls, so it reads in the order it is judged in. */
function withName(address: string, field: string): SignedFrom {
  const written = parseAddressList(field)[0]?.name;
  const name = written === undefined ? undefined : withoutBidiControls(written).trim();
  return name ? { address, name } : { address };
}

/** Something shaped like an address inside a display name: local@domain.tld, punctuation around it ignored. */
const ADDRESS_LIKE = /[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:@]+\.[^\s<>()[\]"',;:@]*[^\s<>()[\]"',;:@.]/gu;

/**
 * The addresses a display name shows that are not `address`, e.g. `"results@lab.test" <pat@patient.test>`.
 * Compatibility forms are folded first (a fullwidth ＠ is an @ to a reader), and case does not count.
 */
export function foreignAddressesInName(name: string, address: string): string[] {
  const folded = name.normalize('NFKC').replace(INVISIBLE, '');
  const found = folded.match(ADDRESS_LIKE) ?? [];
  const own = address.toLowerCase();
  return [...new Set(found.map((a) => a.toLowerCase()))].filter((a) => a !== own);
}

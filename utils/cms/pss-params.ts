/** RSASSA-PSS-params (RFC 4055 3.1), for signatures on messages, certificates and CRLs alike. */
import { children, readOid, readSmallInteger, type BerNode } from './ber';
import { HASH_BY_OID, type HashName } from './oids';

/** hashAlgorithm [0] (default SHA-1) and saltLength [2] (default 20); the MGF is MGF1 with the same hash. */
export function pssParams(params: BerNode | undefined): { hash: HashName; saltLength: number } {
  let hash: HashName = 'SHA-1';
  let saltLength = 20;
  for (const field of params?.tag === 0x30 ? children(params) : []) {
    const inner = children(field)[0]!;
    if (field.tag === 0xa0) hash = HASH_BY_OID[readOid(children(inner)[0]!)] ?? hash;
    if (field.tag === 0xa2) saltLength = readSmallInteger(inner);
  }
  return { hash, saltLength };
}

/**
 * What a PKCS#12 file holds, read without its passphrase (for `inspect`): which parts are encrypted how, and
 * whether it is the legacy kind (3DES/RC2, SHA-1 MAC) that HISPs and Windows still hand out. Undefined when the
 * bytes are not a PFX (RFC 7292).
 */
import { children, octets, readOid, readRoot, readSmallInteger, type BerNode } from '../cms/ber';
import { OID } from '../cms/oids';
import { isDirectSealError } from '../errors';

const NAMES: Record<string, string> = {
  [OID.pbeWithSHAAnd3KeyTripleDESCBC]: 'pbeWithSHAAnd3-KeyTripleDES-CBC',
  [OID.pbeWithSHAAnd128BitRC2CBC]: 'pbeWithSHAAnd128BitRC2-CBC',
  [OID.pbeWithSHAAnd40BitRC2CBC]: 'pbeWithSHAAnd40BitRC2-CBC',
  [OID.pbes2]: 'PBES2',
  [OID.aes256Cbc]: 'AES-256-CBC',
  [OID.aes128Cbc]: 'AES-128-CBC',
  [OID.desEde3Cbc]: 'DES-EDE3-CBC',
  [OID.sha1]: 'SHA-1',
  [OID.sha256]: 'SHA-256',
  [OID.sha512]: 'SHA-512',
};
const BAGS: Record<string, string> = {
  [OID.keyBag]: 'private key (unencrypted)',
  [OID.pkcs8ShroudedKeyBag]: 'private key',
  [OID.certBag]: 'certificate',
  [OID.crlBag]: 'CRL',
};
const LEGACY = new Set<string>([OID.pbeWithSHAAnd3KeyTripleDESCBC, OID.pbeWithSHAAnd128BitRC2CBC, OID.pbeWithSHAAnd40BitRC2CBC]);

export interface Pkcs12Description {
  legacy: boolean;
  mac?: string;
  parts: string[];
}

export function describePkcs12(bytes: Uint8Array): Pkcs12Description | undefined {
  try {
    const pfx = children(readRoot(bytes));
    if (pfx.length < 2 || readSmallInteger(pfx[0]!) !== 3) return undefined;
    const [type, wrapped] = children(pfx[1]!);
    if (readOid(type!) !== OID.data) return undefined;
    const authSafe = children(readRoot(octets(children(wrapped!)[0]!)));
    let legacy = false;
    const parts: string[] = [];
    for (const ci of authSafe) {
      const [t, content] = children(ci);
      if (readOid(t!) === OID.encryptedData) {
        const alg = algorithmName(children(children(children(content!)[0]!)[1]!)[1]!);
        legacy ||= alg.legacy;
        parts.push(`encrypted part (${alg.name})`);
      } else {
        for (const bag of children(readRoot(octets(children(content!)[0]!)))) {
          const [bagId, value] = children(bag);
          const kind = BAGS[readOid(bagId!)] ?? readOid(bagId!);
          if (readOid(bagId!) === OID.pkcs8ShroudedKeyBag) {
            const alg = algorithmName(children(children(value!)[0]!)[0]!);
            legacy ||= alg.legacy;
            parts.push(`${kind} (${alg.name})`);
          } else parts.push(kind);
        }
      }
    }
    const mac = pfx[2] ? macName(pfx[2]) : undefined;
    return { legacy, mac, parts };
  } catch (e) {
    if (isDirectSealError(e)) return undefined;
    throw e;
  }
}

function algorithmName(alg: BerNode): { name: string; legacy: boolean } {
  const [o, params] = children(alg);
  const id = readOid(o!);
  if (id !== OID.pbes2 || !params) return { name: NAMES[id] ?? id, legacy: LEGACY.has(id) };
  const [kdf, scheme] = children(params);
  const kdfParams = children(children(kdf!)[1]!);
  const iterations = readSmallInteger(kdfParams[1]!);
  const prf = kdfParams.find((n) => n.tag === 0x30);
  const prfName = prf ? readOid(children(prf)[0]!).replace(OID.hmacWithSHA256, 'HMAC-SHA-256').replace(OID.hmacWithSHA1, 'HMAC-SHA-1') : 'HMAC-SHA-1';
  const cipher = readOid(children(scheme!)[0]!);
  return { name: `PBES2: PBKDF2 ${prfName}, ${iterations} iterations, ${NAMES[cipher] ?? cipher}`, legacy: false };
}

function macName(macData: BerNode): string {
  const [digestInfo, , iterations] = children(macData);
  const alg = readOid(children(children(digestInfo!)[0]!)[0]!);
  return `HMAC ${NAMES[alg] ?? alg}, ${iterations ? readSmallInteger(iterations) : 1} iterations`;
}

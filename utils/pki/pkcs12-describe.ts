/**
 * What a PKCS#12 file holds, read without its passphrase (for `inspect`): which parts are encrypted how, and
 * whether it is the legacy kind (3DES/RC2, SHA-1 MAC) that HISPs and Windows still hand out. Undefined when the
 * bytes are not a PFX (RFC 7292).
 */
import { children, octets, readOid, readRoot, readSmallInteger, type BerNode } from '../cms/ber';
import { isDirectSealError } from '../errors';

const NAMES: Record<string, string> = {
  '1.2.840.113549.1.12.1.3': 'pbeWithSHAAnd3-KeyTripleDES-CBC',
  '1.2.840.113549.1.12.1.5': 'pbeWithSHAAnd128BitRC2-CBC',
  '1.2.840.113549.1.12.1.6': 'pbeWithSHAAnd40BitRC2-CBC',
  '1.2.840.113549.1.5.13': 'PBES2',
  '2.16.840.1.101.3.4.1.42': 'AES-256-CBC',
  '2.16.840.1.101.3.4.1.2': 'AES-128-CBC',
  '1.2.840.113549.3.7': 'DES-EDE3-CBC',
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};
const BAGS: Record<string, string> = {
  '1.2.840.113549.1.12.10.1.1': 'private key (unencrypted)',
  '1.2.840.113549.1.12.10.1.2': 'private key',
  '1.2.840.113549.1.12.10.1.3': 'certificate',
  '1.2.840.113549.1.12.10.1.4': 'CRL',
};
const LEGACY = new Set(['1.2.840.113549.1.12.1.3', '1.2.840.113549.1.12.1.5', '1.2.840.113549.1.12.1.6']);
const DATA = '1.2.840.113549.1.7.1';
const ENCRYPTED_DATA = '1.2.840.113549.1.7.6';

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
    if (readOid(type!) !== DATA) return undefined;
    const authSafe = children(readRoot(octets(children(wrapped!)[0]!)));
    let legacy = false;
    const parts: string[] = [];
    for (const ci of authSafe) {
      const [t, content] = children(ci);
      if (readOid(t!) === ENCRYPTED_DATA) {
        const alg = algorithmName(children(children(children(content!)[0]!)[1]!)[1]!);
        legacy ||= alg.legacy;
        parts.push(`encrypted part (${alg.name})`);
      } else {
        for (const bag of children(readRoot(octets(children(content!)[0]!)))) {
          const [bagId, value] = children(bag);
          const kind = BAGS[readOid(bagId!)] ?? readOid(bagId!);
          if (readOid(bagId!) === '1.2.840.113549.1.12.10.1.2') {
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
  if (id !== '1.2.840.113549.1.5.13' || !params) return { name: NAMES[id] ?? id, legacy: LEGACY.has(id) };
  const [kdf, scheme] = children(params);
  const kdfParams = children(children(kdf!)[1]!);
  const iterations = readSmallInteger(kdfParams[1]!);
  const prf = kdfParams.find((n) => n.tag === 0x30);
  const prfName = prf ? readOid(children(prf)[0]!).replace('1.2.840.113549.2.9', 'HMAC-SHA-256').replace('1.2.840.113549.2.7', 'HMAC-SHA-1') : 'HMAC-SHA-1';
  const cipher = readOid(children(scheme!)[0]!);
  return { name: `PBES2: PBKDF2 ${prfName}, ${iterations} iterations, ${NAMES[cipher] ?? cipher}`, legacy: false };
}

function macName(macData: BerNode): string {
  const [digestInfo, , iterations] = children(macData);
  const alg = readOid(children(children(digestInfo!)[0]!)[0]!);
  return `HMAC ${NAMES[alg] ?? alg}, ${iterations ? readSmallInteger(iterations) : 1} iterations`;
}

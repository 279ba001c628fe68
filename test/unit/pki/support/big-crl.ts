/**
 * A CRL of any size as raw DER, signed once with node:crypto: a big CA's list (a million entries, 27 MB) made in
 * well under a second, so the bound on reading it can be tested in the unit suite.
 */
import { sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { algorithm, lengthBytes, nullValue, sequence, time, tlv } from '../../../../utils/cms/der';
import { OID } from '../../../../utils/cms/oids';
import { parseCertificate } from '../../../../utils/pki/cert';

export interface BigCrlRequest {
  issuerCertificate: Uint8Array;
  issuerKeyPem: string;
  entries: number;
  /** Serials (INTEGER content octets) listed too, in the middle of the others. */
  alsoRevoked?: Uint8Array[];
  nextUpdate?: Date;
  /** The issuer's key is EC: sign with ECDSA-with-SHA-256 (default: SHA-256 with RSA). */
  ecdsa?: boolean;
}

const ENTRY = 27; // 30 19 | 02 08 serial(8) | 17 0d UTCTime(13)

export function bigCrl(r: BigCrlRequest): Uint8Array {
  const issuer = parseCertificate(r.issuerCertificate);
  const when = new TextEncoder().encode('261101120000Z');
  const filler = new Uint8Array(r.entries * ENTRY);
  for (let i = 0, p = 0; i < r.entries; i++, p += ENTRY) {
    filler[p] = 0x30;
    filler[p + 1] = 0x19;
    filler[p + 2] = 0x02;
    filler[p + 3] = 0x08;
    filler[p + 4] = 0x40; // positive, never equal to a real serial of the test PKI (those are random 16+ octets)
    filler[p + 8] = (i >>> 24) & 0xff;
    filler[p + 9] = (i >>> 16) & 0xff;
    filler[p + 10] = (i >>> 8) & 0xff;
    filler[p + 11] = i & 0xff;
    filler[p + 12] = 0x17;
    filler[p + 13] = 0x0d;
    filler.set(when, p + 14);
  }
  const half = Math.floor(r.entries / 2) * ENTRY;
  const extra = (r.alsoRevoked ?? []).map((s) => sequence(tlv(0x02, s), time(new Date(Date.UTC(2026, 0, 2)))));
  const listBody = [filler.subarray(0, half), ...extra, filler.subarray(half)];
  const listLength = listBody.reduce((n, b) => n + b.length, 0);
  const list = new Uint8Array(1 + lengthBytes(listLength).length + listLength);
  list[0] = 0x30;
  list.set(lengthBytes(listLength), 1);
  let at = 1 + lengthBytes(listLength).length;
  for (const b of listBody) {
    list.set(b, at);
    at += b.length;
  }
  const sigAlg = r.ecdsa ? algorithm(OID.ecdsaWithSha256) : algorithm(OID.sha256WithRsa, nullValue());
  const tbs = sequence(
    Uint8Array.of(0x02, 0x01, 0x01),
    sigAlg,
    issuer.subjectRaw,
    time(new Date(Date.now() - 86_400_000)),
    time(r.nextUpdate ?? new Date(Date.now() + 30 * 86_400_000)),
    list,
  );
  const signature = sign('sha256', tbs, readFileSync(r.issuerKeyPem));
  return sequence(tbs, sigAlg, tlv(0x03, Uint8Array.of(0), signature));
}

/** The DNS wire format, owner names and resolver rule on their own: exact bytes, and hostile answers refused. */
import { describe, expect, it } from 'vitest';
import { isDirectSealError } from '../../../utils/errors';
import { ownerNames } from '../../../utils/discovery/names';
import { normalizeResolver } from '../../../utils/discovery/resolver';
import { base64Url, decodeMessage, encodeQuery, parseCertRdata, TYPE_CERT } from '../../../utils/discovery/wire';

/** An answer: header, the question, then records (uncompressed owner names unless given as bytes). */
function answer(opts: { id?: number; flags?: number; records: { owner: number[]; type: number; ttl: number; rdata: number[] }[] }): Uint8Array {
  const q = [...encodeQuery('a.b', TYPE_CERT).subarray(12)];
  const out = [...u16(opts.id ?? 0), ...u16(opts.flags ?? 0x8180), 0, 1, ...u16(opts.records.length), 0, 0, 0, 0, ...q];
  for (const r of opts.records) out.push(...r.owner, ...u16(r.type), 0, 1, ...u32(r.ttl), ...u16(r.rdata.length), ...r.rdata);
  return new Uint8Array(out);
}
const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const u32 = (n: number) => [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
const refused = (f: () => unknown, code: string) => {
  try {
    f();
  } catch (e) {
    expect(isDirectSealError(e) && e.code).toBe(code);
    return;
  }
  throw new Error('not refused');
};

describe('DNS wire format', () => {
  it('encodes the query curl and BIND were checked with (dr.adams.direct.clinic.test CERT, id 0)', () => {
    expect(base64Url(encodeQuery('dr.adams.direct.clinic.test', TYPE_CERT))).toBe('AAABAAABAAAAAAAAAmRyBWFkYW1zBmRpcmVjdAZjbGluaWMEdGVzdAAAJQAB');
  });

  it('adds an EDNS(0) OPT record with the UDP payload size when asked', () => {
    const q = encodeQuery('a.b', TYPE_CERT, { id: 0x1234, udpPayloadSize: 1232 });
    expect([...q.subarray(0, 2)]).toEqual([0x12, 0x34]);
    expect([...q.subarray(10, 12)]).toEqual([0, 1]);
    expect([...q.subarray(-11)]).toEqual([0, 0, 41, 0x04, 0xd0, 0, 0, 0, 0, 0, 0]);
  });

  it('reads CERT records, compressed owner names, TTL and the truncation flag', () => {
    const m = decodeMessage(answer({ flags: 0x8380, records: [{ owner: [0xc0, 12], type: TYPE_CERT, ttl: 300, rdata: [0, 1, 0, 0, 0, 0x30, 0x03] }] }));
    expect(m.truncated).toBe(true);
    expect(m.rcode).toBe(0);
    expect(m.answers[0]).toMatchObject({ name: 'a.b', type: TYPE_CERT, ttl: 300 });
    expect(parseCertRdata(m.answers[0]!.rdata)).toMatchObject({ certType: 1, keyTag: 0, algorithm: 0, data: new Uint8Array([0x30, 0x03]) });
    expect(decodeMessage(answer({ flags: 0x8183, records: [] })).rcode).toBe(3);
  });

  it('refuses answers that run past the end, loop, or are not responses', () => {
    refused(() => decodeMessage(answer({ records: [{ owner: [0xc0, 12], type: TYPE_CERT, ttl: 1, rdata: [1, 2, 3] }] }).subarray(0, -1)), 'DISCOVERY_FAILED');
    // A pointer to itself: a loop, not a hang.
    const loop = answer({ records: [{ owner: [0xc0, 0], type: TYPE_CERT, ttl: 1, rdata: [] }] });
    const at = loop.length - 12;
    loop[at] = 0xc0;
    loop[at + 1] = at;
    refused(() => decodeMessage(loop), 'DISCOVERY_FAILED');
    refused(() => decodeMessage(answer({ flags: 0x0100, records: [] })), 'DISCOVERY_FAILED');
    refused(() => decodeMessage(new Uint8Array(5)), 'DISCOVERY_FAILED');
    refused(() => parseCertRdata(new Uint8Array([0, 1, 0])), 'DISCOVERY_FAILED');
  });

  it('refuses names with empty or over-long labels', () => {
    refused(() => encodeQuery('a..b', TYPE_CERT), 'DISCOVERY_ADDRESS');
    refused(() => encodeQuery(`${'x'.repeat(64)}.b`, TYPE_CERT), 'DISCOVERY_ADDRESS');
  });
});

describe('owner names (the Direct RI way)', () => {
  it('the address-bound name first ("@" becomes "."), then the domain; lower case', () => {
    expect(ownerNames(' Dr.Adams@Direct.Clinic.Test ')).toEqual([
      { name: 'dr.adams.direct.clinic.test', kind: 'address' },
      { name: 'direct.clinic.test', kind: 'domain' },
    ]);
  });
  it('an internationalized domain is looked up in its ASCII (IDNA) form', () => {
    expect(ownerNames('arzt@praxis-müller.de').map((o) => o.name)).toEqual(['arzt.xn--praxis-mller-klb.de', 'xn--praxis-mller-klb.de']);
  });
  it('refuses what is not an address', () => {
    for (const a of ['nobody', '@x.test', 'a@b', 'a b@x.test', 'a..b@x.test', '.a@x.test', 'a@x.test:53', 'a@x.test/y', 'a@x.test?y', 'a@x.test#y', 'a@x%2e.test']) refused(() => ownerNames(a), 'DISCOVERY_ADDRESS');
  });
});

describe('resolver rule', () => {
  it('https anywhere; http only on this computer', () => {
    expect(normalizeResolver('https://dns.example.org/dns-query')).toEqual({ url: 'https://dns.example.org/dns-query' });
    expect(normalizeResolver('http://127.0.0.1:8500/dns-query')).toEqual({ url: 'http://127.0.0.1:8500/dns-query' });
    expect(normalizeResolver('http://localhost/dns-query')).toEqual({ url: 'http://localhost/dns-query' });
    expect(normalizeResolver('http://dns.example.org/dns-query')).toHaveProperty('error');
    expect(normalizeResolver('http://127.0.0.1.evil.test/dns-query')).toHaveProperty('error');
    expect(normalizeResolver('ftp://dns.example.org/')).toHaveProperty('error');
    expect(normalizeResolver('dns.example.org')).toHaveProperty('error');
    expect(normalizeResolver('https://u:p@dns.example.org/')).toHaveProperty('error');
  });
});

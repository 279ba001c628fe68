/**
 * Certificate discovery the Direct way (Applicability Statement 1.2 section 5; DCDT): DNS CERT records at the
 * address-bound name, then at the domain; PKIX records carry the certificate, IPKIX records the URL of one.
 * Each certificate found is judged (bound to the address, then the caller's judgement: chain to an anchor,
 * validity, key usage) before anyone may encrypt to it. Pure: the DNS transport and the URL fetch are passed in.
 */
import { DirectSealError, type ErrorCode } from '../errors';
import { fromUtf8 } from '../bytes';
import { directBinding, readCertificates } from '../pki';
import { parseCertificate } from '../pki/cert';
import { ownerNames, type OwnerName } from './names';
import { CERT_IPKIX, CERT_PKIX, TYPE_CERT, parseCertRdata, type DnsMessage } from './wire';

export interface DnsTransport {
  /** For messages: how the questions are asked. */
  describe: string;
  /** One question; `via` says how it was finally answered (e.g. "TCP after a truncated UDP answer"). */
  exchange(name: string, type: number): Promise<{ message: DnsMessage; via: string }>;
}

/** Fetches an IPKIX URL's bytes (http/https only; the caller caps the size). */
export type FetchUrl = (url: string) => Promise<Uint8Array>;

/** The caller's judgement of a certificate bound to the address; `pool` holds everything found at the name. */
export type Judge = (der: Uint8Array, pool: Uint8Array[]) => Promise<{ usable: boolean; code?: ErrorCode; detail?: string }>;

export interface FoundCertificate {
  der: Uint8Array;
  /** The DNS name whose CERT record held it (or the URL it named). */
  owner: string;
  kind: OwnerName['kind'];
  record: 'PKIX' | 'IPKIX';
  /** IPKIX: where the certificate was fetched from. */
  url?: string;
  /** Seconds the record may be kept (its TTL). */
  ttl: number;
  via: string;
  /** The other certificates published at the same name (its CA certificates, as the chain to an anchor). */
  chain: Uint8Array[];
  usable: boolean;
  /** Why it cannot be used. */
  code?: ErrorCode;
  detail?: string;
}

export interface Discovery {
  address: string;
  /** Every end-entity certificate found, usable or not, in the order found. */
  found: FoundCertificate[];
  /** What went wrong on the way (a resolver failure, an IPKIX URL that did not answer, an unknown record type). */
  notes: string[];
  /** A resolver failure prevented a complete answer. */
  failed: boolean;
}

export interface DiscoverOptions {
  transport: DnsTransport;
  fetchUrl: FetchUrl;
  judge: Judge;
}

const MAX_IPKIX_BYTES = 256 * 1024;

export async function discoverCertificates(address: string, options: DiscoverOptions): Promise<Discovery> {
  const out: Discovery = { address: address.trim().toLowerCase(), found: [], notes: [], failed: false };
  for (const owner of ownerNames(address)) {
    let records: { der: Uint8Array; record: 'PKIX' | 'IPKIX'; url?: string; ttl: number; via: string }[];
    try {
      records = await certificatesAt(owner.name, options, out.notes);
    } catch (e) {
      out.failed = true;
      out.notes.push(`${owner.name}: ${e instanceof DirectSealError ? (e.detail ?? e.sentence) : String(e)}`);
      continue;
    }
    const pool = records.map((r) => r.der);
    for (const r of records) {
      // CA certificates published beside the leaf are its chain, not candidates.
      if (isCa(r.der)) continue;
      const judged = await judgeOne(out.address, r.der, pool, options.judge);
      out.found.push({ ...r, owner: owner.name, kind: owner.kind, chain: pool.filter((d) => d !== r.der), ...judged });
    }
    // The address-bound name decides when it holds a usable certificate; otherwise the domain may.
    if (out.found.some((f) => f.usable)) break;
  }
  return out;
}

/** The usable certificates, or the error that says why there are none. */
export function usableOrThrow(d: Discovery): FoundCertificate[] {
  const usable = d.found.filter((f) => f.usable);
  if (usable.length) return usable;
  const why = [...d.found.map((f) => `${f.owner}: ${f.code}${f.detail ? ` (${f.detail})` : ''}`), ...d.notes].join('; ');
  if (d.found.length) throw new DirectSealError('DISCOVERY_UNUSABLE', why);
  if (d.failed) throw new DirectSealError('DISCOVERY_FAILED', why);
  throw new DirectSealError('DISCOVERY_NOT_FOUND', why || `no CERT record at ${ownerNames(d.address).map((o) => o.name).join(' or ')}`);
}

async function judgeOne(address: string, der: Uint8Array, pool: Uint8Array[], judge: Judge): Promise<{ usable: boolean; code?: ErrorCode; detail?: string }> {
  let binding;
  try {
    binding = directBinding(der, address);
  } catch (e) {
    return { usable: false, code: 'NOT_A_CERTIFICATE', detail: (e as Error).message };
  }
  if (!binding) {
    const c = parseCertificate(der);
    return { usable: false, code: 'CERT_ADDRESS_MISMATCH', detail: `bound to ${[...c.emails, ...c.dnsNames].join(', ') || 'no address'}, not ${address}` };
  }
  return judge(der, pool);
}

function isCa(der: Uint8Array): boolean {
  try {
    return parseCertificate(der).basicConstraints?.ca === true;
  } catch {
    return false;
  }
}

async function certificatesAt(name: string, options: DiscoverOptions, notes: string[]) {
  const { message, via } = await options.transport.exchange(name, TYPE_CERT);
  // NXDOMAIN: nothing there. Other failures are the resolver's (SERVFAIL, REFUSED).
  if (message.rcode === 3) return [];
  if (message.rcode !== 0) throw new DirectSealError('DISCOVERY_FAILED', `rcode ${message.rcode} from ${via}`);
  if (message.truncated) throw new DirectSealError('DISCOVERY_FAILED', `the answer was truncated (${via})`);
  const out: { der: Uint8Array; record: 'PKIX' | 'IPKIX'; url?: string; ttl: number; via: string }[] = [];
  for (const rr of message.answers) {
    if (rr.type !== TYPE_CERT) continue;
    const cert = parseCertRdata(rr.rdata);
    if (cert.certType === CERT_PKIX) {
      for (const der of readOrNote(cert.data, `${name} PKIX`, notes)) out.push({ der, record: 'PKIX', ttl: rr.ttl, via });
    } else if (cert.certType === CERT_IPKIX) {
      const url = fromUtf8(cert.data).trim();
      const bytes = await fetchIpkix(url, options.fetchUrl, notes);
      if (bytes) for (const der of readOrNote(bytes, `${name} IPKIX ${url}`, notes)) out.push({ der, record: 'IPKIX', url, ttl: rr.ttl, via });
    } else {
      notes.push(`${name}: CERT type ${cert.certType} is not one Direct uses (PKIX or IPKIX); ignored`);
    }
  }
  return out;
}

function readOrNote(bytes: Uint8Array, where: string, notes: string[]): Uint8Array[] {
  try {
    return readCertificates(bytes);
  } catch {
    notes.push(`${where}: not a certificate`);
    return [];
  }
}

async function fetchIpkix(url: string, fetchUrl: FetchUrl, notes: string[]): Promise<Uint8Array | undefined> {
  if (!/^https?:\/\//i.test(url)) {
    notes.push(`IPKIX ${JSON.stringify(url.slice(0, 200))}: only http:// and https:// URLs are fetched`);
    return undefined;
  }
  try {
    const bytes = await fetchUrl(url);
    if (bytes.length > MAX_IPKIX_BYTES) {
      notes.push(`IPKIX ${url}: larger than a certificate (${bytes.length} bytes)`);
      return undefined;
    }
    return bytes;
  } catch (e) {
    notes.push(`IPKIX ${url}: ${(e as Error).message}`);
    return undefined;
  }
}

/** An IPKIX fetch through `fetch`: no credentials, a time limit, and a size cap. */
export function fetchUrlWith(fetchFn: (url: string, init?: RequestInit) => Promise<Response>): FetchUrl {
  return async (url) => {
    const res = await fetchFn(url, { credentials: 'omit', redirect: 'error', signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const length = Number(res.headers.get('content-length') ?? 0);
    if (length > MAX_IPKIX_BYTES) throw new Error(`larger than a certificate (${length} bytes)`);
    return new Uint8Array(await res.arrayBuffer());
  };
}

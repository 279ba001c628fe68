/**
 * Fetching issuers (AIA caIssuers) and CRLs for ./online-path.ts: over `fetch` without credentials, with a time
 * limit and a size cap, and cached where the caller keeps a cache: an issuer until it expires (at most a week),
 * a CRL until its nextUpdate (at most a week; an hour when it names none or one already past).
 */
import { DirectSealError } from '../errors';
import { readCertificates } from './certificates';
import { parseCertificate } from './cert';
import { readCrl } from './crl';
import type { PkiFetch, PkiFetchKind } from './online-path';

const MAX_BYTES: Record<PkiFetchKind, number> = { issuer: 1024 * 1024, crl: 32 * 1024 * 1024 };
const TIMEOUT_MS = 10_000;
const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;

export interface CachedFetch {
  bytes: Uint8Array;
  /** Epoch ms after which the bytes are fetched again. */
  until: number;
}

/** Where fetched bytes are kept between messages (the extension: storage.local; the CLI: memory). */
export interface PkiFetchCache {
  get(url: string): Promise<CachedFetch | undefined>;
  set(url: string, entry: CachedFetch): Promise<void>;
}

type FetchFn = (url: string, init?: RequestInit) => Promise<Response>;

/** A PkiFetch over `fetchFn`: no cookies, no referrer, 10 s, and no more bytes than an issuer or a CRL needs. */
export function networkPkiFetch(fetchFn: FetchFn): PkiFetch {
  return async (url, kind) => {
    const tooBig = (n: number) => new DirectSealError('FETCH_FAILED', `${n} bytes, more than ${kind === 'crl' ? 'a CRL' : 'an issuer'} may be`);
    let res: Response;
    try {
      res = await fetchFn(url, { credentials: 'omit', referrerPolicy: 'no-referrer', signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (e) {
      // The browser says only "Failed to fetch": no answer, or not allowed to read it (no host permission).
      throw new DirectSealError('FETCH_FAILED', `no answer (${(e as Error).message})`);
    }
    if (!res.ok) throw new DirectSealError('FETCH_FAILED', `HTTP ${res.status}`);
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (declared > MAX_BYTES[kind]) throw tooBig(declared);
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes.length > MAX_BYTES[kind]) throw tooBig(bytes.length);
    return bytes;
  };
}

/** `fetch` behind `cache`: only what reads as the kind asked for is kept. */
export function cachedPkiFetch(fetch: PkiFetch, cache: PkiFetchCache, now: () => number): PkiFetch {
  return async (url, kind) => {
    const key = `${kind} ${url}`;
    const kept = await cache.get(key).catch(() => undefined);
    if (kept && kept.until > now()) return kept.bytes;
    const bytes = await fetch(url, kind);
    const until = keepUntil(bytes, kind, now());
    if (until !== undefined) await cache.set(key, { bytes, until }).catch(() => undefined);
    return bytes;
  };
}

/** How long fetched bytes stay good; undefined for bytes that are not what was asked for (not cached). */
export function keepUntil(bytes: Uint8Array, kind: PkiFetchKind, now: number): number | undefined {
  try {
    if (kind === 'crl') {
      const next = readCrl(bytes).nextUpdate?.getTime();
      return next !== undefined && next > now ? Math.min(next, now + WEEK) : now + HOUR;
    }
    const notAfter = parseCertificate(readCertificates(bytes)[0]!).notAfter.getTime();
    return Math.max(now, Math.min(notAfter, now + WEEK));
  } catch {
    return undefined;
  }
}

/** A cache in memory, for one run of the CLI. */
export function memoryPkiFetchCache(): PkiFetchCache {
  const entries = new Map<string, CachedFetch>();
  return {
    get: async (url) => entries.get(url),
    set: async (url, entry) => void entries.set(url, entry),
  };
}

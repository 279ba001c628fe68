/**
 * DNS over HTTPS (RFC 8484): the query as `application/dns-message` in a GET (`?dns=` base64url, id 0),
 * which carries an answer of any size and, unlike a POST, needs no CORS preflight. `fetch` is passed in.
 */
import { DirectSealError } from '../errors';
import { base64Url, decodeMessage, encodeQuery, type DnsMessage } from './wire';
import type { DnsTransport } from './discover';

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

const TIMEOUT_MS = 10_000;

export function dohTransport(resolver: string, fetchFn: Fetch): DnsTransport {
  return {
    describe: `DNS-over-HTTPS ${resolver}`,
    async exchange(name, type): Promise<{ message: DnsMessage; via: string }> {
      const url = new URL(resolver);
      url.searchParams.set('dns', base64Url(encodeQuery(name, type, { id: 0 })));
      let res: Response;
      try {
        res = await fetchFn(url.toString(), {
          headers: { accept: 'application/dns-message' },
          credentials: 'omit',
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      } catch (e) {
        throw new DirectSealError('DISCOVERY_FAILED', `${resolver}: ${(e as Error).message}`, { cause: e });
      }
      if (!res.ok) throw new DirectSealError('DISCOVERY_FAILED', `${resolver} answered HTTP ${res.status}`);
      const body = new Uint8Array(await res.arrayBuffer());
      // A DNS message is at most 65,535 bytes (its TCP length prefix is 16 bits): anything larger is not one.
      if (body.length > 65_535) throw new DirectSealError('DISCOVERY_FAILED', `${resolver} answered ${body.length} bytes, more than a DNS message can be`);
      const message = decodeMessage(body);
      return { message, via: `DNS-over-HTTPS ${resolver}` };
    },
  };
}

/**
 * Path validation that also fetches what the certificates point to (DCDT D17, D18): a missing issuer from the
 * Authority Information Access caIssuers URL, and the CRL from each distribution point of a path that reaches a
 * trust anchor. A fetch that fails is said in the result's warnings; it never makes a trusted path untrusted
 * nor an untrusted one trusted (an unreadable fetched CRL is a warning, where a CRL the user gave is a problem).
 *
 * CRLs are fetched only for a path that ends at an anchor: the distribution point was then written by a CA the
 * user trusts. An issuer URL is the unverified sender's word, and fetching it tells its server the message was
 * opened (as OCSP does in any mail client): the caller decides whether to fetch at all (a practice setting).
 */
import { equalBytes } from '../bytes';
import { errorDetail } from '../cms/ber';
import { readCertificates } from './certificates';
import { parseCertificate } from './cert';
import { readCrl } from './crl';
import { caIssuersUrls, crlDistributionUrls } from './locations';
import { warning, type Warning } from './warnings';
import { certificateMissingItsIssuer, validateCertificatePath, type PathRequest, type PathResult } from './path';

export type PkiFetchKind = 'issuer' | 'crl';

/** The bytes at `url` (cached or not: the caller's choice); throws an Error saying why not. */
export type PkiFetch = (url: string, kind: PkiFetchKind) => Promise<Uint8Array>;

/** Issuers fetched one after another for one path: a real chain has one or two intermediates. */
const MAX_ISSUER_FETCHES = 3;

export async function validateCertificatePathOnline(request: PathRequest, fetch?: PkiFetch): Promise<PathResult> {
  if (!fetch) return validateCertificatePath(request);
  const notes: Warning[] = [];
  const intermediates = [...request.intermediates];
  let result = await validateCertificatePath({ ...request, intermediates });
  for (let round = 0; round < MAX_ISSUER_FETCHES && result.problems.some((p) => p.code === 'ISSUER_MISSING'); round++) {
    const found = await fetchIssuer({ ...request, intermediates }, fetch, notes);
    if (found.length === 0) break;
    intermediates.push(...found);
    result = await validateCertificatePath({ ...request, intermediates });
  }
  if (result.chain.length > 1) {
    const crls = await fetchCrls(result.chain, fetch, notes);
    if (crls.length > 0) result = await validateCertificatePath({ ...request, intermediates, crls: [...(request.crls ?? []), ...crls] });
  }
  return { ...result, warnings: [...result.warnings, ...notes], ...(notes.length ? { notFetched: notes } : {}) };
}

async function fetchIssuer(request: PathRequest, fetch: PkiFetch, notes: Warning[]): Promise<Uint8Array[]> {
  const orphan = certificateMissingItsIssuer(request);
  if (!orphan) return [];
  const urls = caIssuersUrls(orphan);
  for (const url of urls) {
    try {
      const found = readCertificates(await fetch(url, 'issuer'));
      const fresh = found.filter((der) => !request.intermediates.some((i) => equalBytes(i, der)));
      if (fresh.length > 0) return fresh;
      notes.push(warning('ISSUER_FETCHED_NO_HELP', { subject: orphan.subject, url }));
    } catch (e) {
      notes.push(warning('ISSUER_NOT_FETCHED', { subject: orphan.subject, url, detail: errorDetail(e) }));
    }
  }
  return [];
}

/** The CRL of every certificate of the path but the anchor, from its first distribution point that answers. */
async function fetchCrls(chain: Uint8Array[], fetch: PkiFetch, notes: Warning[]): Promise<Uint8Array[]> {
  const crls: Uint8Array[] = [];
  for (const der of chain.slice(0, -1)) {
    const cert = parseCertificate(der);
    const failures: string[] = [];
    for (const url of crlDistributionUrls(cert)) {
      try {
        const crl = await fetch(url, 'crl');
        readCrl(crl); // a damaged download is a failed fetch, not a problem of the certificate
        crls.push(crl);
        failures.length = 0;
        break;
      } catch (e) {
        failures.push(`${url}: ${errorDetail(e)}`);
      }
    }
    if (failures.length > 0) notes.push(warning('CRL_NOT_FETCHED', { subject: cert.subject, failures: failures.join('; ') }));
  }
  return crls;
}


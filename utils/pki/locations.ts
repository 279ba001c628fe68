/**
 * Where a certificate says its issuer and its revocation list can be fetched (RFC 5280 4.2.2.1 and 4.2.1.13):
 * the caIssuers URIs of Authority Information Access and the full-name URIs of the CRL distribution points.
 * Only http(s) URIs are returned (ldap: cannot be reached from a browser); a damaged extension yields none.
 */
import { children, readExact, readOid, value, type BerNode } from '../cms/ber';
import { latin1 } from '../bytes';
import { OID } from '../cms/oids';
import type { ParsedCert } from './cert';

/** GeneralName uniformResourceIdentifier: [6] IMPLICIT IA5String. */
const URI_TAG = 0x86;
/** A certificate names a handful; more is not a real certificate's doing. */
const MAX_URLS = 4;

export function caIssuersUrls(cert: ParsedCert): string[] {
  return fetchable(
    readExtension(cert, OID.authorityInfoAccess, (aia) =>
      children(aia).flatMap((access) => {
        const [method, location] = children(access);
        return readOid(method) === OID.caIssuers && location?.tag === URI_TAG ? [uri(location)] : [];
      }),
    ),
  );
}

export function crlDistributionUrls(cert: ParsedCert): string[] {
  return fetchable(
    readExtension(cert, OID.crlDistributionPoints, (points) =>
      children(points).flatMap((point) => {
        // DistributionPoint.distributionPoint [0] (a CHOICE, so explicit) holding fullName [0] GeneralNames.
        const name = children(point).find((n) => n.tag === 0xa0);
        const fullName = children(name).find((n) => n.tag === 0xa0);
        return children(fullName)
          .filter((n) => n.tag === URI_TAG)
          .map(uri);
      }),
    ),
  );
}

function readExtension(cert: ParsedCert, oid: string, read: (root: BerNode) => string[]): string[] {
  const ext = cert.extensions.get(oid);
  if (!ext) return [];
  try {
    return read(readExact(ext.value));
  } catch {
    return [];
  }
}

const uri = (node: BerNode): string => latin1(value(node));

function fetchable(urls: string[]): string[] {
  return [...new Set(urls.filter((u) => /^https?:\/\/[^\s]+$/i.test(u)))].slice(0, MAX_URLS);
}

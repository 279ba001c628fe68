/**
 * Direct rules for a certificate's use: binding to a Direct address (Applicability Statement 1.2 section 4:
 * an address-bound certificate names the address as rfc822Name; an organizational one names the address's
 * domain as dNSName), and key usage for signing and for encryption.
 */
import { OID } from '../cms/oids';
import { parseCertificate, type ParsedCert } from './cert';

export type Binding = 'address' | 'domain';

const EMAIL_PROTECTION = OID.emailProtection;
const ANY_EXTENDED_KEY_USAGE = OID.anyExtendedKeyUsage;

/** How the certificate is bound to `address`, or null when it is not. */
export function directBinding(cert: Uint8Array | ParsedCert, address: string): Binding | null {
  const c = cert instanceof Uint8Array ? parseCertificate(cert) : cert;
  const wanted = address.trim().toLowerCase();
  if (c.emails.includes(wanted)) return 'address';
  const at = wanted.lastIndexOf('@');
  const domain = at >= 0 ? wanted.slice(at + 1) : wanted;
  if (c.emails.length === 0 && c.dnsNames.includes(domain)) return 'domain';
  // An address only in the subject DN (emailAddress) does not bind (Applicability Statement v1.3).
  return null;
}

/** The Direct address or domain a certificate is bound to, for display and for contact lookup. */
export function boundAddresses(cert: Uint8Array | ParsedCert): string[] {
  const c = cert instanceof Uint8Array ? parseCertificate(cert) : cert;
  if (c.emails.length) return [...c.emails];
  return [...c.dnsNames];
}

/** May the key make S/MIME signatures? (no keyUsage extension means no restriction) */
export function checkSigningKeyUsage(cert: Uint8Array | ParsedCert): boolean {
  const c = cert instanceof Uint8Array ? parseCertificate(cert) : cert;
  const usage = !c.keyUsage || c.keyUsage.has('digitalSignature') || c.keyUsage.has('nonRepudiation');
  return usage && allowsEmail(c);
}

/** May the key receive RSA key transport? */
export function checkEncryptionKeyUsage(cert: Uint8Array | ParsedCert): boolean {
  const c = cert instanceof Uint8Array ? parseCertificate(cert) : cert;
  return (!c.keyUsage || c.keyUsage.has('keyEncipherment')) && allowsEmail(c);
}

function allowsEmail(c: ParsedCert): boolean {
  return !c.extKeyUsage || c.extKeyUsage.includes(EMAIL_PROTECTION) || c.extKeyUsage.includes(ANY_EXTENDED_KEY_USAGE);
}

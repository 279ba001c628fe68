/**
 * Where Direct publishes a certificate in DNS (Applicability Statement 1.2 section 5.1, RFC 4398 section 3):
 * first the address-bound name, the address with its "@" turned into "." (`dr.adams@direct.clinic.test` is
 * `dr.adams.direct.clinic.test`, the dot of the local part becoming a label separator as the Direct RI does),
 * then the domain itself for an organization's certificate.
 */
import { DirectSealError } from '../errors';

export interface OwnerName {
  name: string;
  /** What a certificate found there should be bound to. */
  kind: 'address' | 'domain';
}

export function ownerNames(address: string): OwnerName[] {
  const a = address.trim().toLowerCase();
  const at = a.lastIndexOf('@');
  const local = a.slice(0, at);
  const label = /^[^\s.@]+(\.[^\s.@]+)*$/;
  if (at <= 0 || !label.test(local) || !label.test(a.slice(at + 1)) || !a.slice(at + 1).includes('.')) {
    throw new DirectSealError('DISCOVERY_ADDRESS', `"${address}"`);
  }
  const domain = asciiDomain(a.slice(at + 1), address);
  return [
    { name: `${local}.${domain}`, kind: 'address' },
    { name: domain, kind: 'domain' },
  ];
}

/** An internationalized domain as DNS has it (IDNA: `praxis-müller.de` is `xn--praxis-mller-klb.de`). */
function asciiDomain(domain: string, address: string): string {
  // What a URL would read as a port, path, query or credentials is never part of a domain.
  if (/[:/?#\\[\]%@]/.test(domain)) throw new DirectSealError('DISCOVERY_ADDRESS', `"${address}"`);
  try {
    return new URL(`http://${domain}`).hostname;
  } catch {
    throw new DirectSealError('DISCOVERY_ADDRESS', `"${address}"`);
  }
}

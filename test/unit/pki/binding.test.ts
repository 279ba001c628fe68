/** Direct address binding: rfc822Name or the domain's dNSName; never an address only in the subject DN. */
import { describe, expect, it } from 'vitest';
import { boundAddresses, directBinding, readCertificates } from '../../../utils/pki';
import { openssl } from '../../support/pki-fixture';

function selfSigned(subject: string, ...extensions: string[]): Uint8Array {
  const pem = openssl([
    'req', '-x509', '-newkey', 'rsa:2048', '-noenc', '-keyout', '/dev/null', '-days', '2', '-subj', subject,
    ...extensions.flatMap((e) => ['-addext', e]),
  ]);
  return readCertificates(new Uint8Array(pem))[0]!;
}

describe('directBinding', () => {
  it('does not bind an address that is only in the subject DN (Applicability Statement v1.3)', () => {
    const cert = selfSigned('/CN=Old Style/emailAddress=old@clinic.test');
    expect(directBinding(cert, 'old@clinic.test')).toBeNull();
    expect(boundAddresses(cert)).toEqual([]);
  });

  it('binds by rfc822Name, case-insensitively, and by the domain for an organization certificate', () => {
    const person = selfSigned('/CN=Person', 'subjectAltName=email:Dr.Who@Clinic.test');
    expect(directBinding(person, 'dr.who@clinic.test')).toBe('address');
    expect(directBinding(person, 'other@clinic.test')).toBeNull();
    const org = selfSigned('/CN=Clinic', 'subjectAltName=DNS:clinic.test');
    expect(directBinding(org, 'anyone@clinic.test')).toBe('domain');
    expect(directBinding(org, 'anyone@evilclinic.test')).toBeNull();
  });
});

/**
 * A new Direct identity: an RSA key pair and a PKCS#10 request that names the Direct address as
 * subjectAltName rfc822Name (what Direct CAs and HISPs bind), for the practice to send to its CA.
 */
import { OID } from '../cms/oids';
import { getCrypto, subtle } from '../crypto';
import { DirectSealError } from '../errors';
import { toPem } from './pem';
import { x509 } from './x509';

export interface IdentityRequestOptions {
  /** The Direct address, e.g. dr.jones@direct.smallpractice.example. */
  address: string;
  /** The person's or the practice's name for the subject CN; the address when absent. */
  commonName?: string;
  organization?: string;
  modulusLength?: 2048 | 3072;
}

export interface IdentityRequest {
  /** Unencrypted PKCS#8; the caller turns it into a backup and a non-extractable key, then zeroes it. */
  privateKeyPkcs8: Uint8Array;
  csrDer: Uint8Array;
  csrPem: string;
}

const ADDRESS = /^[^\s@<>()",;:]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

export async function generateIdentityRequest(options: IdentityRequestOptions): Promise<IdentityRequest> {
  const address = options.address.trim().toLowerCase();
  if (!ADDRESS.test(address)) throw new DirectSealError('USAGE', `"${options.address}" is not a Direct address`);
  const algorithm = {
    name: 'RSASSA-PKCS1-v1_5',
    hash: 'SHA-256',
    publicExponent: new Uint8Array([1, 0, 1]),
    modulusLength: options.modulusLength ?? 2048,
  };
  const keys = (await subtle().generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const name: Record<string, string[]>[] = [{ CN: [options.commonName?.trim() || address] }];
  if (options.organization?.trim()) name.push({ O: [options.organization.trim()] });
  const csr = await x509.Pkcs10CertificateRequestGenerator.create(
    {
      name,
      keys,
      signingAlgorithm: algorithm,
      extensions: [
        new x509.SubjectAlternativeNameExtension([{ type: 'email', value: address }]),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
        new x509.ExtendedKeyUsageExtension([OID.emailProtection]),
      ],
    },
    getCrypto(),
  );
  const privateKeyPkcs8 = new Uint8Array(await subtle().exportKey('pkcs8', keys.privateKey));
  const csrDer = new Uint8Array(csr.rawData);
  return { privateKeyPkcs8, csrDer, csrPem: toPem('CERTIFICATE REQUEST', csrDer) };
}

/**
 * A practice's own small CA, for patients who have no HISP: the practice makes a CA certificate once, and
 * issues each patient a certificate bound to the patient's own e-mail address from the patient's request
 * (PKCS#10), after checking the patient's identity its usual way. The patient's key never leaves the
 * patient's browser; the practice's CA key stays in the practice's custody like any identity key.
 *
 * Profiles follow the Direct Applicability Statement and RFC 5280: the CA has basicConstraints cA (critical)
 * and keyCertSign/cRLSign; an issued certificate has the address as subjectAltName rfc822Name,
 * digitalSignature + keyEncipherment (critical), emailProtection, and the key identifiers that chain it.
 */
import { OID } from '../cms/oids';
import { getCrypto, randomBytes, subtle } from '../crypto';
import { latin1, toHex } from '../bytes';
import { DirectSealError } from '../errors';
import { pemBlocks } from './pem';
import { x509 } from './x509';

const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 60 * 60 * 1000;
const ADDRESS = /^[^\s@<>()",;:]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

export interface PracticeCaOptions {
  /** The practice's name, as patients know it: "Lakeside Family Practice". */
  practiceName: string;
  validYears?: number;
  modulusLength?: 2048 | 3072 | 4096;
  now?: Date;
}

export interface IssuerKey {
  certificate: Uint8Array;
  privateKeyPkcs8: Uint8Array;
}

/** A new CA key and its self-signed certificate. The caller keeps the PKCS#8 in custody and zeroes it. */
export async function createPracticeCa(options: PracticeCaOptions): Promise<IssuerKey> {
  const name = options.practiceName.trim();
  if (name.length < 2 || name.length > 64) throw new DirectSealError('USAGE', 'the practice name needs 2 to 64 characters');
  const keys = (await subtle().generateKey(
    { ...RSA_SHA256, publicExponent: new Uint8Array([1, 0, 1]), modulusLength: options.modulusLength ?? 3072 },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const now = options.now ?? new Date();
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: serial(),
      name: [{ CN: [`${name} Patient CA`] }, { O: [name] }],
      notBefore: new Date(now.getTime() - 5 * 60_000),
      notAfter: new Date(now.getTime() + (options.validYears ?? 10) * 365 * DAY_MS),
      keys,
      signingAlgorithm: RSA_SHA256,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, getCrypto()),
      ],
    },
    getCrypto(),
  );
  return { certificate: new Uint8Array(cert.rawData), privateKeyPkcs8: new Uint8Array(await subtle().exportKey('pkcs8', keys.privateKey)) };
}

export interface IssueOptions {
  ca: IssuerKey;
  /** The patient's PKCS#10 request, PEM or DER: its signature proves they hold the key. */
  request: Uint8Array;
  /** The address to bind; must be the one the request names, when it names one. */
  address: string;
  /** The patient's name for the subject CN; the request's CN or the address when absent. */
  commonName?: string;
  validDays?: number;
  now?: Date;
}

/** A certificate for the request's key, bound to `address`, signed by the practice CA. */
export async function issueCertificate(options: IssueOptions): Promise<Uint8Array> {
  const address = options.address.trim().toLowerCase();
  if (!ADDRESS.test(address)) throw new DirectSealError('USAGE', `"${options.address}" is not an e-mail address`);
  const csr = readRequest(options.request);
  if (!(await csr.verify(getCrypto()))) throw new DirectSealError('CERT_REQUEST_INVALID', 'the request is not signed by the key it carries');
  const asked = requestedAddresses(csr);
  if (asked.length > 0 && !asked.includes(address)) {
    throw new DirectSealError('CERT_REQUEST_INVALID', `the request is for ${asked.join(', ')}, not ${address}`);
  }
  const caCert = new x509.X509Certificate(options.ca.certificate as Uint8Array<ArrayBuffer>);
  if (!caCert.getExtension(x509.BasicConstraintsExtension)?.ca) throw new DirectSealError('USAGE', 'the issuing certificate is not a CA certificate');
  const signingKey = await subtle().importKey('pkcs8', options.ca.privateKeyPkcs8 as Uint8Array<ArrayBuffer>, RSA_SHA256, false, ['sign']);
  const caKeyId = caCert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
  const now = options.now ?? new Date();
  const cn = options.commonName?.trim() || csr.subjectName.getField('CN')[0] || address;
  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber: serial(),
      subject: [{ CN: [cn] }],
      issuer: caCert.subjectName.toJSON(),
      notBefore: new Date(now.getTime() - 5 * 60_000),
      notAfter: new Date(Math.min(now.getTime() + (options.validDays ?? 2 * 365) * DAY_MS, caCert.notAfter.getTime())),
      publicKey: csr.publicKey,
      signingKey,
      signingAlgorithm: RSA_SHA256,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
        new x509.ExtendedKeyUsageExtension([OID.emailProtection]),
        new x509.SubjectAlternativeNameExtension([{ type: 'email', value: address }]),
        await x509.SubjectKeyIdentifierExtension.create(csr.publicKey, false, getCrypto()),
        ...(caKeyId ? [new x509.AuthorityKeyIdentifierExtension(caKeyId)] : []),
      ],
    },
    getCrypto(),
  );
  return new Uint8Array(cert.rawData);
}

function readRequest(bytes: Uint8Array): x509.Pkcs10CertificateRequest {
  const pem = pemBlocks(latin1(bytes)).find((b) => b.label === 'CERTIFICATE REQUEST' || b.label === 'NEW CERTIFICATE REQUEST');
  try {
    return new x509.Pkcs10CertificateRequest((pem ? pem.der : bytes) as Uint8Array<ArrayBuffer>);
  } catch (e) {
    throw new DirectSealError('CERT_REQUEST_INVALID', 'not a certificate request (PKCS#10)', { cause: e });
  }
}

/** The rfc822Name addresses a request asks for, lowercased. */
function requestedAddresses(csr: x509.Pkcs10CertificateRequest): string[] {
  const san = csr.extensions.find((e): e is x509.SubjectAlternativeNameExtension => e instanceof x509.SubjectAlternativeNameExtension);
  return (san?.names.toJSON() ?? []).filter((n) => n.type === 'email').map((n) => n.value.toLowerCase());
}

/** 16 random bytes, high bit clear so the INTEGER stays positive (RFC 5280 4.1.2.2: at most 20 octets). */
function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return toHex(bytes);
}

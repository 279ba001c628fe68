/** Loads a signing/decrypting identity from a .p12/.pfx, or a PEM private key with its certificate. */
import { DirectSealError } from '../utils/errors';
import { describePkcs12, isPem, keyMatchesCertificate, readCertificates, readPkcs12, readPkcs12Key, readPrivateKey } from '../utils/pki';
import { localPrivateKey, type Recipient, type Signer } from '../utils/cms/keys';
import { readInput } from './io';

export interface IdentityFiles {
  key: string;
  pass?: string;
  cert?: string;
}

export async function loadIdentity(files: IdentityFiles): Promise<Signer & Recipient> {
  const keyBytes = await readInput(files.key);
  if (!isPem(keyBytes) && !files.cert) {
    const p12 = await readPkcs12(keyBytes, files.pass ?? '');
    return { certificate: p12.certificate, chain: p12.chain, key: localPrivateKey(p12.privateKeyPkcs8) };
  }
  // A key-only .p12 (from `directseal request`) with the certificate the CA returned.
  const pkcs8 = isPem(keyBytes) ? await readPrivateKey(keyBytes, files.pass) : await privateKeyOfFile(keyBytes, files.pass);
  const certs = files.cert ? readCertificates(await readInput(files.cert)) : readCertificates(keyBytes);
  const leaf = certs.find((c) => keyMatchesCertificate(pkcs8, c));
  if (!leaf) throw new DirectSealError('KEY_CERT_MISMATCH', files.cert ? `${files.key} / ${files.cert}` : 'give the certificate with --cert');
  return { certificate: leaf, chain: certs.filter((c) => c !== leaf), key: localPrivateKey(pkcs8) };
}

/** A DER file is a .p12 (a key's backup, as `directseal request` writes) or a PKCS#8. */
async function privateKeyOfFile(bytes: Uint8Array, pass: string | undefined): Promise<Uint8Array> {
  return describePkcs12(bytes) ? readPkcs12Key(bytes, pass ?? '') : readPrivateKey(bytes, pass);
}

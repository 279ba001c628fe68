/** Loads a signing/decrypting identity from a .p12/.pfx, or a PEM private key with its certificate. */
import { DirectSealError } from '../utils/errors';
import { isPem, keyMatchesCertificate, readCertificates, readPkcs12, readPrivateKey } from '../utils/pki';
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
  const pkcs8 = await readPrivateKey(keyBytes, files.pass);
  const certs = files.cert ? readCertificates(await readInput(files.cert)) : readCertificates(keyBytes);
  const leaf = certs.find((c) => keyMatchesCertificate(pkcs8, c));
  if (!leaf) throw new DirectSealError('KEY_CERT_MISMATCH', files.cert ? `${files.key} / ${files.cert}` : 'give the certificate with --cert');
  return { certificate: leaf, chain: certs.filter((c) => c !== leaf), key: localPrivateKey(pkcs8) };
}

/**
 * The PKI layer: certificates, keys, PKCS#12, paths to trust anchors, and the Direct binding rules. What makes
 * certificates and requests (./csr.ts, ./ca.ts) is imported from its own file: it starts @peculiar/x509, which
 * reading, sealing and opening do not need (and a CLI run should not wait for).
 */
export { readCertificates, readCrls, certificateInfo, fingerprintHex, type CertificateInfo } from './certificates';
export { readPrivateKey, keyMatchesCertificate } from './private-key';
export { readPkcs12, readPkcs12Key, writePkcs12, PKCS12_WRITE_ITERATIONS, type Pkcs12Contents } from './pkcs12';
export { describePkcs12, type Pkcs12Description } from './pkcs12-describe';
export { validateCertificatePath, type PathResult, type PathProblem, type PathRequest } from './path';
export { directBinding, boundAddresses, checkSigningKeyUsage, checkEncryptionKeyUsage, type Binding } from './binding';
export { isPem, pemBlocks, toPem } from './pem';
export { checkKeyStrength, checkRecipientCertificate, keyProblem, rsaKeyFacts, MIN_RSA_BITS, type KeyProblem, type RsaKeyFacts } from './key-policy';

/** The PKI layer: certificates, keys, PKCS#12, paths to trust anchors, and the Direct binding rules. */
export { readCertificates, readCrls, certificateInfo, fingerprintHex, type CertificateInfo } from './certificates';
export { readPrivateKey, keyMatchesCertificate } from './private-key';
export { readPkcs12, readPkcs12Key, writePkcs12, PKCS12_WRITE_ITERATIONS, type Pkcs12Contents } from './pkcs12';
export { describePkcs12, type Pkcs12Description } from './pkcs12-describe';
export { validateCertificatePath, type PathResult, type PathProblem, type PathRequest } from './path';
export { directBinding, boundAddresses, checkSigningKeyUsage, checkEncryptionKeyUsage, type Binding } from './binding';
export { generateIdentityRequest, type IdentityRequest, type IdentityRequestOptions } from './csr';
export { isPem, pemBlocks, toPem } from './pem';
export { checkKeyStrength, checkRecipientCertificate, keyProblem, rsaKeyFacts, MIN_RSA_BITS, type KeyProblem, type RsaKeyFacts } from './key-policy';

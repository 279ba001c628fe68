/**
 * Crafted Direct messages for the hostile tests (unit and browser): the signatures are made by openssl (several
 * SignerInfos in one SignedData) or by our own core (a chosen signing time), then encrypted with our core.
 * Everything is CRLF, as it travels.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { envelope } from '../../utils/cms/enveloped';
import { sign } from '../../utils/cms/signed';
import { localPrivateKey, type Signer } from '../../utils/cms/keys';
import { multipartSigned, pkcs7MimeEntity } from '../../utils/direct/smime-entities';
import { wrapMessage } from '../../utils/direct/wrap';
import { readCertificates, readPrivateKey } from '../../utils/pki';
import type { Identity, TestPki } from '../interop/support/pki';
import { bytes, openssl, tempDir } from './pki-fixture';

export const crlf = (lines: string[]): Uint8Array => new TextEncoder().encode(lines.join('\r\n'));

/** An RFC 5322 message with a text body. */
export function textMessage(headers: string[], text: string): Uint8Array {
  return crlf([...headers, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', text, '']);
}

/** The attack of issue 7: a message from `from` whose whole body is a further message, "from" the County Lab. */
export function nestedWrapperMessage(from: string, to: string): Uint8Array {
  const lab = [
    'From: County Lab <results@lab.test>',
    `To: ${to}`,
    'Subject: CRITICAL: potassium 7.1',
    'Date: Mon, 30 Nov 2026 08:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Your potassium is 7.1 mmol/L. Go to the emergency room now and bring this message.',
    '',
  ];
  return crlf([`From: ${from}`, `To: ${to}`, 'Date: Mon, 30 Nov 2026 08:01:00 +0000', 'MIME-Version: 1.0', 'Content-Type: message/rfc822', '', ...lab]);
}

/** The identity as our core's signer: its certificate, its issuing CA, its key. */
export async function signerOf(pki: TestPki, id: Identity): Promise<Signer> {
  const issuer = id.name === 'eve' ? readCertificates(bytes(id.chainPem))[1]! : bytes(pki.intermediateDer);
  return { certificate: readCertificates(bytes(id.certPem))[0]!, chain: [issuer], key: localPrivateKey(await readPrivateKey(bytes(id.keyPem))) };
}

/** multipart/signed over the message wrapped as message/rfc822, one SignerInfo per identity (openssl cms). */
export function signedByAll(pki: TestPki, message: Uint8Array, signers: Identity[], wrap = true): Uint8Array {
  const dir = tempDir('ds-hostile-');
  const content = wrap ? wrapMessage(message) : message;
  const input = join(dir, 'content');
  writeFileSync(input, content);
  const args = ['cms', '-sign', '-binary', '-md', 'sha256', '-in', input, '-outform', 'DER'];
  for (const s of signers) args.push('-signer', s.certPem, '-inkey', s.keyPem);
  args.push('-certfile', pki.intermediatePem);
  const der = new Uint8Array(openssl(args));
  return multipartSigned(content, der, 'SHA-256');
}

/** multipart/signed over the message wrapped as message/rfc822, by our core, with a chosen signing time. */
export async function signedAt(message: Uint8Array, signer: Signer, signingTime: Date): Promise<Uint8Array> {
  const wrapped = wrapMessage(message);
  return multipartSigned(wrapped, await sign(wrapped, signer, { detached: true, signingTime }), 'SHA-256');
}

/** The signed entity encrypted for the recipients, as a .eml whose outer headers are `outer`. */
export async function sealedEml(signedEntity: Uint8Array, recipients: Identity[], outer: string[]): Promise<Uint8Array> {
  const der = await envelope(signedEntity, recipients.map((r) => readCertificates(bytes(r.certPem))[0]!));
  return pkcs7MimeEntity(der, 'enveloped-data', [...outer, 'MIME-Version: 1.0']);
}

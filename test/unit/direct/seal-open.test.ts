/** seal / open round trips across the algorithm matrix, and every refusal with its code. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { seal } from '../../../utils/direct/seal';
import { open, type OpenedMessage } from '../../../utils/direct/open';
import { locateCms } from '../../../utils/direct/locate';
import { multipartSigned, pkcs7MimeEntity } from '../../../utils/direct/smime-entities';
import { WRAP_HEADROOM, wrapMessage } from '../../../utils/direct/wrap';
import { withHeadroom } from '../../../utils/headroom';
import { buildMessage } from '../../../utils/mime/build';
import { envelope, describeEnvelope, openEnvelope } from '../../../utils/cms/enveloped';
import { sign } from '../../../utils/cms/signed';
import { localPrivateKey, type Recipient, type Signer } from '../../../utils/cms/keys';
import { CONTENT_CIPHERS } from '../../../utils/cms/content-cipher';
import { DirectSealError, isDirectSealError, type ErrorCode } from '../../../utils/errors';
import { readCertificates, readCrls, readPrivateKey } from '../../../utils/pki';
import { anchorDer, bytes, identityOf, openssl, tempDir, testPki, type TestPki } from '../../support/pki-fixture';
import { seededBytes } from '../../support/seeded-bytes';

const enc = new TextEncoder();
const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');

let pki: TestPki;
let doctor: Signer & Recipient;
let patient: Signer & Recipient;
let anchors: Uint8Array[];
beforeAll(async () => {
  pki = await testPki();
  doctor = await identityOf(pki, pki.doctor);
  patient = await identityOf(pki, pki.patient);
  anchors = [anchorDer(pki)];
}, 120_000);

function binary(size: number, seed = 7): Uint8Array {
  return seededBytes(size, seed);
}

function message(from = 'Gregory House <dr.house@doctor.test>', attachment = binary(3000)): Uint8Array {
  return buildMessage({
    from,
    to: ['Pat Patient <pat@patient.test>'],
    subject: 'Résultats d’analyse — 検査結果 ✓',
    text: 'Bonjour Pat,\n\nvos résultats sont normaux. Ünïcödé ✓ 検査\n\n-- \nDr House\n',
    attachments: [{ filename: 'résultats 検査 (2026).bin', content: attachment, contentType: 'application/octet-stream' }],
    date: new Date('2026-03-01T10:00:00Z'),
    messageId: 'unit-test@doctor.test',
  });
}

/** Opens and returns the verdict, or the code of the thrown DirectSealError. */
async function outcome(input: Uint8Array, ids: Recipient[], opts: Parameters<typeof open>[3] = {}): Promise<{ code?: ErrorCode; opened?: OpenedMessage }> {
  try {
    return { opened: await open(input, ids, anchors, opts) };
  } catch (e) {
    if (e instanceof DirectSealError) return { code: e.code };
    throw e;
  }
}

const reasonCodes = (o: OpenedMessage) => o.verdict.reasons.map((r) => r.code);

describe('seal then open', () => {
  const input = message();
  for (const cipher of CONTENT_CIPHERS) {
    for (const keyTransport of ['rsa-pkcs1', 'rsa-oaep'] as const) {
      for (const opaque of [false, true]) {
        it(`round-trips byte-exact with ${cipher}, ${keyTransport}, ${opaque ? 'opaque' : 'detached'}`, async () => {
          const sealed = await seal(input, doctor, [patient.certificate], { cipher, keyTransport, opaque });
          const head = latin1(sealed.subarray(0, 2000));
          expect(head).toMatch(/Content-Type: application\/pkcs7-mime; smime-type=(authE|e)nveloped-data/);
          expect(head).not.toContain('Subject'); // header protection: the subject travels only inside
          expect(head).toMatch(/^From: .*<dr\.house@doctor\.test>\r$/m);
          const env = describeEnvelope(locateCms(sealed).der);
          expect(env.recipients).toHaveLength(2); // patient and the sender's own copy

          const { message: out, verdict } = await open(sealed, [patient], anchors);
          expect(Buffer.from(out).equals(Buffer.from(input))).toBe(true);
          expect(verdict.reasons).toEqual([]);
          expect(verdict.status).toBe('verified');
          expect(verdict.signerAddress).toBe('dr.house@doctor.test');
          expect(verdict.binding).toBe('address');
          expect(verdict.wrapped).toBe(true);
          expect(verdict.algorithms.contentEncryption).toBe(cipher);
          expect(verdict.algorithms.keyTransport).toMatch(keyTransport === 'rsa-oaep' ? /OAEP/i : /v1[._]5|PKCS1|rsaEncryption/i);
          expect(verdict.algorithms.digest).toMatch(/SHA-?256/i);

          const own = await open(sealed, [doctor], anchors);
          expect(Buffer.from(own.message).equals(Buffer.from(input))).toBe(true);
          expect(own.verdict.status).toBe('verified');
        });
      }
    }
  }

  it('canonicalizes an LF-only message to CRLF', async () => {
    const lf = enc.encode('From: dr.house@doctor.test\nTo: pat@patient.test\nDate: Mon, 30 Nov 2026 10:00:00 +0000\nMessage-ID: <lf-1@doctor.test>\nSubject: hi\n\nline one\nline two\n');
    const { message: out, verdict } = await open(await seal(lf, doctor, [patient.certificate]), [patient], anchors);
    expect(latin1(out)).toBe(latin1(lf).replace(/\n/g, '\r\n'));
    expect(verdict.status).toBe('verified');
  });

  it('opens a bare DER smime.p7m and a base64 one', async () => {
    const der = locateCms(await seal(input, doctor, [patient.certificate])).der;
    expect((await open(der, [patient], anchors)).verdict.status).toBe('verified');
    const b64 = enc.encode(Buffer.from(der).toString('base64').replace(/(.{76})/g, '$1\r\n'));
    const opened = await open(b64, [patient], anchors);
    expect(opened.verdict.status).toBe('verified');
    expect(Buffer.from(opened.message).equals(Buffer.from(input))).toBe(true);
  });

  it('gives binding "domain" for an organization (dNSName) certificate', async () => {
    const org = await identityOf(pki, pki.org);
    const sealed = await seal(message('Clinic Records <records@clinic.test>'), org, [patient.certificate]);
    const { verdict } = await open(sealed, [patient], anchors);
    expect(verdict.reasons).toEqual([]);
    expect(verdict.status).toBe('verified');
    expect(verdict.binding).toBe('domain');
    expect(verdict.signerAddress).toBe('records@clinic.test');
  });

  it('wraps a message built with headroom where it lies (no copy for the digest), and it opens verified', async () => {
    const m = { from: 'dr.house@doctor.test', to: ['pat@patient.test'], subject: 'x', text: 'hi\n', attachments: [{ filename: 'a.bin', content: binary(5000) }] };
    const plain = buildMessage(m);
    const roomy = withHeadroom(plain.length, WRAP_HEADROOM);
    roomy.set(plain);
    const kept = roomy.slice();
    const { message: out, verdict } = await open(await seal(roomy, doctor, [patient.certificate]), [patient], anchors);
    expect(verdict.status).toBe('verified');
    expect(Buffer.from(out).equals(Buffer.from(kept))).toBe(true);
    expect(Buffer.from(roomy).equals(Buffer.from(kept))).toBe(true); // the message itself is untouched
    // The wrap header went into the headroom of the message's own buffer.
    expect(latin1(new Uint8Array(roomy.buffer, 0, WRAP_HEADROOM))).toBe('Content-Type: message/rfc822\r\n\r\n');
  });

  it('seals and opens a message larger than 16 MiB (20 MB attachment)', { timeout: 180_000 }, async () => {
    const big = message(undefined, binary(20_000_000, 11));
    expect(big.length).toBeGreaterThan(16 * 1024 * 1024 + 1_000_000);
    for (const opaque of [false, true]) {
      const sealed = await seal(big, doctor, [patient.certificate], { opaque });
      const { message: out, verdict } = await open(sealed, [patient], anchors);
      expect(verdict.reasons).toEqual([]);
      expect(verdict.status).toBe('verified');
      expect(out.length).toBe(big.length);
      expect(Buffer.from(out).equals(Buffer.from(big))).toBe(true);
    }
  });
});

describe('a real peer: the Direct Java reference implementation', () => {
  const dir = 'test/fixtures/direct-java-ri/';
  it('opens its message verified, with a SHA-1 certificate warning', async () => {
    const pkcs8 = await readPrivateKey(new Uint8Array(readFileSync(dir + 'recipient-key.pem')));
    const cert = readCertificates(new Uint8Array(readFileSync(dir + 'recipient-cert.pem')))[0]!;
    const anchor = readCertificates(new Uint8Array(readFileSync(dir + 'trust-anchor.pem')));
    const { message: out, verdict } = await open(new Uint8Array(readFileSync(dir + 'encrypted-message.eml')), [{ certificate: cert, key: localPrivateKey(pkcs8) }], anchor);
    expect(verdict.reasons).toEqual([]);
    expect(verdict.status).toBe('verified');
    expect(verdict.signerAddress).toBe('gm2552@securehealthemail.com');
    expect(verdict.algorithms.contentEncryption).toBe('aes-128-cbc');
    expect(verdict.warnings.map((w) => w.sentence).join('\n')).toMatch(/SHA-?1/i);
    expect(verdict.warnings).toContainEqual(expect.objectContaining({ code: 'WEAK_ALGORITHM', params: expect.objectContaining({ algorithm: expect.stringMatching(/SHA-?1/i) }) }));
    expect(latin1(out)).toMatch(/^From:.*gm2552@securehealthemail\.com/im);
  });
});

describe('refusals', () => {
  const input = message();

  const notVerified = (o: { code?: ErrorCode; opened?: OpenedMessage }) => {
    if (o.opened) expect(o.opened.verdict.status).not.toBe('verified');
  };

  it.each(CONTENT_CIPHERS)('refuses tampered ciphertext (%s) with DECRYPTION_FAILED', async (cipher) => {
    const der = locateCms(await seal(input, doctor, [patient.certificate], { cipher })).der;
    // CBC: the last byte of the next-to-last block flips the padding byte; GCM: any flip breaks the tag.
    const macTail = cipher === 'aes-256-gcm' ? 18 : 0;
    const tampered = der.slice();
    tampered[tampered.length - macTail - 17]! ^= 0x40;
    const o = await outcome(tampered, [patient]);
    expect(o.code).toBe('DECRYPTION_FAILED');
  });

  it.each(CONTENT_CIPHERS)('refuses ciphertext (%s) altered where it carries the signed message', async (cipher) => {
    const der = locateCms(await seal(input, doctor, [patient.certificate], { cipher })).der;
    const plain = (await openEnvelope(der, [patient])).content;
    const macTail = cipher === 'aes-256-gcm' ? 18 : 0;
    const ciphertextLength = cipher === 'aes-256-gcm' ? plain.length : (Math.floor(plain.length / 16) + 1) * 16;
    const start = der.length - macTail - ciphertextLength;
    // A byte deep inside the protected message (its Message-ID header).
    const target = latin1(plain).indexOf('Message-ID: <unit-test@doctor.test>') + 20;
    expect(target).toBeGreaterThan(200);
    const tampered = der.slice();
    // CBC: flipping ciphertext byte j flips plaintext byte j + 16 (and garbles the block before it).
    tampered[start + target - (cipher === 'aes-256-gcm' ? 0 : 16)]! ^= 0x01;
    const o = await outcome(tampered, [patient]);
    notVerified(o);
    if (cipher === 'aes-256-gcm') expect(o.code).toBe('DECRYPTION_FAILED');
    else if (o.code) {
      // The garbled block before the flipped byte can break the MIME structure itself (about 1 in 25).
      expect(o.code).toBe('MESSAGE_MALFORMED');
    } else {
      expect(o.opened!.verdict.status).toBe('invalid');
      expect(reasonCodes(o.opened!)).toEqual(['SIGNATURE_INVALID']);
    }
  });

  async function envelopedFor(entity: Uint8Array, from = 'dr.house@doctor.test'): Promise<Uint8Array> {
    const der = await envelope(entity, [patient.certificate]);
    return pkcs7MimeEntity(der, 'enveloped-data', [`From: ${from}`, 'To: pat@patient.test', 'MIME-Version: 1.0']);
  }

  const alter = (b: Uint8Array, needle: string, replacement: string) => {
    const s = latin1(b);
    expect(s).toContain(needle);
    return new Uint8Array(Buffer.from(s.replace(needle, replacement), 'latin1'));
  };

  it('refuses signed content altered after signing (detached) with SIGNATURE_INVALID', async () => {
    const wrapped = wrapMessage(input);
    const signature = await sign(wrapped, doctor, { detached: true });
    const altered = alter(wrapped, 'Message-ID: <unit-test@doctor.test>', 'Message-ID: <unit-tesT@doctor.test>');
    const o = await outcome(await envelopedFor(multipartSigned(altered, signature, 'SHA-256')), [patient]);
    expect(o.opened!.verdict.status).toBe('invalid');
    expect(reasonCodes(o.opened!)).toContain('SIGNATURE_INVALID');
    // The untampered control opens verified.
    const control = await outcome(await envelopedFor(multipartSigned(wrapped, signature, 'SHA-256')), [patient]);
    expect(control.opened!.verdict.status).toBe('verified');
  });

  it('refuses opaque signed content altered after signing with SIGNATURE_INVALID', async () => {
    const wrapped = wrapMessage(message('dr.house@doctor.test', enc.encode('ATTACHMENT-PAYLOAD-'.repeat(10))));
    const signed = await sign(wrapped, doctor, { detached: false });
    // The attachment travels base64 in the signed entity: alter one character of it inside the SignedData.
    const b64 = Buffer.from('ATTACHMENT-PAYLOAD-'.repeat(10)).toString('base64').slice(0, 24);
    const altered = alter(signed, b64, b64.slice(0, 10) + (b64[10] === 'Q' ? 'R' : 'Q') + b64.slice(11));
    const o = await outcome(await envelopedFor(pkcs7MimeEntity(altered, 'signed-data')), [patient]);
    expect(o.opened!.verdict.status).toBe('invalid');
    expect(reasonCodes(o.opened!)).toContain('SIGNATURE_INVALID');
  });

  it('calls a stranger-rooted signer (eve) untrusted with SIGNER_UNTRUSTED', async () => {
    const eve = await identityOf(pki, pki.eve);
    const o = await outcome(await seal(message('Eve <eve@evil.test>'), eve, [patient.certificate]), [patient]);
    expect(o.opened!.verdict.status).toBe('untrusted');
    expect(reasonCodes(o.opened!)).toEqual(['SIGNER_UNTRUSTED']);
    expect(o.opened!.verdict.signerAddress).toBe('eve@evil.test');
  });

  it('refuses a message for another recipient with NO_MATCHING_RECIPIENT', async () => {
    const org = await identityOf(pki, pki.org);
    const o = await outcome(await seal(input, doctor, [org.certificate]), [patient]);
    expect(o.code).toBe('NO_MATCHING_RECIPIENT');
  });

  it('refuses an expired signer with CERT_EXPIRED', async () => {
    const expired = await identityOf(pki, pki.expired);
    const o = await outcome(await seal(message('old@doctor.test'), expired, [patient.certificate]), [patient]);
    expect(o.opened!.verdict.status).not.toBe('verified');
    expect(reasonCodes(o.opened!)).toEqual(['CERT_EXPIRED']);
  });

  it('refuses a revoked signer with the CRL: CERT_REVOKED, invalid', async () => {
    const revoked = await identityOf(pki, pki.revoked);
    const sealed = await seal(message('gone@doctor.test'), revoked, [patient.certificate]);
    const o = await outcome(sealed, [patient], { crls: readCrls(bytes(pki.crlDer)) });
    expect(o.opened!.verdict.status).toBe('invalid');
    expect(reasonCodes(o.opened!)).toEqual(['CERT_REVOKED']);
  });

  it('refuses a signer whose certificate is not bound to the From address with SIGNER_ADDRESS_MISMATCH', async () => {
    const o = await outcome(await seal(message('Not House <someone.else@doctor.test>'), doctor, [patient.certificate]), [patient]);
    expect(o.opened!.verdict.status).toBe('invalid');
    expect(reasonCodes(o.opened!)).toEqual(['SIGNER_ADDRESS_MISMATCH']);
  });

  it('refuses an outer From that differs from the protected From with SIGNER_ADDRESS_MISMATCH', async () => {
    const sealed = await seal(input, doctor, [patient.certificate]);
    const forged = alter(sealed, 'dr.house@doctor.test', 'chief@doctor.test');
    const o = await outcome(forged, [patient]);
    expect(o.opened!.verdict.status).toBe('invalid');
    expect(reasonCodes(o.opened!)).toContain('SIGNER_ADDRESS_MISMATCH');
  });

  describe('the protected From is the one the signer must be bound to', () => {
    // Eve holds a certificate that chains to an anchor the reader imported: her signature is trusted for eve@evil.test only.
    async function eveSigned(protectedFrom: string | undefined): Promise<OpenedMessage> {
      const eve = await identityOf(pki, pki.eve);
      const lines = [...(protectedFrom === undefined ? [] : [`From: ${protectedFrom}`]), 'To: pat@patient.test', 'Subject: lab results', '', 'Your results are normal.', ''];
      const wrapped = wrapMessage(enc.encode(lines.join('\r\n')));
      const signature = await sign(wrapped, eve, { detached: true });
      const der = await envelope(multipartSigned(wrapped, signature, 'SHA-256'), [patient.certificate]);
      const mail = pkcs7MimeEntity(der, 'enveloped-data', ['From: eve@evil.test', 'To: pat@patient.test', 'MIME-Version: 1.0']);
      return open(mail, [patient], [anchorDer(pki), bytes(pki.strangerAnchorDer)]);
    }

    it('control: eve signing as eve, with eve\'s anchor imported, is verified', async () => {
      const o = await eveSigned('eve@evil.test');
      expect(o.verdict.reasons).toEqual([]);
      expect(o.verdict.status).toBe('verified');
    });

    it.each([
      ['two mailboxes, the first a doctor', 'Dr House <dr.house@doctor.test>, eve@evil.test'],
      ['an ambiguous mailbox with two angle addresses', 'Dr House <dr.house@doctor.test> <eve@evil.test>'],
      ['a display name only', 'Dr House'],
      ['two From fields, the second a doctor', 'eve@evil.test\r\nFrom: Dr House <dr.house@doctor.test>'],
      ['empty', ''],
    ])('does not fall back to the unprotected outer From when the protected From is %s', async (_label, from) => {
      const o = await eveSigned(from);
      expect(o.verdict.status).not.toBe('verified');
      expect(o.verdict.status).toBe('invalid');
      expect(reasonCodes(o)).toEqual(['SIGNER_ADDRESS_MISMATCH']);
    });
  });

  it('never verifies an unsigned (enveloped only) message: MESSAGE_UNSIGNED', async () => {
    for (const entity of [wrapMessage(input), input]) {
      const o = await outcome(await envelopedFor(entity), [patient]);
      expect(o.opened!.verdict.status).toBe('invalid');
      expect(reasonCodes(o.opened!)).toEqual(['MESSAGE_UNSIGNED']);
    }
  });

  describe('signer certificates not made for S/MIME signatures', () => {
    async function issued(label: string, extensions: string): Promise<Signer & Recipient> {
      const dir = tempDir(`ds-ku-${label}-`);
      const key = join(dir, 'key.pem');
      const csr = join(dir, 'req.csr');
      const cert = join(dir, 'cert.pem');
      const ext = join(dir, 'ext.cnf');
      writeFileSync(ext, `subjectAltName=email:dr.house@doctor.test\n${extensions}`);
      openssl(['req', '-new', '-newkey', 'rsa:2048', '-noenc', '-keyout', key, '-out', csr, '-subj', `/CN=${label}`]);
      openssl(['x509', '-req', '-in', csr, '-CA', pki.intermediatePem, '-CAkey', `${pki.dir}/intermediate.key.pem`, '-CAcreateserial', '-days', '30', '-extfile', ext, '-out', cert]);
      const pkcs8 = await readPrivateKey(bytes(key));
      return { certificate: readCertificates(bytes(cert))[0]!, chain: [bytes(pki.intermediateDer)], key: localPrivateKey(pkcs8) };
    }

    it.each([
      ['keyEncipherment only', 'keyUsage=critical,keyEncipherment\n'],
      ['extendedKeyUsage serverAuth only', 'keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n'],
    ])('refuses a signer certificate with %s: CERT_KEY_USAGE', async (label, extensions) => {
      const signer = await issued(label.replace(/\W+/g, '-'), extensions);
      const o = await outcome(await seal(input, signer, [patient.certificate]), [patient]);
      expect(o.opened!.verdict.status).not.toBe('verified');
      expect(reasonCodes(o.opened!)).toEqual(['CERT_KEY_USAGE']);
    });

    it('control: the same issuance with digitalSignature and emailProtection is verified', async () => {
      const signer = await issued('ok', 'keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=emailProtection\n');
      const o = await outcome(await seal(input, signer, [patient.certificate]), [patient]);
      expect(o.opened!.verdict.reasons).toEqual([]);
      expect(o.opened!.verdict.status).toBe('verified');
    });
  });

  it('judges validity at the signing time: a signature made while the certificate was valid stays verified', async () => {
    const expired = await identityOf(pki, pki.expired);
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000);
    const o = await outcome(await seal(message('old@doctor.test'), expired, [patient.certificate], { signingTime: tenDaysAgo }), [patient]);
    // The signing time is the signer's own claim (RFC 5652 signingTime); an expired key's holder can backdate it.
    expect(o.opened!.verdict.reasons).toEqual([]);
    expect(o.opened!.verdict.status).toBe('verified');
    expect(o.opened!.verdict.signingTime?.getTime()).toBe(Math.floor(tenDaysAgo.getTime() / 1000) * 1000);
  });

  it('checks a signing time in the future at now instead, with a warning', async () => {
    const expired = await identityOf(pki, pki.expired);
    const future = new Date(Date.now() + 86_400_000);
    const o = await outcome(await seal(message('old@doctor.test'), expired, [patient.certificate], { signingTime: future }), [patient]);
    expect(reasonCodes(o.opened!)).toEqual(['CERT_EXPIRED']);
    expect(o.opened!.verdict.warnings.map((w) => w.sentence).join('\n')).toMatch(/future/);
    expect(o.opened!.verdict.warnings.map((w) => w.code)).toEqual(['SIGNING_TIME_IN_FUTURE']);
  });

  it('the Java RI message without its trust anchor is ISSUER_MISSING (it carries only the signer\'s certificate)', async () => {
    const dir = 'test/fixtures/direct-java-ri/';
    const pkcs8 = await readPrivateKey(new Uint8Array(readFileSync(dir + 'recipient-key.pem')));
    const cert = readCertificates(new Uint8Array(readFileSync(dir + 'recipient-cert.pem')))[0]!;
    const { verdict } = await open(new Uint8Array(readFileSync(dir + 'encrypted-message.eml')), [{ certificate: cert, key: localPrivateKey(pkcs8) }], anchors);
    expect(verdict.status).toBe('untrusted');
    expect(verdict.reasons.map((r) => r.code)).toEqual(['ISSUER_MISSING']);
  });

  it('refuses truncated input', async () => {
    const sealed = await seal(input, doctor, [patient.certificate]);
    for (const cut of [0.5, 0.9]) {
      const o = await outcome(sealed.subarray(0, Math.floor(sealed.length * cut)), [patient]);
      notVerified(o);
      expect(o.code).toBe('MESSAGE_MALFORMED');
    }
    const der = locateCms(sealed).der;
    const o = await outcome(der.subarray(0, der.length - 100), [patient]);
    expect(o.code).toBe('MESSAGE_MALFORMED');
  });

  it('refuses a signed-only message (wrong content type) with MESSAGE_MALFORMED', async () => {
    const signed = await sign(wrapMessage(input), doctor, { detached: false });
    const mail = pkcs7MimeEntity(signed, 'signed-data', ['From: dr.house@doctor.test', 'To: pat@patient.test', 'MIME-Version: 1.0']);
    expect((await outcome(mail, [patient])).code).toBe('MESSAGE_MALFORMED');
    expect((await outcome(signed, [patient])).code).toBe('MESSAGE_MALFORMED');
    const detached = await sign(wrapMessage(input), doctor, { detached: true });
    expect((await outcome(multipartSigned(wrapMessage(input), detached, 'SHA-256'), [patient])).code).toBe('MESSAGE_MALFORMED');
  });

  it('refuses a plain text mail with MESSAGE_MALFORMED', async () => {
    expect((await outcome(input, [patient])).code).toBe('MESSAGE_MALFORMED');
    const plain = enc.encode('From: a@b.test\r\nTo: c@d.test\r\nSubject: hi\r\nContent-Type: text/plain\r\n\r\nhello\r\n');
    expect((await outcome(plain, [patient])).code).toBe('MESSAGE_MALFORMED');
  });

  it.each([
    ['random bytes', () => binary(2048, 3)],
    ['random bytes starting like DER', () => Uint8Array.of(0x30, 0x82, 0x07, 0xf0, ...binary(2044, 5))],
    ['text', () => enc.encode('hello, world')],
    ['nothing', () => new Uint8Array(0)],
  ])('refuses garbage (%s) with MESSAGE_MALFORMED', async (_label, make) => {
    expect((await outcome(make(), [patient])).code).toBe('MESSAGE_MALFORMED');
  });

  it('refuses to seal without recipients or without a From', async () => {
    await expect(seal(input, doctor, [])).rejects.toSatisfy((e) => isDirectSealError(e, 'NO_RECIPIENTS'));
    await expect(seal(enc.encode('To: pat@patient.test\r\n\r\nhi\r\n'), doctor, [patient.certificate])).rejects.toSatisfy((e) =>
      isDirectSealError(e, 'MESSAGE_MALFORMED'),
    );
  });
});

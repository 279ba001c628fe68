/**
 * Keys DirectSeal refuses: recipients that are CA certificates or lack keyEncipherment, RSA keys under 2048 bits,
 * and exponents that make RSA the identity (1) or no RSA at all (even). Sealing refuses them before signing;
 * path validation (what open uses for the signer) refuses them as well.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { seal } from '../../../utils/direct/seal';
import { buildMessage } from '../../../utils/mime/build';
import { isDirectSealError, type ErrorCode } from '../../../utils/errors';
import { checkRecipientCertificate, rsaKeyFacts, validateCertificatePath } from '../../../utils/pki';
import { parseCertificate } from '../../../utils/pki/cert';
import type { Signer } from '../../../utils/cms/keys';
import { anchorDer, certDer, identityOf, intermediateDer, testPki, type TestPki } from '../../support/pki-fixture';
import { freshRsaSpki, modulusOf, reissue, rsaSpki } from './support/reissue';

let pki: TestPki;
let intermediateKey: string;
beforeAll(async () => {
  pki = await testPki();
  intermediateKey = join(pki.dir, 'intermediate.key.pem');
}, 120_000);

const withExponent = (e: number[]) => reissue(certDer(pki.patient), rsaSpki(modulusOf(certDer(pki.patient)), Uint8Array.from(e)), intermediateKey);

function codeOf(f: () => unknown): ErrorCode | undefined {
  try {
    f();
  } catch (e) {
    if (isDirectSealError(e)) return e.code;
    throw e;
  }
  return undefined;
}

describe('checkRecipientCertificate', () => {
  it('accepts the test PKI\'s end-entity certificates (RSA 2048, e = 65537, keyEncipherment)', () => {
    for (const id of [pki.doctor, pki.patient, pki.org]) expect(codeOf(() => checkRecipientCertificate(certDer(id)))).toBeUndefined();
    expect(rsaKeyFacts(parseCertificate(certDer(pki.patient)))).toEqual({ modulusBits: 2048, exponent: 65537n });
  });

  it('refuses a CA certificate without keyEncipherment: CERT_KEY_USAGE', () => {
    expect(codeOf(() => checkRecipientCertificate(anchorDer(pki)))).toBe('CERT_KEY_USAGE');
    expect(codeOf(() => checkRecipientCertificate(intermediateDer(pki)))).toBe('CERT_KEY_USAGE');
  });

  it.each([
    ['1', [1]],
    ['2', [2]],
    ['65536 (even)', [1, 0, 0]],
    ['0', [0]],
    ['2^257 + 1 (too large)', [1, ...new Array(31).fill(0), 0, 1]],
  ])('refuses an RSA public exponent of %s: CERT_WEAK_KEY', (_, e) => {
    expect(codeOf(() => checkRecipientCertificate(withExponent(e)))).toBe('CERT_WEAK_KEY');
  });

  it('accepts exponent 3 (odd, at least 3)', () => {
    expect(codeOf(() => checkRecipientCertificate(withExponent([3])))).toBeUndefined();
  });

  it('refuses an RSA key of 1024 bits: CERT_WEAK_KEY, saying how many bits', () => {
    const weak = reissue(certDer(pki.patient), freshRsaSpki(1024), intermediateKey);
    let message = '';
    try {
      checkRecipientCertificate(weak);
    } catch (e) {
      message = (e as Error).message;
      expect(isDirectSealError(e, 'CERT_WEAK_KEY')).toBe(true);
    }
    expect(message).toMatch(/1024 bits/);
  });
});

describe('seal refuses such recipients before signing', () => {
  const msg = buildMessage({ from: 'dr.house@doctor.test', to: ['pat@patient.test'], subject: 's', text: 'secret lab result\n' });

  async function sealCode(recipient: Uint8Array): Promise<{ code?: ErrorCode; signed: number }> {
    const doctor = await identityOf(pki, pki.doctor);
    let signed = 0;
    const counting: Signer = { ...doctor, key: { ...doctor.key, sign: (d, s) => (signed++, doctor.key.sign(d, s)) } };
    try {
      await seal(msg, counting, [recipient]);
      return { signed };
    } catch (e) {
      if (isDirectSealError(e)) return { code: e.code, signed };
      throw e;
    }
  }

  it('an exponent-1 certificate (which would leave the content key readable by anyone)', async () => {
    expect(await sealCode(withExponent([1]))).toEqual({ code: 'CERT_WEAK_KEY', signed: 0 });
  });

  it('a CA certificate', async () => {
    expect(await sealCode(anchorDer(pki))).toEqual({ code: 'CERT_KEY_USAGE', signed: 0 });
  });

  it('but seals to a fit certificate', async () => {
    expect(await sealCode(certDer(pki.patient))).toEqual({ signed: 1 });
  });
});

describe('path validation refuses weak keys (the signer as open checks it)', () => {
  const validate = (leaf: Uint8Array) => validateCertificatePath({ leaf, intermediates: [intermediateDer(pki)], anchors: [anchorDer(pki)], at: new Date() });

  it('an exponent-1 signer: CERT_WEAK_KEY and SIGNATURE_INVALID (anyone can sign under it)', async () => {
    const r = await validate(withExponent([1]));
    expect(r.status).toBe('untrusted');
    expect(r.problems.map((p) => p.code)).toEqual(['CERT_WEAK_KEY', 'SIGNATURE_INVALID']);
  });

  it('a 1024-bit signer: CERT_WEAK_KEY', async () => {
    const r = await validate(reissue(certDer(pki.patient), freshRsaSpki(1024), intermediateKey));
    expect(r.problems.map((p) => p.code)).toEqual(['CERT_WEAK_KEY']);
  });

  it('a weak leaf with no path to an anchor still gets CERT_WEAK_KEY', async () => {
    const r = await validateCertificatePath({ leaf: withExponent([1]), intermediates: [], anchors: [anchorDer(pki)], at: new Date() });
    expect(r.problems.map((p) => p.code)).toEqual(['ISSUER_MISSING', 'CERT_WEAK_KEY', 'SIGNATURE_INVALID']);
  });
});

describe('open refuses a signature forged under an exponent-1 key', () => {
  it('a message "signed" by anyone under dr.house\'s certificate re-issued with e = 1 is never verified', async () => {
    const { createHash } = await import('node:crypto');
    const { sign } = await import('../../../utils/cms/signed');
    const { envelope } = await import('../../../utils/cms/enveloped');
    const { pkcs7MimeEntity } = await import('../../../utils/direct/smime-entities');
    const { wrapMessage } = await import('../../../utils/direct/wrap');
    const { open } = await import('../../../utils/direct/open');
    const weakDoctor = withExponentOf(pki.doctor, [1]);
    // With e = 1 the "signature" is the padded digest itself: no private key is needed to make it.
    const forger: Signer = {
      certificate: weakDoctor,
      chain: [intermediateDer(pki)],
      key: {
        sign: async (data) => {
          const digestInfo = Buffer.concat([Buffer.from('3031300d060960864801650304020105000420', 'hex'), createHash('sha256').update(data).digest()]);
          const em = new Uint8Array(256).fill(0xff);
          em[0] = 0;
          em[1] = 1;
          em[256 - digestInfo.length - 1] = 0;
          em.set(digestInfo, 256 - digestInfo.length);
          return em;
        },
        decryptKey: () => Promise.reject(new Error('unused')),
      },
    };
    const inner = buildMessage({ from: 'dr.house@doctor.test', to: ['pat@patient.test'], subject: 'forged', text: 'take 10x the dose\n' });
    const signedEntity = pkcs7MimeEntity(await sign(wrapMessage(inner), forger, { detached: false }), 'signed-data');
    const patient = await identityOf(pki, pki.patient);
    const sealed = pkcs7MimeEntity(await envelope(signedEntity, [patient.certificate]), 'enveloped-data', ['From: dr.house@doctor.test', 'To: pat@patient.test']);
    const { verdict } = await open(sealed, [patient], [anchorDer(pki)]);
    expect(verdict.status).toBe('invalid');
    expect(verdict.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['CERT_WEAK_KEY', 'SIGNATURE_INVALID']));
  });
});

function withExponentOf(id: TestPki['doctor'], e: number[]): Uint8Array {
  return reissue(certDer(id), rsaSpki(modulusOf(certDer(id)), Uint8Array.from(e)), intermediateKey);
}

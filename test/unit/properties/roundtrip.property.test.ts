/**
 * Property: open(seal(m)) gives back m, for any message. Two families: messages the builder makes (any Unicode
 * subject and text, any attachments) come back byte for byte; raw MIME as a user's tool might hand it over (any
 * header values, any body bytes, LF or CRLF line ends) comes back as its canonical form (bare LF -> CRLF,
 * RFC 5751 3.1.1), which is what was signed. Sealed for the Java RI's test identity, by itself.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { seal, type SealOptions } from '../../../utils/direct/seal';
import { open } from '../../../utils/direct/open';
import { buildMessage } from '../../../utils/mime/build';
import { toCrlf } from '../../../utils/mime/canonical';
import { localPrivateKey, type Recipient, type Signer } from '../../../utils/cms/keys';
import { readCertificates, readPrivateKey } from '../../../utils/pki';

const RI = 'test/fixtures/direct-java-ri';
let me: Signer & Recipient;
let anchors: Uint8Array[];
beforeAll(async () => {
  const file = (n: string) => new Uint8Array(readFileSync(join(RI, n)));
  anchors = readCertificates(file('trust-anchor.pem'));
  me = { certificate: readCertificates(file('recipient-cert.pem'))[0]!, chain: anchors, key: localPrivateKey(await readPrivateKey(file('recipient-key.pem'))) };
});

const ADDRESS = 'ryan@securehealthemail.com';
const options = fc.constantFrom<SealOptions>({}, { cipher: 'aes-128-cbc' }, { cipher: 'aes-256-gcm', keyTransport: 'rsa-oaep' }, { opaque: true });

async function roundTrip(message: Uint8Array, sealOptions: SealOptions) {
  const sealed = await seal(message, me, [me.certificate], sealOptions);
  return open(sealed, [me], anchors);
}

describe('open(seal(m)) = m', () => {
  it('for any message the builder makes (Unicode subject and text, attachments of any bytes)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        fc.string({ unit: 'grapheme', maxLength: 400 }),
        fc.array(fc.record({ filename: fc.string({ minLength: 1, maxLength: 30 }), content: fc.uint8Array({ maxLength: 2000 }) }), { maxLength: 3 }),
        options,
        async (subject, text, attachments, sealOptions) => {
          const message = buildMessage({ from: `Ryan <${ADDRESS}>`, to: [ADDRESS], subject, text, attachments, messageId: 'p@test' });
          const { message: back, verdict } = await roundTrip(message, sealOptions);
          expect(Buffer.from(back).equals(Buffer.from(message))).toBe(true);
          expect(verdict.status).toBe('verified');
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);

  it('for any raw MIME (any header values, any body bytes, LF or CRLF): its canonical form', async () => {
    const headerValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });
    const headers = fc.array(fc.tuple(fc.constantFrom('Subject', 'X-Note', 'Comments', 'Keywords'), headerValue), { maxLength: 5 });
    const lines = fc.array(fc.tuple(fc.uint8Array({ maxLength: 100 }).map((b) => b.map((x) => (x === 10 || x === 13 ? 32 : x))), fc.constantFrom('\n', '\r\n')), { maxLength: 30 });
    await fc.assert(
      fc.asyncProperty(headers, lines, fc.constantFrom('\n', '\r\n'), options, async (hs, body, eol, sealOptions) => {
        // With a Date and a Message-ID, seal adds none (test/unit/direct/message-identity.test.ts covers adding them).
        const identity = ['Date: Mon, 30 Nov 2026 10:00:00 +0000', `Message-ID: <property@securehealthemail.com>`];
        const head = [`From: ${ADDRESS}`, `To: ${ADDRESS}`, ...identity, ...hs.map(([n, v]) => `${n}: ${v}`)].join(eol) + eol + eol;
        const parts = [Buffer.from(head, 'latin1'), ...body.flatMap(([line, end]) => [Buffer.from(line), Buffer.from(end)])];
        const message = new Uint8Array(Buffer.concat(parts));
        const { message: back, verdict } = await roundTrip(message, sealOptions);
        expect(Buffer.from(back).equals(Buffer.from(toCrlf(message)))).toBe(true);
        expect(verdict.status).toBe('verified');
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

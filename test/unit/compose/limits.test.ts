/** The webmail attachment limit, checked before sealing: the estimate against real sealed messages, and the words. */
import { describe, expect, it } from 'vitest';
import { attachmentLimitOf, notAttachedSentence, overLimitSentence, sealedSizeEstimate } from '../../../components/compose/limits';
import { buildMessage } from '../../../utils/mime/build';
import { seal } from '../../../utils/direct/seal';
import { locateCms } from '../../../utils/direct/locate';
import { certDer, identityOf, testPki } from '../../support/pki-fixture';

describe('sealedSizeEstimate', () => {
  it('is within 2% (and a few KB) of the smime.p7m the webmail would get', async () => {
    const pki = await testPki();
    const doctor = await identityOf(pki, pki.doctor);
    const text = 'Dear Pat,\n\nthe scans are attached.\n';
    for (const sizes of [[3_000_000], [1_000_000, 250_000, 17]]) {
      const message = buildMessage({
        from: pki.doctor.address,
        to: [pki.patient.address],
        subject: 'Scans',
        text,
        attachments: sizes.map((n, i) => ({ filename: `scan-${i}.bin`, contentType: 'application/octet-stream', content: new Uint8Array(n).fill(7) })),
      });
      const p7m = locateCms(await seal(message, doctor, [certDer(pki.patient)])).der.length;
      const estimate = sealedSizeEstimate(sizes, text.length, 2);
      expect(Math.abs(estimate - p7m)).toBeLessThan(p7m * 0.02 + 12_000);
    }
  });
});

describe('the limit in words', () => {
  it('says which webmail, its limit and the way out, before sealing', () => {
    const limit = { provider: 'roundcube', bytes: 30_000_000 };
    expect(overLimitSentence(limit, 29_000_000)).toBeUndefined();
    expect(overLimitSentence(undefined, 900_000_000)).toBeUndefined();
    expect(overLimitSentence(limit, 45_300_000)).toBe(
      'Roundcube accepts at most 30 MB per attachment, and this message would be about 45 MB sealed. Seal it and download the .eml instead (send that file through your HISP), or attach fewer or smaller files.',
    );
    expect(overLimitSentence({ provider: 'gmail', bytes: 25_000_000 }, 26_000_000)).toMatch(/^Gmail accepts at most 25 MB/);
    expect(overLimitSentence({ provider: 'outlook', bytes: 33_000_000 }, 40_000_000)).toMatch(/^Outlook on the web accepts at most 33 MB/);
    expect(overLimitSentence({ provider: 'roundcube', bytes: 2_000_000 }, 2_500_000)).toMatch(/^Roundcube accepts at most 2 MB per attachment, and this message would be about 2.5 MB sealed/);
    expect(notAttachedSentence(limit)).toBe('Not attached to your draft: Roundcube accepts at most 30 MB. Download the .eml and send it through your HISP.');
  });

  it('takes only a positive number from the frame start as a limit', () => {
    expect(attachmentLimitOf({ provider: 'gmail', maxAttachmentBytes: 25_000_000 })).toEqual({ provider: 'gmail', bytes: 25_000_000 });
    for (const bad of [undefined, '25000000', -1, 0, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(attachmentLimitOf({ provider: 'gmail', maxAttachmentBytes: bad })).toBeUndefined();
    }
  });
});

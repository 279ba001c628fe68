/**
 * Big attachments decoded by our base64 decoder before postal-mime reads the rest (utils/mime/lift.ts): the
 * parsed message is the same as postal-mime alone makes, and nothing but big base64 attachments is lifted.
 */
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { equalBytes, fromLatin1, latin1 } from '../../../utils/bytes';
import { buildMessage } from '../../../utils/mime/build';
import { encodeBase64 } from '../../../utils/mime/base64';
import { liftBigAttachments } from '../../../utils/mime/lift';
import { parseMessage } from '../../../utils/mime/parse';

const random = (n: number) => {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i += 65536) crypto.getRandomValues(b.subarray(i, Math.min(n, i + 65536)));
  return b;
};

async function postalAlone(message: Uint8Array) {
  const email = await PostalMime.parse(message, { attachmentEncoding: 'arraybuffer', forceRfc822Attachments: true });
  return { text: email.text, html: email.html, attachments: email.attachments.map((a) => ({ filename: a.filename, mimeType: a.mimeType, content: new Uint8Array(a.content as ArrayBuffer) })) };
}

describe('lifting big attachments', () => {
  it('parses to the same message as postal-mime alone: text, HTML, small and big attachments, nested multiparts', async () => {
    const scan = random(1_500_000);
    const pdf = random(400_000);
    const note = fromLatin1('a small note\n');
    const message = buildMessage({
      from: 'dr@doctor.test',
      to: ['pat@patient.test'],
      subject: 'Scans',
      text: 'See the scans.\n',
      html: '<p>See the <b>scans</b>.</p>',
      attachments: [
        { filename: 'scan.dcm', contentType: 'application/dicom', content: scan },
        { filename: 'note.txt', contentType: 'text/plain', content: note },
        { filename: 'report.pdf', contentType: 'application/pdf', content: pdf },
      ],
    });
    const lifted = liftBigAttachments(message);
    expect(lifted?.contents.size).toBe(2);
    expect(lifted!.message.length).toBeLessThan(10_000);

    const ours = await parseMessage(message);
    const alone = await postalAlone(message);
    expect(ours.text).toBe(alone.text!.replace(/\r\n/g, '\n'));
    expect(ours.html).toBe(alone.html!.replace(/\r\n/g, '\n'));
    expect(ours.attachments.map((a) => [a.filename, a.mimeType, a.content.length])).toEqual(alone.attachments.map((a) => [a.filename, a.mimeType, a.content.length]));
    for (const [i, a] of ours.attachments.entries()) expect(equalBytes(a.content, alone.attachments[i]!.content)).toBe(true);
    expect(equalBytes(ours.attachments[0]!.content, scan)).toBe(true);
    expect(equalBytes(ours.attachments[2]!.content, pdf)).toBe(true);
  });

  it('leaves a big base64 text body to postal-mime (it is the text, not an attachment)', async () => {
    const text = 'Line of a long report.\n'.repeat(20_000);
    const message = fromLatin1(
      ['From: a@b.test', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', '', latin1(encodeBase64(fromLatin1(text)))].join('\r\n'),
    );
    expect(liftBigAttachments(message)).toBeUndefined();
    expect((await parseMessage(message)).text).toBe(text);
  });

  it('keeps an attachment that merely looks like a token, and leaves non-strict base64 to postal-mime', async () => {
    const fake = fromLatin1('directseal-lifted-000000000000000000000000-0');
    const sloppy = latin1(encodeBase64(random(300_000))).replace(/\r\n/, '\r\n!!\r\n'); // a stray character postal-mime skips
    const message = fromLatin1(
      [
        'From: a@b.test',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: application/octet-stream; name="fake.bin"',
        'Content-Transfer-Encoding: base64',
        '',
        latin1(encodeBase64(fake)),
        '--b',
        'Content-Type: application/octet-stream; name="sloppy.bin"',
        'Content-Transfer-Encoding: base64',
        '',
        sloppy,
        '--b--',
        '',
      ].join('\r\n'),
    );
    expect(liftBigAttachments(message)).toBeUndefined();
    const ours = await parseMessage(message);
    expect(latin1(ours.attachments[0]!.content)).toBe(latin1(fake));
    expect(equalBytes(ours.attachments[1]!.content, (await postalAlone(message)).attachments[1]!.content)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import {
  buildEntity,
  buildMessage,
  buildMultipartBody,
  generateBoundary,
  guessContentType,
  header,
  parseContentType,
  parseMessage,
  splitEntity,
  splitMultipart,
} from '../../../utils/mime';
import type { MessageInput } from '../../../utils/mime';
import { isDirectSealError } from '../../../utils/errors';

const s = (u: Uint8Array) => Buffer.from(u).toString('latin1');
const SUBJECT = 'Résultats de laboratoire — 検査';

/** Every line ends in CRLF, is at most 998 bytes, and every byte is 7-bit. */
function expectWireSafe(msg: Uint8Array): void {
  for (let i = 0; i < msg.length; i++) {
    const c = msg[i]!;
    if (c > 127) throw new Error(`8-bit byte 0x${c.toString(16)} at ${i}`);
    if (c === 10 && msg[i - 1] !== 13) throw new Error(`bare LF at ${i}`);
    if (c === 13 && msg[i + 1] !== 10) throw new Error(`bare CR at ${i}`);
  }
  const lines = s(msg).split('\r\n');
  expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(998);
}

function pdfLike(n: number): Uint8Array {
  const out = new Uint8Array(n);
  out.set(new TextEncoder().encode('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'));
  for (let i = 16; i < n; i++) out[i] = (i * 7919 + (i >> 8)) & 255;
  out.set([13, 10, 10, 13, 0, 255], n - 6);
  return out;
}

const base: MessageInput = {
  from: 'Dr. Émile Zola <emile@hospital.example>',
  to: ['Bob Patient <bob@direct.example.org>', 'carol@direct.example.org'],
  cc: ['Zoë Ünal <zoe@clinic.example>'],
  subject: SUBJECT,
  text: 'Bonjour,\nvoici les résultats du laboratoire.\n検査結果\n',
};

describe('buildMessage -> parseMessage', () => {
  it.each<[string, Partial<MessageInput>]>([
    ['text only', {}],
    ['ASCII text only', { text: 'Plain text\nsecond line\n', subject: 'Lab results' }],
    ['html alternative', { html: '<p>Bonjour, voici les <b>résultats</b> — 検査</p>\n' }],
    [
      'attachments',
      {
        attachments: [
          { filename: 'Résultats 検査 — novembre.pdf', content: pdfLike(100_000) },
          { filename: 'notes.txt', contentType: 'text/plain', content: new TextEncoder().encode('raw\nnotes\r\n') },
          { filename: 'a'.repeat(120) + '.xml', content: new Uint8Array(0) },
        ],
      },
    ],
    [
      'html and attachment',
      { html: '<p>html</p>', attachments: [{ filename: 'ccd.xml', content: new TextEncoder().encode('<ClinicalDocument/>') }] },
    ],
  ])('%s round-trips', async (_name, extra) => {
    const input: MessageInput = { ...base, ...extra };
    const msg = buildMessage(input);
    expectWireSafe(msg);
    const p = await parseMessage(msg);
    expect(p.subject).toBe(input.subject);
    expect(p.from).toEqual({ name: 'Dr. Émile Zola', address: 'emile@hospital.example' });
    expect(p.to).toEqual([{ name: 'Bob Patient', address: 'bob@direct.example.org' }, { address: 'carol@direct.example.org' }]);
    expect(p.cc).toEqual([{ name: 'Zoë Ünal', address: 'zoe@clinic.example' }]);
    expect(p.messageId).toMatch(/^<[0-9a-f]{32}@hospital\.example>$/);
    expect(Date.now() - Date.parse(p.date!)).toBeLessThan(60_000);
    // Inside a multipart, postal-mime keeps the line break before the delimiter as part of the text.
    expect(p.text?.replace(/\n+$/, '')).toBe(input.text.replace(/\n+$/, ''));
    if (input.html) expect(p.html?.replace(/\n+$/, '')).toBe(input.html.replace(/\n+$/, ''));
    else expect(p.html).toBeUndefined();
    const atts = input.attachments ?? [];
    expect(p.attachments.map((a) => a.filename)).toEqual(atts.map((a) => a.filename));
    p.attachments.forEach((a, k) => {
      expect(a.content).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(a.content).equals(Buffer.from(atts[k]!.content))).toBe(true);
      expect(a.disposition).toBe('attachment');
    });
    expect(p.attachments.map((a) => a.mimeType)).toEqual(atts.map((a) => a.contentType ?? guessContentType(a.filename)));
    expect(p.headers.find((h) => h.name === 'MIME-Version')?.value).toBe('1.0');
  });

  it('uses the given Date, Message-ID and extra headers; custom headers replace built-ins', async () => {
    const msg = buildMessage({
      ...base,
      date: new Date(Date.UTC(2026, 10, 24, 9, 5, 0)),
      messageId: 'fixed@hospital.example',
      headers: { 'X-Direct-Final-Destination-Delivery': 'yes', 'X-Note': 'Remarque — 注意', Subject: 'Replaced' },
    });
    expectWireSafe(msg);
    const raw = s(msg);
    expect(raw).toContain('\r\nDate: Tue, 24 Nov 2026 09:05:00 +0000\r\n');
    expect(raw).toContain('\r\nMessage-ID: <fixed@hospital.example>\r\n');
    const p = await parseMessage(msg);
    expect(p.subject).toBe('Replaced');
    expect(p.headers.filter((h) => h.name.toLowerCase() === 'subject')).toHaveLength(1);
    expect(p.headers.find((h) => h.name === 'X-Direct-Final-Destination-Delivery')?.value).toBe('yes');
    expect(p.messageId).toBe('<fixed@hospital.example>');
  });

  it('puts html in multipart/alternative inside multipart/mixed, and writes both filename* and name=', () => {
    const msg = buildMessage({ ...base, html: '<p>x</p>', attachments: [{ filename: 'Résultats.pdf', content: pdfLike(100) }] });
    const top = splitEntity(msg);
    const ct = parseContentType(header(top, 'content-type'));
    expect(ct.type).toBe('multipart/mixed');
    const [alt, att] = splitMultipart(top.body, ct.params.boundary!);
    const altEntity = splitEntity(alt!);
    const altType = parseContentType(header(altEntity, 'content-type'));
    expect(altType.type).toBe('multipart/alternative');
    expect(splitMultipart(altEntity.body, altType.params.boundary!).map((p) => parseContentType(header(splitEntity(p), 'content-type')).type)).toEqual([
      'text/plain',
      'text/html',
    ]);
    const attEntity = splitEntity(att!);
    expect(header(attEntity, 'content-type')).toBe('application/pdf; name="=?UTF-8?Q?R=C3=A9sultats=2Epdf?="');
    expect(header(attEntity, 'content-disposition')).toBe("attachment; filename*=UTF-8''R%C3%A9sultats.pdf");
    expect(header(attEntity, 'content-transfer-encoding')).toBe('base64');
  });

  it('picks transfer encodings: 7bit for short ASCII, quoted-printable for mostly ASCII, base64 for CJK', () => {
    const cte = (text: string) => {
      const e = splitEntity(buildMessage({ ...base, text }));
      return header(e, 'content-transfer-encoding');
    };
    expect(cte('hello\n')).toBe('7bit');
    expect(cte('x'.repeat(2000))).toBe('quoted-printable');
    expect(cte('Résultats du laboratoire\n')).toBe('quoted-printable');
    expect(cte('検査結果のお知らせ'.repeat(20))).toBe('base64');
  });

  it('builds a 50 MB attachment quickly and keeps its bytes', async () => {
    const big = new Uint8Array(50 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 65536) crypto.getRandomValues(big.subarray(i, i + 65536));
    const msg = buildMessage({ ...base, attachments: [{ filename: 'scan.pdf', content: big }] });
    expect(msg.length).toBeGreaterThan(big.length * 1.35);
    const p = await parseMessage(msg);
    expect(Buffer.from(p.attachments[0]!.content).equals(Buffer.from(big))).toBe(true);
  });

  it('rejects invalid addresses, reserved headers and empty recipient lists with USAGE', () => {
    const bad: Partial<MessageInput>[] = [
      { to: ['not an address'] },
      { from: 'nobody' },
      { to: [], cc: [] },
      { headers: { 'Content-Type': 'text/html' } },
      { headers: { 'Bad Name': 'x' } },
    ];
    for (const extra of bad) {
      let caught: unknown;
      try {
        buildMessage({ ...base, ...extra });
      } catch (e) {
        caught = e;
      }
      expect(isDirectSealError(caught, 'USAGE'), JSON.stringify(extra)).toBe(true);
    }
  });
});

describe('buildEntity and buildMultipartBody', () => {
  it('writes headers, CRLF CRLF, body; splitEntity and splitMultipart give the bytes back', () => {
    const body = new TextEncoder().encode('inner\r\n');
    const entity = buildEntity([['Content-Type', 'text/plain; charset=utf-8'], ['Content-Description', 'Résumé']], body);
    expect(s(entity)).toBe('Content-Type: text/plain; charset=utf-8\r\nContent-Description: =?UTF-8?B?UsOpc3Vtw6k=?=\r\n\r\ninner\r\n');
    const boundary = generateBoundary();
    expect(boundary).toMatch(/^=_DirectSeal_[0-9a-f]{30}$/);
    expect(generateBoundary()).not.toBe(boundary);
    const sig = buildEntity([['Content-Type', 'application/pkcs7-signature; name=smime.p7s']], new TextEncoder().encode('AAAA'));
    const multipart = buildMultipartBody([entity, sig], boundary, 'This is an S/MIME signed message');
    expect(s(multipart).startsWith('This is an S/MIME signed message\r\n--' + boundary + '\r\n')).toBe(true);
    expect(s(multipart).endsWith('\r\n--' + boundary + '--\r\n')).toBe(true);
    expect(splitMultipart(multipart, boundary).map(s)).toEqual([s(entity), s(sig)]);
  });
});

describe('parseMessage', () => {
  it('never reads a message/rfc822 as the message: at the top or in a part, it is an attached message (issue 7)', async () => {
    const inner = buildMessage({ ...base, attachments: [{ filename: 'r.pdf', content: pdfLike(500) }] });
    const outer = new TextEncoder().encode(
      'From: pat@patient.test\r\nSubject: see attached\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n' +
        '--B\r\nContent-Type: text/plain\r\n\r\nmy own words\r\n--B\r\nContent-Type: message/rfc822\r\n\r\n',
    );
    const tail = new TextEncoder().encode('\r\n--B--\r\n');
    for (const [label, bytes] of [
      ['a bare wrapper', buildEntity([['Content-Type', 'message/rfc822']], inner)],
      ['a part of a multipart', new Uint8Array([...outer, ...inner, ...tail])],
    ] as const) {
      const p = await parseMessage(bytes);
      expect(p.subject, label).not.toBe(SUBJECT);
      expect(p.text ?? '', label).not.toContain(base.text.trim().slice(0, 20));
      const attached = p.attachments.filter((a) => a.mimeType === 'message/rfc822');
      expect(attached, label).toHaveLength(1);
      // postal-mime hands an attached message over with LF line ends.
      const lf = (u: Uint8Array) => s(u).replace(/\r\n/g, '\n').trimEnd();
      expect(lf(attached[0]!.content), label).toBe(lf(inner));
    }
  });

  it('reads a hand-written message from another client (LF, RFC 2231 continuations, QP, groups)', async () => {
    const raw = [
      'From: "Lab, Central" <LAB@Central.Example>',
      'To: Team: a@x.org, B <b@x.org>;',
      'Subject: =?ISO-8859-1?Q?R=E9sultats?=',
      '  =?UTF-8?B?IOaknOafuw==?=',
      'Date: Tue, 24 Nov 2026 10:00:00 +0100',
      'Content-Type: multipart/mixed; boundary=XYZ',
      '',
      '--XYZ',
      'Content-Type: text/plain; charset=iso-8859-1',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'caf=E9',
      '--XYZ',
      'Content-Type: application/pdf',
      'Content-Disposition: attachment;',
      " filename*0*=UTF-8''R%C3%A9sultats%20;",
      ' filename*1*=%E6%A4%9C%E6%9F%BB.pdf',
      'Content-Transfer-Encoding: base64',
      '',
      'JVBERi0xLjcK',
      '--XYZ--',
      '',
    ].join('\n');
    const p = await parseMessage(new TextEncoder().encode(raw));
    expect(p.from).toEqual({ name: 'Lab, Central', address: 'LAB@Central.Example' });
    expect(p.to).toEqual([{ address: 'a@x.org' }, { name: 'B', address: 'b@x.org' }]);
    expect(p.subject).toBe('Résultats 検査');
    expect(p.date).toBe('2026-11-24T09:00:00.000Z');
    expect(p.text?.trim()).toBe('café');
    expect(p.attachments).toHaveLength(1);
    expect(p.attachments[0]!.filename).toBe('Résultats 検査.pdf');
    expect(s(p.attachments[0]!.content)).toBe('%PDF-1.7\n');
  });
});

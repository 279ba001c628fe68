import { describe, expect, it } from 'vitest';
import {
  addressOf,
  decodeWords,
  encodeHeaderValue,
  encodeWords,
  foldHeader,
  formatAddressList,
  formatMailbox,
  formatParam,
  formatParam2047,
  formatParams,
  parseContentDisposition,
  parseContentType,
  parseMailbox,
} from '../../../utils/mime';
import { isDirectSealError } from '../../../utils/errors';

const SEVEN_BIT = /^[\t\x20-\x7e]*$/;

describe('RFC 2047 encoded words', () => {
  it.each([
    'Résultats de laboratoire — 検査',
    'é',
    '検査結果のお知らせ、至急ご確認ください。検査結果のお知らせ、至急ご確認ください。',
    '😷 emoji 🧪 and text',
    'a_b=c?d "quoted" (paren) <angle>',
    'x'.repeat(200) + 'é',
  ])('%s round-trips through encodeWords and decodeWords', (text) => {
    const enc = encodeWords(text);
    expect(enc).toMatch(SEVEN_BIT);
    for (const w of enc.split(' ')) {
      expect(w.length).toBeLessThanOrEqual(75);
      expect(w).toMatch(/^=\?UTF-8\?[BQ]\?[^? ]+\?=$/);
    }
    expect(decodeWords(enc)).toBe(text);
  });

  it('picks Q for mostly ASCII and B for mostly non-ASCII text', () => {
    expect(encodeWords('Résultats du laboratoire')).toMatch(/^=\?UTF-8\?Q\?/);
    expect(encodeWords('検査結果')).toMatch(/^=\?UTF-8\?B\?/);
  });

  it.each([
    ['Plain subject', 'Plain subject'],
    ['Re: Résultats du jour', /^Re: =\?UTF-8\?Q\?R=C3=A9sultats\?= du jour$/],
    ['a =?x?= lookalike', /^a =\?UTF-8\?/],
    ['line\r\nbreak', 'line break'],
    ['folded\r\n continuation', 'folded continuation'],
  ])('encodeHeaderValue(%j)', (input, expected) => {
    const out = encodeHeaderValue(input);
    if (typeof expected === 'string') expect(out).toBe(expected);
    else expect(out).toMatch(expected);
    expect(decodeWords(out)).toBe(input.replace(/\r\n /, ' ').replace(/\r\n/, ' '));
  });

  it('decodes words split in the middle of a UTF-8 sequence and other charsets', () => {
    expect(decodeWords('=?UTF-8?Q?=C3?= =?UTF-8?Q?=A9t=C3=A9?=')).toBe('été');
    expect(decodeWords('=?ISO-8859-1?Q?caf=E9?= ok')).toBe('café ok');
    expect(decodeWords('=?iso-2022-jp?B?GyRCJUYlOSVIGyhC?=')).toBe('テスト');
  });
});

describe('folding', () => {
  it('folds at blanks within 78 columns and unfolds back to the same value', () => {
    const value = encodeHeaderValue('Résultats de laboratoire — 検査 '.repeat(8) + 'x'.repeat(100));
    const folded = foldHeader('Subject', value);
    for (const line of folded.split('\r\n')) {
      expect(line.length).toBeLessThanOrEqual(101); // one unbreakable 100-char word after its blank
      expect(line.trim().length).toBeGreaterThan(0);
    }
    expect(folded.split('\r\n').filter((l) => l.length > 78)).toEqual([' ' + 'x'.repeat(100)]);
    expect(folded.replace(/\r\n(?=[ \t])/g, '')).toBe(`Subject: ${value}`);
  });

  it('encodes over-long plain words so no line can pass 998', () => {
    const folded = foldHeader('Subject', encodeHeaderValue('y'.repeat(3000)));
    for (const line of folded.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    expect(decodeWords(folded.replace(/\r\n(?=[ \t])/g, '').slice('Subject: '.length))).toBe('y'.repeat(3000));
  });

  it('leaves short lines alone and strips injected line breaks', () => {
    expect(foldHeader('To', 'a@b.c')).toBe('To: a@b.c');
    expect(foldHeader('Subject', 'x\r\nBcc: evil@x.org')).toBe('Subject: x Bcc: evil@x.org');
  });
});

describe('parameters', () => {
  it.each([
    ['text/plain', 'text/plain', {}],
    ['Text/HTML; Charset="UTF-8"', 'text/html', { charset: 'UTF-8' }],
    ['multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256;\tboundary="----=_Part_1"', 'multipart/signed', {
      protocol: 'application/pkcs7-signature',
      micalg: 'sha-256',
      boundary: '----=_Part_1',
    }],
    ['application/pdf; name="a \\"quoted\\" \\\\ name.pdf"', 'application/pdf', { name: 'a "quoted" \\ name.pdf' }],
    ['application/pdf; name="=?UTF-8?B?UsOpc3VsdGF0cy5wZGY=?="', 'application/pdf', { name: 'Résultats.pdf' }],
    ['application/pdf; name==?UTF-8?Q?R=C3=A9sultats.pdf?=', 'application/pdf', { name: 'Résultats.pdf' }],
    ['text/plain; charset=us-ascii (Plain text)', 'text/plain', { charset: 'us-ascii' }],
    ['garbage', 'text/plain', {}],
    ['multipart/mixed; boundary="=?UTF-8?Q?x?="; boundary=second', 'multipart/mixed', { boundary: '=?UTF-8?Q?x?=' }],
    ['text/plain; format=flowed; delsp', 'text/plain', { format: 'flowed' }],
    ['text/plain; name="unterminated', 'text/plain', { name: 'unterminated' }],
    ['application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m', 'application/pkcs7-mime', {
      'smime-type': 'enveloped-data',
      name: 'smime.p7m',
    }],
  ])('parseContentType(%j)', (value, type, params) => {
    expect(parseContentType(value)).toEqual({ type, params });
  });

  it.each([
    // RFC 2231 section 3 and 4 examples, and what clients send
    ["attachment; filename*=UTF-8''R%C3%A9sultats%20%E6%A4%9C%E6%9F%BB.pdf", 'Résultats 検査.pdf'],
    ["attachment; filename*=iso-8859-1'fr'caf%E9.txt", 'café.txt'],
    ['attachment; filename*0="long file "; filename*1="name.txt"', 'long file name.txt'],
    ["attachment; filename*1*=%A9sultats.pdf; filename*0*=UTF-8''R%C3", 'Résultats.pdf'], // out of order, split UTF-8
    ["attachment; filename*0*=UTF-8''caf%C3%A9; filename*1=\" au lait.txt\"", 'café au lait.txt'],
    ["attachment; filename=\"fallback.pdf\"; filename*=UTF-8''r%C3%A9el.pdf", 'réel.pdf'],
    ["attachment; filename*=UTF-8''r%C3%A9el.pdf; filename=\"fallback.pdf\"", 'réel.pdf'],
    ['attachment; filename="=?UTF-8?Q?R=C3=A9sultats?= =?UTF-8?Q?_2.pdf?="', 'Résultats 2.pdf'],
    ["attachment; filename*=unknown-charset''abc", 'abc'],
    ['attachment; filename*=100%25', '100%'],
  ])('parseContentDisposition(%j)', (value, filename) => {
    const d = parseContentDisposition(value);
    expect(d.disposition).toBe('attachment');
    expect(d.params.filename).toBe(filename);
  });

  it.each(['report.pdf', 'my report (final).pdf', 'Résultats de laboratoire — 検査 du 24 novembre, version très longue.pdf', 'x'.repeat(150), '%*\'"\\;.pdf'])(
    'formatParam(%j) and formatParam2047 parse back, with 7-bit short sections',
    (name) => {
      const disp = formatParams('attachment', formatParam('filename', name));
      const type = formatParams('application/pdf', [formatParam2047('name', name)]);
      expect(disp).toMatch(SEVEN_BIT);
      expect(type).toMatch(SEVEN_BIT);
      for (const seg of formatParam('filename', name)) expect(seg.length).toBeLessThanOrEqual(76);
      expect(parseContentDisposition(foldHeader('Content-Disposition', disp).replace(/\r\n/g, '').slice(21)).params.filename).toBe(name);
      expect(parseContentType(type).params.name).toBe(name);
    },
  );
});

describe('addresses', () => {
  it.each([
    ['bob@example.org', 'bob@example.org'],
    ['Bob <bob@example.org>', 'Bob <bob@example.org>'],
    ['"Smith, John" <j@x.org>', '"Smith, John" <j@x.org>'],
    ['J. Smith <j@x.org>', '"J. Smith" <j@x.org>'],
    ['Dr. Émile Zola <emile@x.org>', /^=\?UTF-8\?[BQ]\?.+\?= <emile@x\.org>$/],
    ['Émile <emile@hôpital.fr>', /<emile@xn--hpital-ixa\.fr>$/],
  ])('formatMailbox(%j)', (input, expected) => {
    const out = formatMailbox(input);
    if (typeof expected === 'string') expect(out).toBe(expected);
    else expect(out).toMatch(expected);
    expect(out).toMatch(SEVEN_BIT);
    const back = parseMailbox(out);
    expect(back.name ?? '').toBe(parseMailbox(input).name ?? '');
  });

  it('formats lists and rejects what is not one address', () => {
    expect(formatAddressList(['a@x.org', { name: 'B', address: 'b@x.org' }])).toBe('a@x.org, B <b@x.org>');
    for (const bad of ['nobody', '', 'a@x.org, b@x.org', 'x <a@b.c> <d@e.f>', 'é@x.org']) {
      let caught: unknown;
      try {
        formatMailbox(bad);
      } catch (e) {
        caught = e;
      }
      expect(isDirectSealError(caught, 'USAGE'), bad).toBe(true);
    }
  });

  it.each([
    ['Bob <Bob@Example.ORG>', 'bob@example.org'],
    ['bob@example.org', 'bob@example.org'],
    ['"a@evil.example" <bob@example.org>', 'bob@example.org'],
    ['=?UTF-8?B?w4ltaWxl?= <emile@x.org>', 'emile@x.org'],
    ['bob@example.org (Bob)', 'bob@example.org'],
    ['"x" <a@b.org> <c@d.org>', undefined],
    ['a@b.org, c@d.org', undefined],
    ['Team: a@b.org;', 'a@b.org'],
    ['Team: a@b.org, c@d.org;', undefined],
    ['<@route.example:a@b.org>', undefined],
    ['no address', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('addressOf(%j) = %j', (value, expected) => {
    expect(addressOf(value)).toBe(expected);
  });
});

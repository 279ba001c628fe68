import { describe, expect, it } from 'vitest';
import { DirectSealError } from '../../../utils/errors';
import { COVER_BODY, COVER_SUBJECT } from '../../../utils/frame-protocol';
import { coverNote, DEFAULT_OUTGOING, normalizeOutgoing, outerSubject, practiceSubject, withoutReplyPrefix } from '../../../utils/direct/outer-subject';

const lakeside = normalizeOutgoing({
  practice: 'Lakeside Family Practice',
  phone: '+1 555 0100',
  coverNote: 'Our office is open Monday to Friday.',
  readerLink: 'https://lakeside.example/secure-mail',
});

describe('outer subject', () => {
  it('is the practice template with its name', () => {
    expect(outerSubject(lakeside)).toBe('Secure message from Lakeside Family Practice');
    expect(practiceSubject(normalizeOutgoing({ practice: 'Lakeside', subjectTemplate: '{practice}: secure mail' }))).toBe('Lakeside: secure mail');
  });

  it('is "Secure message" while the practice has no name (what the frame said before settings existed)', () => {
    expect(outerSubject(DEFAULT_OUTGOING)).toBe(COVER_SUBJECT);
  });

  it('takes a per-message subject, on one line (a newline would start a new header)', () => {
    expect(outerSubject(lakeside, { override: '  Your appointment\r\nBcc: x@y.z ' })).toBe('Your appointment Bcc: x@y.z');
    expect(outerSubject(lakeside, { override: '   ' })).toBe('Secure message from Lakeside Family Practice');
  });

  it('keeps one "Re: " before the original outer subject, so replies thread', () => {
    expect(outerSubject(lakeside, { replyTo: 'Secure message from Hillside Clinic' })).toBe('Re: Secure message from Hillside Clinic');
    expect(outerSubject(lakeside, { replyTo: 'RE: Re: Aw: Secure message' })).toBe('Re: Secure message');
    expect(outerSubject(lakeside, { replyTo: 'Re: x', override: 'Re: Follow-up' })).toBe('Re: Follow-up');
  });

  it('answers a message without an outer subject with "Re: " and the practice subject', () => {
    expect(outerSubject(lakeside, { replyTo: '' })).toBe('Re: Secure message from Lakeside Family Practice');
    expect(withoutReplyPrefix('Re:')).toBe('');
  });
});

describe('cover note', () => {
  it('is the old fixed note while nothing is set', () => {
    expect(coverNote(DEFAULT_OUTGOING)).toBe(COVER_BODY);
  });

  it('names the practice, its phone, its own words and the link for recipients without DirectSeal', () => {
    const note = coverNote(lakeside);
    expect(note).toContain('secure Direct message from Lakeside Family Practice');
    expect(note).toContain('Call Lakeside Family Practice at +1 555 0100.');
    expect(note).toContain('Our office is open Monday to Friday.');
    expect(note).toContain('See https://lakeside.example/secure-mail');
  });
});

describe('normalizeOutgoing', () => {
  it('refuses a link that is not https', () => {
    expect(() => normalizeOutgoing({ readerLink: 'http://lakeside.example/' })).toThrow(DirectSealError);
    expect(() => normalizeOutgoing({ readerLink: 'javascript:alert(1)' })).toThrow(/https/);
  });

  it('puts the default template back when the template is emptied', () => {
    expect(normalizeOutgoing({ subjectTemplate: '  ' }).subjectTemplate).toBe(DEFAULT_OUTGOING.subjectTemplate);
  });

  it('refuses a cover note too long to be a note', () => {
    expect(() => normalizeOutgoing({ coverNote: 'x'.repeat(1001) })).toThrow(DirectSealError);
  });
});

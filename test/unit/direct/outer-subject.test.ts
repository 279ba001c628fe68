import { describe, expect, it } from 'vitest';
import { DirectSealError } from '../../../utils/errors';
import { COVER_BODY, COVER_SUBJECT } from '../../../utils/frame-protocol';
import { coverLocales, coverNote, DEFAULT_OUTGOING, notificationCover, normalizeOutgoing, outerSubject, practiceSubject, standardTemplate } from '../../../utils/direct/outer-subject';
import { withoutReplyPrefix } from '../../../utils/direct/subject-line';

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

describe('the cover note and outer subject in Spanish, or in both languages', () => {
  const es = coverLocales('es', 'en');
  const both = coverLocales('both', 'es');

  it("resolves the choice: the pages' language for auto, English first for both", () => {
    expect(coverLocales('auto', 'es')).toEqual(['es']);
    expect(coverLocales('auto', 'en')).toEqual(['en']);
    expect(coverLocales('en', 'es')).toEqual(['en']);
    expect(both).toEqual(['en', 'es']);
  });

  it("writes the standard note in Spanish, with the practice's own words as typed", () => {
    expect(coverNote(lakeside, es)).toBe(
      [
        'Este correo trae un mensaje Direct seguro de Lakeside Family Practice (smime.p7m), firmado y cifrado para usted.',
        '',
        'Para leerlo, abra el archivo adjunto con DirectSeal o con su programa de correo Direct/S/MIME.',
        '¿No tiene DirectSeal ni un programa de correo Direct? Consulte https://lakeside.example/secure-mail',
        '',
        'Our office is open Monday to Friday.',
        '',
        '¿Tiene preguntas sobre este mensaje? Llame a Lakeside Family Practice al +1 555 0100.',
      ].join('\n'),
    );
    expect(coverNote(normalizeOutgoing({ phone: '555 0100' }), es)).toContain('Llámenos al 555 0100.');
    expect(coverNote(DEFAULT_OUTGOING, es)).not.toMatch(/\bthe\b|\bsecure\b/i);
  });

  it("writes both, English first, the practice's words once", () => {
    const note = coverNote(normalizeOutgoing({ practice: 'Lakeside', phone: '555 0100', coverNote: 'Abierto de lunes a viernes.' }), both);
    expect(note).toBe(
      [
        'This email carries a secure Direct message from Lakeside (smime.p7m), signed and encrypted for you.',
        '',
        'To read it, open the attachment with DirectSeal or your Direct/S/MIME mail program.',
        '',
        'Este correo trae un mensaje Direct seguro de Lakeside (smime.p7m), firmado y cifrado para usted.',
        '',
        'Para leerlo, abra el archivo adjunto con DirectSeal o con su programa de correo Direct/S/MIME.',
        '',
        'Abierto de lunes a viernes.',
        '',
        'Questions about this message? Call Lakeside at 555 0100.',
        '¿Tiene preguntas sobre este mensaje? Llame a Lakeside al 555 0100.',
      ].join('\n'),
    );
  });

  it("says the standard subject in the chosen language, whichever language's standard was saved", () => {
    expect(outerSubject(lakeside, { locales: es })).toBe('Mensaje seguro de Lakeside Family Practice');
    expect(outerSubject({ ...lakeside, subjectTemplate: standardTemplate('es') })).toBe('Secure message from Lakeside Family Practice');
    expect(outerSubject(DEFAULT_OUTGOING, { locales: es })).toBe('Mensaje seguro');
    expect(outerSubject(lakeside, { locales: both })).toBe('Secure message from Lakeside Family Practice / Mensaje seguro de Lakeside Family Practice');
  });

  it("uses a practice's own subject as typed, in every language", () => {
    const own = normalizeOutgoing({ practice: 'Lakeside', subjectTemplate: 'Consultorio {practice}: mensaje' });
    expect(outerSubject(own, { locales: both })).toBe('Consultorio Lakeside: mensaje');
    expect(outerSubject(own, { locales: ['en'] })).toBe('Consultorio Lakeside: mensaje');
  });

  it('keeps "Re: " threading as it is: the original outer subject, whatever the language', () => {
    expect(outerSubject(lakeside, { replyTo: 'Secure message from Hillside Clinic', locales: es })).toBe('Re: Secure message from Hillside Clinic');
    expect(outerSubject(lakeside, { replyTo: '', locales: es })).toBe('Re: Mensaje seguro de Lakeside Family Practice');
  });
});

describe('the cover of a delivery notification', () => {
  it('says what it is, in English as before, in Spanish, or in both', () => {
    expect(notificationCover()).toEqual({
      subject: 'Delivery notification: processed',
      body: 'This email carries a Direct delivery notification (smime.p7m), signed and encrypted for you:\nit confirms that your secure message was received and opened.\n\nDirectSeal matches it to the message you sent when you open it.',
    });
    expect(notificationCover(['es']).subject).toBe('Notificación de entrega: procesado');
    expect(notificationCover(['es']).body).toMatch(/^Este correo trae una notificación de entrega Direct \(smime\.p7m\)/);
    const both = notificationCover(['en', 'es']);
    expect(both.subject).toBe('Delivery notification: processed / Notificación de entrega: procesado');
    expect(both.body.indexOf('This email carries')).toBe(0);
    expect(both.body).toContain('\n\nEste correo trae una notificación');
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

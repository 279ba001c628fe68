/**
 * What a sealed message shows outside its encryption: the outer Subject and the cover note of the webmail
 * draft that carries smime.p7m. Both are read by the webmail, every mail server on the way and anyone who
 * sees the inbox, so they come from the practice's settings (its name, phone, how to read the message) and
 * never from the message; the real subject travels inside, encrypted. A per-message outer subject is the
 * user's explicit choice, made after a warning in the frame.
 *
 * The standard subject and note exist in each language of the catalog (utils/i18n, "outgoing.cover.*"); the
 * practice chooses which its recipients read (`coverLanguage`), and the caller passes the languages it resolved
 * (`coverLocales`), so this stays pure. The practice's own words are sent as typed, in whatever language.
 */
import { DirectSealError } from '../errors';
import { translate, type Locale } from '../i18n';
import { oneLine, withoutReplyPrefix } from './subject-line';

export interface OutgoingSettings {
  /** "Lakeside Family Practice"; empty until the practice sets it. */
  practice: string;
  /** A phone number recipients can call about the message. */
  phone: string;
  /** The outer subject; `{practice}` stands for the practice's name. */
  subjectTemplate: string;
  /** The practice's own words in the cover note (how to read the message, who to ask). */
  coverNote: string;
  /** An https:// page for recipients who do not have DirectSeal or a Direct mail program. */
  readerLink: string;
  /** The language of the standard subject and note: the pages' own ('auto'), one, or both (English first). */
  coverLanguage: CoverLanguage;
}

export const COVER_LANGUAGES = ['auto', 'en', 'es', 'both'] as const;
export type CoverLanguage = (typeof COVER_LANGUAGES)[number];
const isCoverLanguage = (value: unknown): value is CoverLanguage => (COVER_LANGUAGES as readonly unknown[]).includes(value);

/** The languages a cover note is written in, in order; 'auto' follows the language of the DirectSeal pages. */
export function coverLocales(choice: CoverLanguage, pageLocale: Locale): Locale[] {
  if (choice === 'both') return ['en', 'es'];
  return [choice === 'auto' ? pageLocale : choice];
}

export const DEFAULT_SUBJECT_TEMPLATE = translate('en', 'outgoing.cover.subject');
/** What the outer subject is while the practice has not named itself. */
export const PLAIN_SUBJECT = translate('en', 'outgoing.cover.subject.plain');

export const DEFAULT_OUTGOING: Readonly<OutgoingSettings> = {
  practice: '',
  phone: '',
  subjectTemplate: DEFAULT_SUBJECT_TEMPLATE,
  coverNote: '',
  readerLink: '',
  coverLanguage: 'auto',
};

const MAX_NOTE = 1000;

/** The practice's settings as they are kept: trimmed, one line where a line is meant; a link must be https. */
export function normalizeOutgoing(input: Partial<OutgoingSettings>): OutgoingSettings {
  const note = String(input.coverNote ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f]+/g, ' ')
    .trim();
  if (note.length > MAX_NOTE) throw new DirectSealError('USAGE', `the cover note can have at most ${MAX_NOTE} characters`);
  const link = oneLine(String(input.readerLink ?? ''), 300);
  if (link && !isHttpsLink(link)) throw new DirectSealError('USAGE', 'the link for recipients must be an https:// address');
  return {
    practice: oneLine(String(input.practice ?? ''), 80),
    phone: oneLine(String(input.phone ?? ''), 40),
    subjectTemplate: oneLine(String(input.subjectTemplate ?? '')) || DEFAULT_SUBJECT_TEMPLATE,
    coverNote: note,
    readerLink: link,
    coverLanguage: isCoverLanguage(input.coverLanguage) ? input.coverLanguage : 'auto',
  };
}

export function isHttpsLink(text: string): boolean {
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}

/** The standard subject template in a language (what a new practice has, before it types its own). */
export const standardTemplate = (locale: Locale): string => translate(locale, 'outgoing.cover.subject');

/** Whether a template is the standard one, in any language: then the chosen language's is used. */
export function isStandardTemplate(template: string): boolean {
  return template === '' || (['en', 'es'] as const).some((l) => standardTemplate(l) === template);
}

/**
 * The practice's subject: the template with its name, or "Secure message" while it has none. The standard
 * template is said in each of `locales` (" / " between them); a practice's own template is used as typed.
 */
export function practiceSubject(settings: OutgoingSettings, locales: readonly Locale[] = ['en']): string {
  const typed = settings.subjectTemplate || DEFAULT_SUBJECT_TEMPLATE;
  const subjects = isStandardTemplate(typed) ? locales.map((l) => subjectFrom(standardTemplate(l), settings.practice, l)) : [subjectFrom(typed, settings.practice, locales[0] ?? 'en')];
  return oneLine([...new Set(subjects)].join(' / '));
}

function subjectFrom(template: string, practice: string, locale: Locale): string {
  const plain = translate(locale, 'outgoing.cover.subject.plain');
  if (!practice && template.includes('{practice}')) return plain;
  return oneLine(template.replaceAll('{practice}', practice)) || plain;
}

/**
 * The outer subject of a sealed message. `override`: what the user typed for this message (after the
 * warning); `replyTo`: the outer subject of the message answered, whose "Re: " chain is kept so the reply
 * threads with it (one "Re: ", as mail programs do); `locales`: the languages of the standard subject.
 */
export function outerSubject(settings: OutgoingSettings, options: { override?: string; replyTo?: string; locales?: readonly Locale[] } = {}): string {
  const chosen = oneLine(options.override ?? '');
  const standard = () => practiceSubject(settings, options.locales);
  if (options.replyTo !== undefined) {
    const original = withoutReplyPrefix(oneLine(options.replyTo));
    const base = chosen ? withoutReplyPrefix(chosen) : original || standard();
    return `Re: ${base || standard()}`;
  }
  return chosen || standard();
}

/**
 * The cover note's text: what the recipient sees in place of the message, with nothing of its content. The
 * standard lines come in each of `locales` (English first for both), the practice's own words once, as typed.
 */
export function coverNote(settings: OutgoingSettings, locales: readonly Locale[] = ['en']): string {
  const { practice, phone, readerLink } = settings;
  const blocks = locales.map((l) => {
    const lines = [practice ? translate(l, 'outgoing.cover.carriesFrom', { practice }) : translate(l, 'outgoing.cover.carries'), '', translate(l, 'outgoing.cover.howToRead')];
    if (readerLink) lines.push(translate(l, 'outgoing.cover.readerLink', { link: readerLink }));
    return lines.join('\n');
  });
  if (settings.coverNote) blocks.push(settings.coverNote);
  if (phone) blocks.push(locales.map((l) => (practice ? translate(l, 'outgoing.cover.call', { practice, phone }) : translate(l, 'outgoing.cover.callUs', { phone }))).join('\n'));
  return blocks.join('\n\n');
}

/** The outer subject and note of a delivery notification (what it confirms, nothing of the message), in each of `locales`. */
export function notificationCover(locales: readonly Locale[] = ['en']): { subject: string; body: string } {
  return {
    subject: locales.map((l) => translate(l, 'outgoing.notification.subject')).join(' / '),
    body: locales.map((l) => translate(l, 'outgoing.notification.body')).join('\n\n'),
  };
}

/**
 * What a sealed message shows outside its encryption: the outer Subject and the cover note of the webmail
 * draft that carries smime.p7m. Both are read by the webmail, every mail server on the way and anyone who
 * sees the inbox, so they come from the practice's settings (its name, phone, how to read the message) and
 * never from the message; the real subject travels inside, encrypted. A per-message outer subject is the
 * user's explicit choice, made after a warning in the frame.
 */
import { DirectSealError } from '../errors';

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
}

export const DEFAULT_SUBJECT_TEMPLATE = 'Secure message from {practice}';
/** What the outer subject is while the practice has not named itself. */
export const PLAIN_SUBJECT = 'Secure message';

export const DEFAULT_OUTGOING: Readonly<OutgoingSettings> = {
  practice: '',
  phone: '',
  subjectTemplate: DEFAULT_SUBJECT_TEMPLATE,
  coverNote: '',
  readerLink: '',
};

const MAX_LINE = 160;
const MAX_NOTE = 1000;

/** One line, no control characters (a CR/LF in a Subject would start a new header), at most `max` characters. */
export function oneLine(text: string, max = MAX_LINE): string {
  return text
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max)
    .trim();
}

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
  };
}

function isHttpsLink(text: string): boolean {
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}

/** The practice's subject: the template with its name, or "Secure message" while it has none. */
export function practiceSubject(settings: OutgoingSettings): string {
  const template = settings.subjectTemplate || DEFAULT_SUBJECT_TEMPLATE;
  if (!settings.practice && template.includes('{practice}')) return PLAIN_SUBJECT;
  return oneLine(template.replaceAll('{practice}', settings.practice)) || PLAIN_SUBJECT;
}

/** "Re: Re: RE: Aw: x" → "x": the reply prefixes a mail program adds, however many. */
export function withoutReplyPrefix(subject: string): string {
  return subject.replace(/^(\s*(re|aw|sv|antw)\s*(\[\d+\])?\s*:\s*)+/i, '').trim();
}

/**
 * The outer subject of a sealed message. `override`: what the user typed for this message (after the
 * warning); `replyTo`: the outer subject of the message answered, whose "Re: " chain is kept so the reply
 * threads with it (one "Re: ", as mail programs do).
 */
export function outerSubject(settings: OutgoingSettings, options: { override?: string; replyTo?: string } = {}): string {
  const chosen = oneLine(options.override ?? '');
  if (options.replyTo !== undefined) {
    const original = withoutReplyPrefix(oneLine(options.replyTo));
    const base = chosen ? withoutReplyPrefix(chosen) : original || practiceSubject(settings);
    return `Re: ${base || practiceSubject(settings)}`;
  }
  return chosen || practiceSubject(settings);
}

/** The cover note's text: what the recipient sees in place of the message, with nothing of its content. */
export function coverNote(settings: OutgoingSettings): string {
  const from = settings.practice ? ` from ${settings.practice}` : '';
  const lines = [
    `This email carries a secure Direct message${from} (smime.p7m), signed and encrypted for you.`,
    '',
    'To read it, open the attachment with DirectSeal or your Direct/S/MIME mail program.',
  ];
  if (settings.readerLink) lines.push(`No DirectSeal or Direct mail program? See ${settings.readerLink}`);
  if (settings.coverNote) lines.push('', settings.coverNote);
  if (settings.phone) lines.push('', `Questions about this message? Call ${settings.practice || 'us'} at ${settings.phone}.`);
  return lines.join('\n');
}

/**
 * Subject lines as mail carries them. Apart from outer-subject.ts, which builds the standard subject from the
 * whole catalog, so that the content scripts (which match subjects) do not carry that catalog.
 */

const MAX_LINE = 160;

/** One line, no control characters (a CR/LF in a Subject would start a new header), at most `max` characters. */
export function oneLine(text: string, max = MAX_LINE): string {
  return text
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max)
    .trim();
}

/** "Re: Re: RE: Aw: x" → "x": the reply prefixes a mail program adds, however many. */
export function withoutReplyPrefix(subject: string): string {
  return subject.replace(/^(\s*(re|aw|sv|antw)\s*(\[\d+\])?\s*:\s*)+/i, '').trim();
}

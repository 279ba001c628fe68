/**
 * Text a sender wrote, made to read as it is stored: bidi controls (embeddings, overrides, isolates, marks)
 * reorder what a person sees, so that "Pat \u202Etset.bal@stluser" reads as "Pat results@lab.test".
 */

/** U+061C, U+200E-200F, U+202A-202E, U+2066-2069. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** The text without bidi controls: it then shows in the order it is stored and judged in. */
export const withoutBidiControls = (text: string): string => text.replace(BIDI_CONTROLS, '');

/** Characters that draw nothing or move text: controls, format characters (bidi, zero-width), line separators. */
export const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

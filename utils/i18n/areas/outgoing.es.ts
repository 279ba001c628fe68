/** Spanish texts of Options → outgoing mail, the outer cover note, the verdict warnings and technical details: the same ids as outgoing.en.ts. */
import type { outgoingEn } from './outgoing.en';

export const outgoingEs = {
} as const satisfies Record<keyof typeof outgoingEn, string>;

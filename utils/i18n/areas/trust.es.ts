/** Spanish texts of Options → trust anchors, contacts, certificate discovery, practice CA: the same ids as trust.en.ts. */
import type { trustEn } from './trust.en';

export const trustEs = {
} as const satisfies Record<keyof typeof trustEn, string>;

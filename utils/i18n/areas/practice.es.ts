/** Spanish texts of the Options page frame, lock, delivery, sites, and the setup page practice/physician steps: the same ids as practice.en.ts. */
import type { practiceEn } from './practice.en';

export const practiceEs = {
} as const satisfies Record<keyof typeof practiceEn, string>;

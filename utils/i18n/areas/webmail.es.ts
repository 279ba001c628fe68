/** Spanish texts of what the content scripts put into webmail and EHR pages, and the frame broker refusals: the same ids as webmail.en.ts. */
import type { webmailEn } from './webmail.en';

export const webmailEs = {
} as const satisfies Record<keyof typeof webmailEn, string>;

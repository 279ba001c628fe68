/** Spanish texts of Options → identities and keys (import .p12 / PEM, make a key and CSR, backup, pending setup): the same ids as identity.en.ts. */
import type { identityEn } from './identity.en';

export const identityEs = {
} as const satisfies Record<keyof typeof identityEn, string>;

/** English texts of Options → identities and keys (import .p12 / PEM, make a key and CSR, backup, pending setup). */
export const identityEn = {
} as const;

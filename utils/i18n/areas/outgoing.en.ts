/** English texts of Options → outgoing mail, the outer cover note, the verdict warnings and technical details. */
export const outgoingEn = {
} as const;

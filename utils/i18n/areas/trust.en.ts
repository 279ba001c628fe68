/** English texts of Options → trust anchors, contacts, certificate discovery, practice CA. */
export const trustEn = {
} as const;

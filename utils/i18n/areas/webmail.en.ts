/** English texts of what the content scripts put into webmail and EHR pages, and the frame broker refusals. */
export const webmailEn = {
} as const;

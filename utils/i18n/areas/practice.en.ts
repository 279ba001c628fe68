/** English texts of the Options page frame, lock, delivery, sites, and the setup page practice/physician steps. */
export const practiceEn = {
} as const;

/**
 * The stand-in for the user's "Deny" on Chromium's permission prompt, which Playwright cannot click: the page's
 * permissions.request (chrome and browser) answers false, as Chromium does when the user declines, and keeps each
 * request it was given for the test to check.
 */
import type { Page } from 'playwright-core';

/** From the next navigation of `page` on, every permissions.request there is refused and recorded. */
export async function denyPermissionRequests(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const asked: unknown[] = [];
    (globalThis as { __asked?: unknown[] }).__asked = asked;
    const deny = async (request: unknown) => (asked.push(request), false);
    for (const api of [(globalThis as any).chrome, (globalThis as any).browser]) if (api?.permissions) api.permissions.request = deny;
  });
}

/** The requests the refusing stand-in was given in `page`, in order (undefined when it was never put there). */
export async function askedPermissions(page: Page): Promise<unknown[] | undefined> {
  return page.evaluate(() => (globalThis as { __asked?: unknown[] }).__asked);
}

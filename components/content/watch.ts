/**
 * How a content script follows a page that keeps re-rendering (single-page webmails, EHRs): `scan` now, and
 * again (throttled) after DOM changes; when the extension is reloaded or removed, stop and take our buttons
 * and frames off the page.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

export function watchPage(ctx: ContentScriptContext, scan: () => void, options: { delayMs: number; characterData?: boolean }): void {
  let pending = 0;
  const observer = new MutationObserver(() => {
    if (!pending) pending = window.setTimeout(() => ((pending = 0), scan()), options.delayMs);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: options.characterData ?? false });
  scan();
  ctx.onInvalidated(() => {
    observer.disconnect();
    clearTimeout(pending);
    document.querySelectorAll('directseal-button, directseal-frame, directseal-sealed, directseal-confirm, directseal-held').forEach((e) => e.remove());
  });
}

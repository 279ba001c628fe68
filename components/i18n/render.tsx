import { render, type ComponentChildren } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';
import type { MessageId } from '@/utils/i18n';
import { currentLocale, onLocaleChange, t } from './current';
import { startLocale } from './setting';

/**
 * Re-renders the whole page (state kept) when the language changes: `view` makes fresh elements each time.
 * Layout effects, not passive ones: they run with the render that shows the page, so the title arrives with the
 * content (a screen reader announces it), and a change made in the frame after the first render is not missed
 * (`lang` would follow it, the content would not).
 */
function Localized({ view, title }: { view: () => ComponentChildren; title?: MessageId | undefined }) {
  const [locale, setLocale] = useState(currentLocale());
  useLayoutEffect(() => {
    const follow = () => setLocale(currentLocale());
    follow();
    return onLocaleChange(follow);
  }, []);
  useLayoutEffect(() => {
    if (title) document.title = t(title);
  }, [locale]);
  return <>{view()}</>;
}

/**
 * A page's render, in the chosen language from the first frame (no English flash before the setting loads).
 * `title`: the page's title, for pages that do not set their own.
 */
export async function renderLocalized(view: () => ComponentChildren, root: HTMLElement, title?: MessageId): Promise<void> {
  await startLocale();
  render(<Localized view={view} title={title} />, root);
}

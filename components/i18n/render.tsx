import { render, type ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { MessageId } from '@/utils/i18n';
import { currentLocale, onLocaleChange, t } from './current';
import { startLocale } from './setting';

/** Re-renders the whole page (state kept) when the language changes: `view` makes fresh elements each time. */
function Localized({ view, title }: { view: () => ComponentChildren; title?: MessageId | undefined }) {
  const [locale, setLocale] = useState(currentLocale());
  useEffect(() => onLocaleChange(() => setLocale(currentLocale())), []);
  useEffect(() => {
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

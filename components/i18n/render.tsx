import { render, type ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { currentLocale, onLocaleChange } from './current';
import { startLocale } from './setting';

/** Re-renders the whole page (state kept) when the language changes: `view` makes fresh elements each time. */
function Localized({ view }: { view: () => ComponentChildren }) {
  const [, setLocale] = useState(currentLocale());
  useEffect(() => onLocaleChange(() => setLocale(currentLocale())), []);
  return <>{view()}</>;
}

/** A page's render, in the chosen language from the first frame (no English flash before the setting loads). */
export async function renderLocalized(view: () => ComponentChildren, root: HTMLElement): Promise<void> {
  await startLocale();
  render(<Localized view={view} />, root);
}

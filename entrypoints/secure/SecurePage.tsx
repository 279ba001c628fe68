import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Brand } from '@/components/Brand';
import { ComposeView, type ComposeStart } from '@/components/compose/ComposeView';
import { ReadView } from '@/components/read/ReadView';
import { Tabs } from '@/components/ui/Tabs';
import { SecurityIndicator } from '@/components/indicator/SecurityIndicator';

type View = 'write' | 'read';
const VIEWS = [
  { id: 'write', label: 'Write' },
  { id: 'read', label: 'Read' },
] as const;
const TITLES: Record<View, string> = { write: 'Write a secure message', read: 'Open a secure message' };

const viewFromUrl = (): View => (new URLSearchParams(location.search).get('view') === 'read' ? 'read' : 'write');

/** secure.html?view=write|read: the two message views, side by side as tabs; webmail frames embed each alone. */
export function SecurePage() {
  const [view, setView] = useState<View>(viewFromUrl);
  const [reply, setReply] = useState<ComposeStart>();
  const startReply = (start: ComposeStart) => {
    setReply(start);
    setView('write');
  };
  const settingsUrl = browser.runtime.getURL('/options.html');

  useEffect(() => {
    document.title = `${TITLES[view]} · DirectSeal`;
    const url = new URL(location.href);
    url.searchParams.set('view', view);
    history.replaceState(null, '', url);
  }, [view]);

  return (
    <>
      <header class="secure-header">
        <div class="secure-header__inner">
          <Brand size={32} tagline="Direct secure health mail" />
          <SecurityIndicator settingsUrl={settingsUrl} />
          <a class="secure-header__settings" href={settingsUrl}>
            Settings
          </a>
        </div>
      </header>
      <main class="secure-main">
        <h1 class="secure-title">{TITLES[view]}</h1>
        <Tabs label="Message views" tabs={VIEWS} selected={view} onSelect={setView} idPrefix="secure-view" class="secure-tabs">
          {view === 'write' ? <ComposeView key={reply?.subject} settingsUrl={settingsUrl} start={reply} /> : <ReadView onReply={startReply} />}
        </Tabs>
      </main>
    </>
  );
}

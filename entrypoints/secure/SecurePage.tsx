import { useLayoutEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Brand } from '@/components/Brand';
import { ComposeView, type ComposeStart } from '@/components/compose/ComposeView';
import { ReadView } from '@/components/read/ReadView';
import { Tabs } from '@/components/ui/Tabs';
import { SecurityIndicator } from '@/components/indicator/SecurityIndicator';
import { currentLocale, t } from '@/components/i18n/current';

type View = 'write' | 'read';
const VIEWS: readonly View[] = ['write', 'read'];

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

  // With the render that shows the view (not a frame later): its name is what a screen reader announces.
  useLayoutEffect(() => {
    document.title = `${t(`secure.title.${view}`)} · DirectSeal`;
    const url = new URL(location.href);
    url.searchParams.set('view', view);
    history.replaceState(null, '', url);
  }, [view, currentLocale()]);

  return (
    <>
      <header class="secure-header">
        <div class="secure-header__inner">
          <Brand size={32} tagline={t('ui.brand.tagline')} />
          <SecurityIndicator settingsUrl={settingsUrl} />
          <a class="secure-header__settings" href={settingsUrl}>
            {t('ui.settings')}
          </a>
        </div>
      </header>
      <main class="secure-main">
        <h1 class="secure-title">{t(`secure.title.${view}`)}</h1>
        <Tabs label={t('secure.tabs')} tabs={VIEWS.map((id) => ({ id, label: t(`secure.tab.${id}`) }))} selected={view} onSelect={setView} idPrefix="secure-view" class="secure-tabs">
          {view === 'write' ? <ComposeView key={reply?.subject} settingsUrl={settingsUrl} start={reply} /> : <ReadView onReply={startReply} />}
        </Tabs>
      </main>
    </>
  );
}

/**
 * DirectSeal's elements in a host page speak the chosen language and follow a change of it at once, like
 * DirectSeal's own pages: each element says its words through a render function, run now and again on every
 * change, and carries `lang` itself (the page's <html lang> is the page's, never ours to set).
 */
import { contentLang } from '@/components/i18n/content-locale';
import { onLocaleChange } from '@/components/i18n/locale-state';

/** Weakly held: a host the page threw away is forgotten, not kept alive by its words. */
const hosts = new Set<WeakRef<HTMLElement>>();
const renders = new WeakMap<HTMLElement, (() => void)[]>();
let following = false;

function sayAgain(): void {
  for (const ref of hosts) {
    const host = ref.deref();
    if (!host) {
      hosts.delete(ref);
      continue;
    }
    host.lang = contentLang();
    for (const render of renders.get(host) ?? []) render();
  }
}

/** Runs `render` (which sets the texts of `host`'s shadow root) now and after every language change. */
export function speak(host: HTMLElement, render: () => void): void {
  if (!following) {
    following = true;
    onLocaleChange(sayAgain);
  }
  const list = renders.get(host);
  if (list) list.push(render);
  else {
    renders.set(host, [render]);
    hosts.add(new WeakRef(host));
  }
  host.lang = contentLang();
  render();
}

/**
 * One element of ours in the host page: a custom element with its own shadow root and its styles, so the page's
 * CSS neither styles nor hides it. Built with DOM calls, not innerHTML: webmails such as Gmail enforce Trusted Types.
 */
export function shadowHost(tag: string, css: string): { host: HTMLElement; shadow: ShadowRoot } {
  const host = document.createElement(tag);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  shadow.append(style);
  return { host, shadow };
}

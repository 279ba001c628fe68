// @vitest-environment happy-dom
/**
 * The setup page mounts several views of the same lists (identities.list and lock.status in the page, the
 * step and its section): views that load at the same time share one request per list, and a change reloads
 * each list once. The real page renders against the real key service (fake IndexedDB behind a fake
 * runtime.sendMessage that counts what the page asks), and shows the same as before.
 */
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { until } from '../../support/until';
import { installKeyService, type Send } from '../../support/key-service';

const background = vi.hoisted(() => {
  const asked: string[] = [];
  let unanswered = 0;
  const stored = new Map<string, unknown>();
  let send: ((message: { type: string }) => Promise<unknown>) | undefined;
  return {
    asked,
    stored,
    unanswered: () => unanswered,
    connect(to: typeof send) {
      send = to;
    },
    browser: {
      runtime: {
        sendMessage: async (message: { type: string }) => {
          asked.push(message.type);
          unanswered++;
          try {
            return await send!(message);
          } finally {
            unanswered--;
          }
        },
        getURL: (path: string) => `chrome-extension://directseal${path}`,
      },
      storage: {
        local: {
          get: async (key: string) => (stored.has(key) ? { [key]: stored.get(key) } : {}),
          set: async (items: Record<string, unknown>) => void Object.entries(items).forEach(([k, v]) => stored.set(k, v)),
        },
      },
    },
  };
});
vi.mock('wxt/browser', () => ({ browser: background.browser }));

const { SetupPage } = await import('../../../components/setup/SetupPage');
const { dataChanged } = await import('../../../components/ui/data');
const { stepInfo } = await import('../../../components/setup/steps');
const { t } = await import('../../../components/i18n/current');

const LISTS = ['identities.list', 'anchors.list', 'contacts.list', 'lock.status', 'indicator.get', 'ca.status'];

/** How many of each request the page sent since `from` (an index into the log). */
function askedSince(from: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of background.asked.slice(from)) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

const text = () => document.body.textContent ?? '';

function typeInto(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

function button(label: string): HTMLButtonElement {
  const found = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === label);
  if (!found) throw new Error(`no button "${label}"`);
  return found;
}

/** The page is quiet: every request answered, nothing loading, and rendering the answers asked nothing more. */
async function settled(): Promise<void> {
  let before: number;
  do {
    before = background.asked.length;
    await until(() => {
      expect(background.unanswered()).toBe(0);
      expect(document.querySelector('.ds-loading')).toBeNull();
    });
    for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
  } while (background.asked.length !== before || background.unanswered() > 0);
}

describe('the setup page asks the key service once per list', () => {
  let send: Send;
  beforeAll(async () => {
    ({ send } = await installKeyService());
    background.connect(({ type, ...request }) => send(type as never, request as never));
    background.stored.set('setup', { role: 'physician', skipped: [] });
  });
  afterEach(() => render(null, document.body));

  it('one request per list when views mount together and when something changes, the page unchanged', async () => {
    let mark = background.asked.length;
    render(h(SetupPage, null), document.body);
    await until(() => expect(document.querySelector('#setup-step-title')?.textContent).toBe(stepInfo('passphrase').title));
    await settled();
    // The page's own views first (each list once), then the step's (identities.list, lock.status) once more.
    expect(askedSince(mark)).toEqual({ ...Object.fromEntries(LISTS.map((l) => [l, 1])), 'identities.list': 2, 'lock.status': 2 });

    // Setting the passphrase changes the lock: each list is reloaded once, though two views show lock.status.
    const [pass, again] = [...document.querySelectorAll<HTMLInputElement>('form.ds-lock-form input[type="password"]')];
    // Rendered before the click, as a person's typing is: the form submits what it shows.
    await act(() => {
      typeInto(pass!, 'a long lock passphrase');
      typeInto(again!, 'a long lock passphrase');
    });
    mark = background.asked.length;
    button(t('lock.setButton')).click();
    await until(() => expect(text()).toContain(t('lock.set')));
    await settled();
    expect(askedSince(mark)).toEqual({ 'lock.enable': 1, ...Object.fromEntries(LISTS.map((l) => [l, 1])) });
    expect(button(t('setup.continue')).disabled).toBe(false);
    expect(document.querySelector('.setup-steps li.is-done')?.textContent).toContain(stepInfo('passphrase').title);

    // The identity step mounts the step and its section together: one identities.list for both.
    mark = background.asked.length;
    const go = [...document.querySelectorAll<HTMLButtonElement>('.setup-steps__go')].find((b) => b.textContent?.includes(stepInfo('identity').title));
    go!.click();
    await until(() => expect(document.querySelector('#setup-step-title')?.textContent).toBe(stepInfo('identity').title));
    await settled();
    expect(askedSince(mark)).toEqual({ 'identities.list': 1, 'lock.status': 1 });
    expect(text()).toContain(t('identity.none'));

    // A change now reaches three views of identities.list and two of lock.status: still one request each.
    mark = background.asked.length;
    dataChanged();
    await settled();
    expect(askedSince(mark)).toEqual(Object.fromEntries(LISTS.map((l) => [l, 1])));
    expect(text()).toContain(t('identity.none'));
  });
});

// @vitest-environment happy-dom
/**
 * The trust anchors form against the real key service: the sentence after an import counts anchors, not files.
 * A root in two files of one batch is one anchor, and a root imported again is said to be trusted already
 * (it changed nothing; "Added" would tell the practice's IT person otherwise).
 */
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { until } from '../../support/until';
import { bytes, testPki, type TestPki } from '../../support/pki-fixture';
import { installKeyService } from '../../support/key-service';

const background = vi.hoisted(() => {
  let send: ((message: { type: string }) => Promise<unknown>) | undefined;
  return {
    connect(to: typeof send) {
      send = to;
    },
    browser: {
      runtime: {
        sendMessage: (message: { type: string }) => send!(message),
        getURL: (path: string) => `chrome-extension://directseal${path}`,
      },
      storage: { local: { get: async () => ({}), set: async () => undefined } },
    },
  };
});
vi.mock('wxt/browser', () => ({ browser: background.browser }));

const { AnchorsSection } = await import('../../../components/trust/AnchorsSection');
const { t } = await import('../../../components/i18n/current');

let pki: TestPki;
beforeAll(async () => {
  pki = await testPki();
  const { send, call } = await installKeyService();
  await call('lock.enable', { passphrase: 'a long lock passphrase', idleMinutes: 15 });
  background.connect(({ type, ...request }) => send(type as never, request as never));
});
afterEach(() => render(null, document.body));

const fileOf = (path: string, name: string) => new File([bytes(path).slice()], name);

const status = () => (document.querySelector('.ds-live')?.textContent ?? '').replace('✓', '').trim();
const listed = () => document.querySelectorAll('ul.ds-list > li').length;

/** Picks `files` in the form's file input and presses Import; gives the polite status once it has a new answer. */
async function importFiles(files: File[]): Promise<string> {
  const before = status();
  const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  await act(() => void input.dispatchEvent(new Event('change', { bubbles: true })));
  document.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  let said = '';
  await until(() => {
    said = status();
    expect(said).not.toBe(before);
    expect(said).not.toBe(t('trust.anchors.importing'));
  });
  return said;
}

describe('importing trust anchors says what changed', () => {
  it('counts a root in two files once, and says when everything was trusted already', async () => {
    render(h(AnchorsSection, {}), document.body);
    // The root alone, and a bundle of the root and its intermediate: two anchors, not three.
    const first = await importFiles([fileOf(pki.anchorPem, 'root.pem'), fileOf(pki.bundleP7bPem, 'bundle.p7b')]);
    expect(first).toBe(t('trust.anchors.added.other', { count: 2 }));
    // The list shows both.
    await until(() => expect(listed()).toBe(2));

    const again = await importFiles([fileOf(pki.bundleP7bPem, 'bundle.p7b')]);
    expect(again).toBe(t('trust.anchors.nothingNew.other', { count: 2 }));

    const mixed = await importFiles([fileOf(pki.strangerAnchorPem, 'stranger.pem'), fileOf(pki.anchorPem, 'root.pem')]);
    expect(mixed).toBe(`${t('trust.anchors.added.one')} ${t('trust.anchors.already.one')}`);
    await until(() => expect(listed()).toBe(3));
  });
});

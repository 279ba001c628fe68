// @vitest-environment happy-dom
/**
 * Focus moves in the same commit that shows what it moves to: a refusal's alert and the cleared passphrase
 * field arrive together. A passive effect runs a frame later (or 100 ms later in a hidden tab), so someone
 * typing on, or a screen reader announcing the alert, met the old focus on the submit button first; the
 * options e2e failed on exactly that in CI. The check runs in a MutationObserver, which sees the alert before
 * any frame has passed.
 */
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';

const background = vi.hoisted(() => ({
  browser: {
    runtime: {
      sendMessage: async () => ({
        ok: false,
        error: { code: 'BAD_PASSPHRASE', sentence: 'The passphrase does not open this file.' },
      }),
      getURL: (path: string) => `chrome-extension://directseal${path}`,
    },
    storage: { local: { get: async () => ({}), set: async () => undefined } },
  },
}));
vi.mock('wxt/browser', () => ({ browser: background.browser }));

const { ImportP12Form } = await import('../../../components/identity/ImportP12Form');

afterEach(() => render(null, document.body));

/** Resolves with the focused element's type at the moment the first role=alert enters the page. */
function focusWhenAlertAppears(root: Element): Promise<string | undefined> {
  return new Promise((resolve) => {
    const seen = new MutationObserver(() => {
      if (!root.querySelector('[role="alert"]')) return;
      seen.disconnect();
      resolve((document.activeElement as HTMLInputElement | null)?.type);
    });
    seen.observe(root, { childList: true, subtree: true });
  });
}

describe('focus on appearance', () => {
  it('a refused .p12 passphrase: the field is cleared and focused when the alert shows, not a frame later', async () => {
    await act(() => render(h(ImportP12Form, {}), document.body));
    const file = document.querySelector<HTMLInputElement>('input[type="file"]')!;
    Object.defineProperty(file, 'files', { value: [new File([new Uint8Array([0x30, 0x00])], 'doctor.p12')] });
    await act(() => void file.dispatchEvent(new Event('change', { bubbles: true })));
    const pass = document.querySelector<HTMLInputElement>('input[type="password"]')!;
    pass.value = 'not the passphrase';
    await act(() => void pass.dispatchEvent(new Event('input', { bubbles: true })));
    const submit = document.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    submit.focus();

    const focused = focusWhenAlertAppears(document.body);
    submit.click();
    expect(await focused).toBe('password');
    expect(pass.value).toBe('');
  });
});

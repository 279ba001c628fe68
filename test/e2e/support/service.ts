/** Small helpers the browser tests share: the key service from an extension page, and the DirectSeal frame. */
import type { Frame, Page } from 'playwright-core';
import type { LaunchedExtension } from './browser';

declare const chrome: typeof import('wxt/browser').browser;

/** Sends one key-service request from `page`, which shows one of the extension's pages; throws on refusal. */
export async function serviceOn<T = any>(page: Page, type: string, request: object = {}): Promise<T> {
  const out = (await page.evaluate((m) => chrome.runtime.sendMessage(m), { ...request, type })) as { ok: boolean; value?: T; error?: unknown };
  if (!out.ok) throw new Error(`${type} failed: ${JSON.stringify(out.error)}`);
  return out.value as T;
}

/** The same from a fresh extension page, as the options page would send it. */
export async function service<T = any>(ext: LaunchedExtension, type: string, request: object = {}): Promise<T> {
  const page = await ext.context.newPage();
  try {
    await page.goto(ext.url('popup.html'));
    return await serviceOn<T>(page, type, request);
  } finally {
    await page.close();
  }
}

/** The DirectSeal passphrase the browser tests set, as a user does before their first key. */
export const E2E_LOCK_PASSPHRASE = 'e2e lock passphrase';

/**
 * A user's first step: choose the DirectSeal passphrase (no key can be stored before). Does nothing when one
 * is set already, and unlocks when it is locked. Call it before importing identities through the service.
 */
export async function provision(target: LaunchedExtension | Page, passphrase = E2E_LOCK_PASSPHRASE): Promise<void> {
  const send = <T,>(type: string, request: object = {}) => ('serviceWorker' in target ? service<T>(target, type, request) : serviceOn<T>(target as Page, type, request));
  await provisionVia(send, passphrase);
}

/** Sets the lock passphrase on a new or unprotected install, or unlocks one that has it, through any way of asking the service. */
export async function provisionVia(send: <T>(type: string, request?: object) => Promise<T>, passphrase: string): Promise<void> {
  const status = await send<{ mode: string; unlocked: boolean }>('lock.status');
  if (status.mode === 'unset' || status.mode === 'unprotected') await send('lock.enable', { passphrase, idleMinutes: 60 });
  else if (!status.unlocked) await send('lock.unlock', { passphrase });
}

/** The DirectSeal frame (secure.html) a content script opened somewhere in `page`, nested frames included. */
export async function secureFrame(page: Page, timeout = 20_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const frame = page.frames().find((f) => f.url().includes('/secure.html'));
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error('the DirectSeal frame did not open');
    await page.waitForTimeout(100);
  }
}

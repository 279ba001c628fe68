/**
 * A sealed reply written in a read frame waits here until the webmail's reply compose is open, then is
 * attached there. Only ciphertext and the cover note are kept, in the extension's local storage, for a short
 * time.
 */
import { browser } from 'wxt/browser';

const KEY = 'directseal.pendingReply';
const FRESH_MS = 15 * 60 * 1000;

export interface PendingReply {
  p7m: number[];
  filename: string;
  coverSubject: string;
  coverBody: string;
  createdAt: number;
}

export async function keepReply(reply: Omit<PendingReply, 'createdAt'>): Promise<void> {
  await browser.storage.local.set({ [KEY]: { ...reply, createdAt: Date.now() } });
}

let taking: Promise<PendingReply | undefined> | undefined;

/**
 * Takes the waiting reply (once): later compose views do not get it again. Calls are serialized, so compose
 * views that appear together (Gmail shows several) cannot both read it before it is removed.
 */
export function takeReply(): Promise<PendingReply | undefined> {
  const previous = taking ?? Promise.resolve(undefined);
  taking = previous.then(async () => {
    const stored = (await browser.storage.local.get(KEY))[KEY] as PendingReply | undefined;
    if (!stored) return undefined;
    await browser.storage.local.remove(KEY);
    return Date.now() - stored.createdAt < FRESH_MS ? stored : undefined;
  });
  return taking;
}

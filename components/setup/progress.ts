/**
 * Where the first-run setup is kept between visits: the role, the skipped steps, whether the patient saved
 * their request file. No secret and nothing the key service holds: extension storage, not the key store.
 */
import { browser } from 'wxt/browser';
import { NO_PROGRESS, type SetupProgress } from './steps';

const KEY = 'setup';

export async function loadProgress(): Promise<SetupProgress> {
  const stored = (await browser.storage.local.get(KEY))[KEY] as Partial<SetupProgress> | undefined;
  return { ...NO_PROGRESS, ...stored, skipped: [...(stored?.skipped ?? [])] };
}

export async function saveProgress(progress: SetupProgress): Promise<void> {
  await browser.storage.local.set({ [KEY]: progress });
}

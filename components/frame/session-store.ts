/**
 * Where the background keeps open frame sessions: storage.session (memory only, closed to content scripts),
 * so a frame outlives the MV3 service worker being stopped while the user writes. Falls back to memory.
 */
import { browser } from 'wxt/browser';
import { memorySessionStore, type FrameSession, type FrameSessionStore } from '@/utils/frame-broker';

const PREFIX = 'frame:';

export function frameSessionStore(): FrameSessionStore {
  const area = browser.storage.session;
  if (!area) return memorySessionStore();
  return {
    get: async (token) => (await area.get(PREFIX + token))[PREFIX + token] as FrameSession | undefined,
    put: (session) => area.set({ [PREFIX + session.token]: session }),
    remove: (token) => area.remove(PREFIX + token),
    all: async () =>
      Object.entries(await area.get(null))
        .filter(([k]) => k.startsWith(PREFIX))
        .map(([, v]) => v as FrameSession),
  };
}

/**
 * The unlocked session kept in `browser.storage.session` for the background: memory only (never written to
 * disk) and, at its default access level, closed to content scripts. So an MV3 service worker stopped while
 * idle comes back unlocked within the idle time, and nothing of it reaches the profile's files.
 */
import { browser } from 'wxt/browser';
import { mapSessionKeeper, type SessionKeeper } from '@/utils/custody/session-store';
import { fromWire, toWire } from '@/utils/keyservice/wire';

const KEY = 'directseal.session';

export function storageSessionKeeper(): SessionKeeper {
  const area = browser.storage.session;
  // A browser without storage.session: the session lasts as long as the worker (locked after a restart).
  if (!area) return mapSessionKeeper();
  return {
    async load() {
      const kept = (await area.get(KEY))[KEY] as { vault?: string; lastUse?: number } | undefined;
      if (!kept?.vault || typeof kept.lastUse !== 'number') return undefined;
      return { vault: fromWire(kept.vault), lastUse: kept.lastUse };
    },
    // storage.session stores JSON-like values: the bytes go as base64, like everything over messaging.
    save: (s) => area.set({ [KEY]: { vault: toWire(s.vault), lastUse: s.lastUse } }),
    clear: () => area.remove(KEY),
  };
}

/**
 * Where an unlocked session survives the MV3 service worker being stopped while idle: the background gives
 * the extension's session storage (memory only, never written to disk, closed to content scripts; see
 * components/security/session-keeper.ts); tests give a Map.
 * Nothing here may be backed by anything that reaches the disk.
 */
export interface KeptSession {
  /** The vault secret (custody/vault.ts). */
  vault: Uint8Array;
  /** When a key was last used, so the idle time counts across a worker restart. */
  lastUse: number;
}

export interface SessionKeeper {
  load(): Promise<KeptSession | undefined>;
  save(session: KeptSession): Promise<void>;
  clear(): Promise<void>;
}

/** A keeper over any Map: the tests' stand-in for `storage.session`, and a worker-lifetime default. */
export function mapSessionKeeper(map: Map<string, KeptSession> = new Map()): SessionKeeper {
  const KEY = 'session';
  return {
    load: async () => {
      const kept = map.get(KEY);
      return kept && { vault: kept.vault.slice(), lastUse: kept.lastUse };
    },
    save: async (s) => void map.set(KEY, { vault: s.vault.slice(), lastUse: s.lastUse }),
    clear: async () => {
      map.get(KEY)?.vault.fill(0);
      map.delete(KEY);
    },
  };
}

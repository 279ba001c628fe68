/** User settings, one record per key; a setting never written reads as its default. */
import type { Store } from './open';
import type { Settings } from './schema';

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  lockEnabled: false,
  idleMinutes: 15,
  lockCheck: null,
  unprotectedVault: null,
  dohResolver: 'https://cloudflare-dns.com/dns-query',
  securityIndicator: null,
  practiceCa: null,
  outgoing: null,
  fetchOnline: false,
  // The Java RI's default timeout; one click, so the webmail's compose never opens unasked.
  deliveryNotifications: { send: 'one-click', timeoutMinutes: 60 },
};

const SETTING_NAMES = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

export async function getSetting<K extends keyof Settings>(store: Store, name: K): Promise<Settings[K]> {
  const stored = (await store.get('settings', name)) as Settings[K] | undefined;
  return stored ?? DEFAULT_SETTINGS[name];
}

export async function putSetting<K extends keyof Settings>(store: Store, name: K, value: Settings[K]): Promise<void> {
  await store.put('settings', value, name);
}

export async function getSettings(store: Store): Promise<Settings> {
  const tx = store.transaction('settings');
  const values = await Promise.all(SETTING_NAMES.map((name) => tx.store.get(name)));
  await tx.done;
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  SETTING_NAMES.forEach((name, i) => {
    if (values[i] !== undefined) settings[name] = values[i];
  });
  return settings as unknown as Settings;
}

/** Back to the default. */
export async function clearSetting(store: Store, name: keyof Settings): Promise<void> {
  await store.delete('settings', name);
}

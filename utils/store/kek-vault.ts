/** The install's KEK kept in IndexedDB as a CryptoKey: structured clone keeps it non-extractable. */
import type { KekVault } from '../custody/kek';
import type { Store } from './open';

export function storeKekVault(store: Store): KekVault {
  return {
    load: async () => store.get('meta', 'kek'),
    async saveIfAbsent(key) {
      // One readwrite transaction: IndexedDB runs overlapping ones in order, so the check-then-put is atomic.
      const tx = store.transaction('meta', 'readwrite');
      const existing = await tx.store.get('kek');
      if (!existing) await tx.store.put(key, 'kek');
      await tx.done;
      return existing ?? key;
    },
  };
}

/**
 * What every key-service operation works with: the store, the install's KEK, and the unlocked-key session
 * of the passphrase lock. One per background service worker.
 */
import type { Session } from '../custody/session';
import type { Store } from '../store/open';

export interface ServiceContext {
  store: Store;
  /** The install's non-extractable key-encryption key. */
  kek: CryptoKey;
  /** Keys unlocked under the passphrase lock; empty when the lock is off or the session expired. */
  session: Session;
  /**
   * The lock passphrase while the session is unlocked, so keys imported meanwhile can be locked too; forgotten
   * with the session. (The unlocked keys themselves are in memory for the same time.)
   */
  lock: { passphrase?: string };
  now(): number;
  version: string;
}

/**
 * What every key-service operation works with: the store, the unlocked session, and where the session is
 * kept across service-worker restarts. One per background service worker.
 */
import type { Session } from '../custody/session';
import type { SessionKeeper } from '../custody/session-store';
import type { Store } from '../store/open';
import type { RewriteSupport } from '../store/rewrite';

export interface ServiceContext {
  /** Replaced when the database is rewritten (lock.ts): read it at each use, never keep it. */
  store: Store;
  /** What the store was opened with: a rewrite deletes and recreates the database through it. */
  factory: IDBFactory;
  /** Where a rewrite stages the new records, and how it erases the old databases (store/rewrite.ts). */
  rewrite: RewriteSupport;
  /**
   * An earlier version's key-encryption key, read from the store (never created now): present only until
   * the user sets a passphrase and the database is rewritten without it.
   */
  legacyKek: CryptoKey | undefined;
  /** Holds the vault secret while unlocked under the passphrase lock; empty when locked. */
  session: Session;
  /** Keeps the unlocked session in memory-only storage across MV3 worker restarts. */
  keeper: SessionKeeper;
  now(): number;
  version: string;
}

/**
 * Opening the database: the IDBFactory is passed in (the extension's indexedDB, or fake-indexeddb in tests),
 * a rewrite a crash interrupted is finished first (from the staging area), and the upgrade runs the migration steps the profile has
 * not seen yet.
 */
import type { IDBPDatabase } from 'idb';
import type { DirectSealSchema } from './schema';
import { MIGRATIONS } from './migrations';
import { openWithMigrations } from './open-raw';
import { finishInterruptedRewrite, type RewriteSupport } from './rewrite';

export { openWithMigrations } from './open-raw';

export type Store = IDBPDatabase<DirectSealSchema>;

/**
 * `support` must be what rewrites are given (rewrite.ts): the extension's staging area is where an
 * interrupted one waits. Required, never defaulted: a staging area in memory would let a crash mid-rewrite
 * lose the key store, so a caller says so (`{ staging: memoryStagingArea() }`, tests) rather than forgets.
 */
export async function openStore(factory: IDBFactory, support: RewriteSupport): Promise<Store> {
  await finishInterruptedRewrite(factory, support);
  return (await openWithMigrations(factory, MIGRATIONS)) as unknown as Store;
}

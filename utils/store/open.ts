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
import { memoryStagingArea } from './staging';

export { openWithMigrations } from './open-raw';

export type Store = IDBPDatabase<DirectSealSchema>;

/**
 * `support` must be what rewrites are given (rewrite.ts): the extension's staging area is where an
 * interrupted one waits. Tests and callers that never rewrite can leave it out.
 */
export async function openStore(factory: IDBFactory = globalThis.indexedDB, support: RewriteSupport = { staging: memoryStagingArea() }): Promise<Store> {
  await finishInterruptedRewrite(factory, support);
  return (await openWithMigrations(factory, MIGRATIONS)) as unknown as Store;
}

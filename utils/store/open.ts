/**
 * Opening the database: the IDBFactory is passed in (the extension's indexedDB, or fake-indexeddb in tests),
 * a rewrite a crash interrupted is finished first, and the upgrade runs the migration steps the profile has
 * not seen yet.
 */
import type { IDBPDatabase } from 'idb';
import type { DirectSealSchema } from './schema';
import { MIGRATIONS } from './migrations';
import { openWithMigrations } from './open-raw';
import { finishInterruptedRewrite } from './rewrite';

export { openWithMigrations } from './open-raw';

export type Store = IDBPDatabase<DirectSealSchema>;

export async function openStore(factory: IDBFactory = globalThis.indexedDB): Promise<Store> {
  await finishInterruptedRewrite(factory);
  return (await openWithMigrations(factory, MIGRATIONS)) as unknown as Store;
}

/**
 * Opening a database by name at the current version, running the migration steps the profile has not seen
 * yet. Kept apart from open.ts so the rewrite (rewrite.ts) can open its staging database too.
 */
import { wrap, type IDBPDatabase } from 'idb';
import { DirectSealError } from '../errors';
import { DB_NAME } from './schema';
import type { Migration, UpgradeTransaction } from './migrations';

/**
 * Opens `name` at version `migrations.length`, running the missing steps. Exposed with the step list as a
 * parameter so tests can build a profile at any earlier version.
 */
export async function openWithMigrations(
  factory: IDBFactory,
  migrations: readonly Migration[],
  name = DB_NAME,
): Promise<IDBPDatabase<unknown>> {
  // idb's openDB always uses the global indexedDB; this is the same wiring over the factory we were given.
  const request = factory.open(name, migrations.length);
  let stepFailure: unknown;
  request.addEventListener('upgradeneeded', (event) => {
    const db = wrap(request.result);
    const tx = wrap(request.transaction!) as unknown as UpgradeTransaction;
    // The open request reports a failed upgrade; the transaction's own promise would only go unhandled.
    tx.done.catch(() => undefined);
    runSteps(migrations, event.oldVersion, db, tx).catch((e: unknown) => {
      stepFailure = e;
      // Abort the versionchange transaction: the profile stays at its old version with its data as it was.
      try {
        tx.abort();
      } catch {
        // Already finished or aborted by IndexedDB itself.
      }
    });
  });
  let db: IDBPDatabase<unknown> | undefined;
  try {
    db = await wrap(request);
  } catch (e) {
    const cause = stepFailure ?? e;
    throw new DirectSealError('IO_ERROR', `the key store could not be opened or upgraded (${describe(cause)})`, { cause });
  }
  if (!db) throw new DirectSealError('IO_ERROR', 'the key store could not be opened');
  // Another extension context is upgrading: step aside rather than block it; callers reopen.
  db.addEventListener('versionchange', () => db.close());
  return db;
}

async function runSteps(
  migrations: readonly Migration[],
  fromVersion: number,
  db: IDBPDatabase<unknown>,
  tx: UpgradeTransaction,
): Promise<void> {
  for (let version = fromVersion; version < migrations.length; version++) await migrations[version]!(db, tx);
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

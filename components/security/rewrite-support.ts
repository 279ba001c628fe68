/**
 * What the key store's rewrite (utils/store/rewrite.ts) needs from the extension: storage.local as its
 * staging area (a LevelDB apart from IndexedDB's; it holds only sealed records, and only until the move is
 * done), and an erase that makes Chromium remove the origin's IndexedDB files. Deleting every database is
 * not enough there: Chromium keeps the origin's LevelDB directory, and an earlier value can stay in one of
 * its sorted tables for days. Clearing the extension's own origin through browsingData removes the directory
 * (checked in Chromium 150); Firefox keeps each database in a file of its own, which its delete removes.
 */
import { browser } from 'wxt/browser';
import { deleteEveryDatabase, type RewriteSupport } from '@/utils/store/rewrite';
import type { StagingArea } from '@/utils/store/staging';

export function extensionRewriteSupport(factory: IDBFactory): RewriteSupport {
  return { staging: storageLocalStagingArea(), eraseDatabases: () => eraseIndexedDb(factory) };
}

function storageLocalStagingArea(): StagingArea {
  const area = browser.storage.local;
  return {
    get: async (key) => (await area.get(key))[key],
    set: (key, value) => area.set({ [key]: value }),
    remove: (key) => area.remove(key),
  };
}

async function eraseIndexedDb(factory: IDBFactory): Promise<void> {
  // Present only where the manifest asks for it (Chromium builds, wxt.config.ts).
  if (browser.browsingData) {
    const origin = browser.runtime.getURL('/').replace(/\/$/, '');
    try {
      await browser.browsingData.remove({ origins: [origin], originTypes: { extension: true } }, { indexedDB: true });
    } catch (e) {
      // The databases are still deleted below: no key is lost, but LevelDB may keep earlier values longer.
      console.warn('DirectSeal: the key store files could not be cleared as a whole', e);
    }
  }
  await deleteEveryDatabase(factory);
}

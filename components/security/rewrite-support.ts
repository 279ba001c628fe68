/**
 * What the key store's rewrite (utils/store/rewrite.ts) needs from the extension: a staging area outside
 * IndexedDB, and an erase that makes Chromium remove the origin's IndexedDB files. Deleting every database is
 * not enough there: Chromium keeps the origin's LevelDB directory, and an earlier value can stay in one of
 * its sorted tables for days. Clearing the extension's own origin through browsingData removes the directory
 * (checked in Chromium 150); Firefox keeps each database in a file of its own, which its delete removes.
 *
 * The staging area is the extension's own Cache Storage, not storage.local: content scripts share
 * storage.local (they could write a "staged rewrite" that the next start would take for the key store) and
 * get every change of it (the sealed records would reach each webmail page's renderer). A content script's
 * `caches` is the web page's, never ours. It holds only sealed records, and only until the move is done.
 */
import { browser } from 'wxt/browser';
import { deleteEveryDatabase, type RewriteSupport } from '@/utils/store/rewrite';
import type { StagingArea } from '@/utils/store/staging';

export function extensionRewriteSupport(factory: IDBFactory): RewriteSupport {
  return { staging: cacheStagingArea(), eraseDatabases: () => eraseIndexedDb(factory) };
}

/** Cache Storage keys entries by http(s) URL: a name of our own under a domain that cannot exist. */
const STAGING_CACHE = 'directseal-rewrite';
const entryUrl = (key: string) => `https://staging.directseal.invalid/${encodeURIComponent(key)}`;

function cacheStagingArea(): StagingArea {
  return {
    get: async (key) => {
      const found = await (await caches.open(STAGING_CACHE)).match(entryUrl(key));
      return found ? ((await found.json()) as unknown) : undefined;
    },
    set: async (key, value) => {
      await (await caches.open(STAGING_CACHE)).put(entryUrl(key), new Response(JSON.stringify(value), { headers: { 'content-type': 'application/json' } }));
    },
    remove: async (key) => {
      await (await caches.open(STAGING_CACHE)).delete(entryUrl(key));
    },
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

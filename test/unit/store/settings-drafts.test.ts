import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../utils/store/open';
import { clearSetting, DEFAULT_SETTINGS, getSetting, getSettings, putSetting } from '../../../utils/store/settings';
import { deleteDraft, getDraft, listDrafts, putDraft } from '../../../utils/store/drafts';
import { freshStore } from './fixtures';

let store: Store;
beforeEach(async () => {
  store = await freshStore();
});
afterEach(() => store.close());

describe('settings', () => {
  it('reads defaults until a setting is written', async () => {
    expect(await getSettings(store)).toEqual(DEFAULT_SETTINGS);
    expect(await getSetting(store, 'lockEnabled')).toBe(false);
  });

  it('keeps what was written, and falls back to the default when cleared', async () => {
    await putSetting(store, 'lockEnabled', true);
    await putSetting(store, 'idleMinutes', 5);
    expect(await getSetting(store, 'idleMinutes')).toBe(5);
    expect(await getSettings(store)).toEqual({ ...DEFAULT_SETTINGS, lockEnabled: true, idleMinutes: 5 });
    await clearSetting(store, 'idleMinutes');
    expect(await getSetting(store, 'idleMinutes')).toBe(DEFAULT_SETTINGS.idleMinutes);
  });
});

describe('drafts', () => {
  const draft = { id: 'draft-1', iv: new Uint8Array(12).fill(1), ciphertext: new Uint8Array([5, 6, 7]), updatedAt: 10 };

  it('puts, gets, lists, replaces and deletes', async () => {
    await putDraft(store, draft);
    expect(await getDraft(store, 'draft-1')).toEqual(draft);
    await putDraft(store, { ...draft, ciphertext: new Uint8Array([8]), updatedAt: 11 });
    expect(await listDrafts(store)).toEqual([{ ...draft, ciphertext: new Uint8Array([8]), updatedAt: 11 }]);
    await deleteDraft(store, 'draft-1');
    expect(await getDraft(store, 'draft-1')).toBeUndefined();
  });
});

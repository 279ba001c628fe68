/** The practice's outgoing-mail settings through the key service: defaults, kept normalized, bad links refused. */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../../utils/keyservice/api';
import { createKeyService } from '../../../utils/keyservice/service';
import { openStore } from '../../../utils/store/open';
import { memoryStagingArea } from '../../../utils/store/staging';
import { DEFAULT_OUTGOING, outerSubject } from '../../../utils/direct/outer-subject';

async function service() {
  const factory = new IDBFactory();
  const rewrite = { staging: memoryStagingArea() };
  const keys = await createKeyService({ store: await openStore(factory, rewrite), factory, rewrite, version: 'test' });
  return (type: string, request: object = {}) => keys.handle({ ...request, type }) as Promise<Outcome<unknown>>;
}

describe('outgoing.get / outgoing.set', () => {
  it('reads the defaults before anything is set, then what was saved, normalized', async () => {
    const call = await service();
    expect(await call('outgoing.get')).toEqual({ ok: true, value: DEFAULT_OUTGOING });
    const saved = await call('outgoing.set', { practice: '  Lakeside   Family Practice ', phone: '555 0100', subjectTemplate: '', coverNote: 'Call us.\r\n', readerLink: 'https://lakeside.example/read' });
    expect(saved).toEqual({
      ok: true,
      value: { practice: 'Lakeside Family Practice', phone: '555 0100', subjectTemplate: DEFAULT_OUTGOING.subjectTemplate, coverNote: 'Call us.', readerLink: 'https://lakeside.example/read', coverLanguage: 'auto' },
    });
    const again = (await call('outgoing.get')) as { ok: true; value: typeof DEFAULT_OUTGOING };
    expect(outerSubject(again.value)).toBe('Secure message from Lakeside Family Practice');
  });

  it("keeps the cover note language chosen; an unknown one is the pages' language", async () => {
    const call = await service();
    const both = (await call('outgoing.set', { ...DEFAULT_OUTGOING, practice: 'Lakeside', coverLanguage: 'both' })) as { ok: true; value: typeof DEFAULT_OUTGOING };
    expect(both.value.coverLanguage).toBe('both');
    expect(((await call('outgoing.get')) as { ok: true; value: typeof DEFAULT_OUTGOING }).value.coverLanguage).toBe('both');
    const odd = (await call('outgoing.set', { ...DEFAULT_OUTGOING, coverLanguage: 'fr' })) as { ok: true; value: typeof DEFAULT_OUTGOING };
    expect(odd.value.coverLanguage).toBe('auto');
  });

  it('refuses a reader link that is not https, and keeps what was there', async () => {
    const call = await service();
    const refused = await call('outgoing.set', { ...DEFAULT_OUTGOING, practice: 'X', readerLink: 'http://x.example/' });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.code).toBe('USAGE');
    expect(await call('outgoing.get')).toEqual({ ok: true, value: DEFAULT_OUTGOING });
  });
});

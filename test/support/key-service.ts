/** A key service over a fresh fake IndexedDB, as the unit tests drive it: typed requests, outcomes as sent. */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { KeyServiceApi, Outcome, ReplyOf, RequestType } from '../../utils/keyservice/api';
import { createKeyService } from '../../utils/keyservice/service';
import { openStore } from '../../utils/store/open';
import { memoryStagingArea } from '../../utils/store/staging';

export type Send = <T extends RequestType>(type: T, request: KeyServiceApi[T]['request']) => Promise<Outcome<ReplyOf<T>>>;

/** One install: `send` gives the Outcome; `call` throws on a refusal (with its code) and gives the reply. */
export async function installKeyService() {
  const factory = new IDBFactory();
  const rewrite = { staging: memoryStagingArea() };
  const store = await openStore(factory, rewrite);
  const service = await createKeyService({ store, factory, rewrite, version: 'test' });
  const send: Send = async (type, request) => (await service.handle({ ...request, type })) as Outcome<ReplyOf<typeof type>>;
  const call = async <T extends RequestType>(type: T, request: KeyServiceApi[T]['request']): Promise<ReplyOf<T>> => {
    const out = await send(type, request);
    if (!out.ok) throw new Error(`${type}: ${out.error.code} ${out.error.detail ?? ''}`);
    return out.value as ReplyOf<T>;
  };
  return { send, call };
}

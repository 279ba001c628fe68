import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { call } from '../client';
import type { ReplyOf } from '@/utils/keyservice/api';
import { sharedRequests } from './shared-requests';
import { sentenceOf } from './useAction';

/** Lists every view reads; a change anywhere (an anchor added) can change another list (a contact's status). */
type ListType = 'identities.list' | 'anchors.list' | 'contacts.list' | 'lock.status' | 'indicator.get' | 'ca.status';

const CHANGED = 'directseal:changed';
const bus = new EventTarget();

/** Views of the same list that load at the same time (a page mounting, a change) share one request. */
const lists = sharedRequests((type: ListType) => call(type, {} as never));

/** Tells every mounted list to load again. */
export function dataChanged(): void {
  // A request sent before the change may answer with what it replaced: the reloads below send anew.
  lists.forget();
  bus.dispatchEvent(new Event(CHANGED));
}

export type Loaded<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; error: string };

/** One list from the key service, reloaded whenever `dataChanged()` is called. */
export function useServiceList<T extends ListType>(type: T): { data: Loaded<ReplyOf<T>> } {
  const [data, setData] = useState<Loaded<ReplyOf<T>>>({ state: 'loading' });
  // Only the newest load may set the data: an earlier one can answer later.
  const newest = useRef<Promise<unknown> | undefined>(undefined);
  const load = useCallback(() => {
    const request = lists.get(type) as Promise<ReplyOf<T>>;
    newest.current = request;
    request.then(
      (value) => newest.current === request && setData({ state: 'ready', value }),
      (e: unknown) => newest.current === request && setData({ state: 'failed', error: sentenceOf(e) }),
    );
  }, [type]);
  useEffect(() => {
    load();
    bus.addEventListener(CHANGED, load);
    return () => bus.removeEventListener(CHANGED, load);
  }, [load]);
  return { data };
}

import { useCallback, useEffect, useState } from 'preact/hooks';
import { call } from '../client';
import type { ReplyOf } from '@/utils/keyservice/api';
import { sentenceOf } from './useAction';

/** Lists every view reads; a change anywhere (an anchor added) can change another list (a contact's status). */
type ListType = 'identities.list' | 'anchors.list' | 'contacts.list' | 'lock.status' | 'indicator.get' | 'ca.status';

const CHANGED = 'directseal:changed';
const bus = new EventTarget();

/** Tells every mounted list to load again. */
export function dataChanged(): void {
  bus.dispatchEvent(new Event(CHANGED));
}

export type Loaded<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; error: string };

/** One list from the key service, reloaded whenever `dataChanged()` is called. */
export function useServiceList<T extends ListType>(type: T): { data: Loaded<ReplyOf<T>>; reload: () => void } {
  const [data, setData] = useState<Loaded<ReplyOf<T>>>({ state: 'loading' });
  const reload = useCallback(() => {
    call(type, {} as never)
      .then((value) => setData({ state: 'ready', value }))
      .catch((e: unknown) => setData({ state: 'failed', error: sentenceOf(e) }));
  }, [type]);
  useEffect(() => {
    reload();
    bus.addEventListener(CHANGED, reload);
    return () => bus.removeEventListener(CHANGED, reload);
  }, [reload]);
  return { data, reload };
}

/**
 * One request per list at a time: views that ask for the same list while a request for it is on its way
 * get that request's answer instead of sending their own (the setup page alone mounts several views of
 * identities.list and lock.status, and each change reloaded every one of them).
 */
export interface SharedRequests<K, V> {
  /** The answer for `key`: the request on its way, or a new one. */
  get(key: K): Promise<V>;
  /** Requests from now on go out afresh: what is on its way may be from before a change. */
  forget(): void;
}

export function sharedRequests<K, V>(send: (key: K) => Promise<V>): SharedRequests<K, V> {
  const onTheirWay = new Map<K, Promise<V>>();
  return {
    get(key) {
      const pending = onTheirWay.get(key);
      if (pending) return pending;
      const request: Promise<V> = send(key).finally(() => {
        if (onTheirWay.get(key) === request) onTheirWay.delete(key);
      });
      onTheirWay.set(key, request);
      return request;
    },
    forget() {
      onTheirWay.clear();
    },
  };
}

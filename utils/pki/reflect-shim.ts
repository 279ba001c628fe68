/**
 * @peculiar/x509 registers its algorithm and extension classes in a tsyringe container, and tsyringe refuses
 * to load without a `Reflect` metadata API (normally the `reflect-metadata` package, which this project does
 * not ship). x509 only reads `design:paramtypes` (absent, as no decorator metadata is emitted) and tsyringe's
 * own injection-token records, so a small, standards-shaped metadata store is enough. Installed only when no
 * real polyfill is present; imported for its side effect by ./x509.ts, before @peculiar/x509 itself.
 */
type MetaTarget = object;
type MetaStore = WeakMap<MetaTarget, Map<string | symbol | undefined, Map<unknown, unknown>>>;

interface ReflectMetadataApi {
  getMetadata?: (key: unknown, target: MetaTarget, prop?: string | symbol) => unknown;
}

const R = Reflect as typeof Reflect & ReflectMetadataApi & Record<string, unknown>;

if (typeof R.getMetadata !== 'function') {
  const store: MetaStore = new WeakMap();
  const table = (target: MetaTarget, prop: string | symbol | undefined, create: boolean) => {
    let byProp = store.get(target);
    if (!byProp) {
      if (!create) return undefined;
      byProp = new Map();
      store.set(target, byProp);
    }
    let byKey = byProp.get(prop);
    if (!byKey && create) {
      byKey = new Map();
      byProp.set(prop, byKey);
    }
    return byKey;
  };
  const getOwnMetadata = (key: unknown, target: MetaTarget, prop?: string | symbol): unknown =>
    table(target, prop, false)?.get(key);
  const getMetadata = (key: unknown, target: MetaTarget, prop?: string | symbol): unknown => {
    for (let t: MetaTarget | null = target; t; t = Object.getPrototypeOf(t) as MetaTarget | null) {
      const m = table(t, prop, false);
      if (m?.has(key)) return m.get(key);
    }
    return undefined;
  };
  const defineMetadata = (key: unknown, value: unknown, target: MetaTarget, prop?: string | symbol): void => {
    table(target, prop, true)!.set(key, value);
  };
  const hasMetadata = (key: unknown, target: MetaTarget, prop?: string | symbol): boolean =>
    getMetadata(key, target, prop) !== undefined;
  const metadata =
    (key: unknown, value: unknown) =>
    (target: MetaTarget, prop?: string | symbol): void =>
      defineMetadata(key, value, target, prop);
  Object.assign(R, { getOwnMetadata, getMetadata, defineMetadata, hasMetadata, metadata });
}

export {};

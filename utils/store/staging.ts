/**
 * Where a rewrite (rewrite.ts) keeps the new, sealed records while every IndexedDB database of the extension
 * is gone: outside IndexedDB, so that the browser can remove IndexedDB's files whole. The extension gives
 * its own Cache Storage (components/security/rewrite-support.ts, where content scripts cannot reach); tests
 * give `memoryStagingArea`.
 *
 * Values go in as JSON-safe data (the extension stores them as JSON). The encoding takes plain
 * objects, arrays, byte arrays, strings, numbers, booleans and null, and refuses anything else: a CryptoKey
 * (whose key material Chromium writes in the clear) can never be copied out of an earlier version's records.
 */
import { decodeBase64, encodeBase64String } from '../mime/base64';
import { DirectSealError } from '../errors';

export interface StagingArea {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}

/** A staging area in this process only: a crash loses it (tests, and callers with nothing to lose). */
export function memoryStagingArea(): StagingArea & { readonly entries: Map<string, unknown> } {
  const entries = new Map<string, unknown>();
  return {
    entries,
    get: async (key) => entries.get(key),
    set: async (key, value) => void entries.set(key, structuredClone(value)),
    remove: async (key) => void entries.delete(key),
  };
}

/** A byte array, tagged so that it decodes back to one. */
interface TaggedBytes {
  $bytes: string;
}

/** The value as JSON-safe data. Throws IO_ERROR for anything the store should not hold in a staged copy. */
export function encodeStaged(value: unknown, path = 'value'): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw refused(path, String(value));
    return value;
  }
  if (value instanceof Uint8Array) return { $bytes: encodeBase64String(value) } satisfies TaggedBytes;
  if (Array.isArray(value)) return value.map((v, i) => encodeStaged(v, `${path}[${i}]`));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '$bytes') throw refused(path, 'a field named $bytes');
      if (v !== undefined) out[k] = encodeStaged(v, `${path}.${k}`);
    }
    return out;
  }
  throw refused(path, describe(value));
}

export function decodeStaged(data: unknown): unknown {
  if (Array.isArray(data)) return data.map(decodeStaged);
  if (data !== null && typeof data === 'object') {
    const record = data as Record<string, unknown>;
    if (typeof record.$bytes === 'string' && Object.keys(record).length === 1) return decodeBase64(record.$bytes);
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, decodeStaged(v)]));
  }
  return data;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (typeof value === 'object' && value !== null) return value.constructor?.name ?? 'an object';
  return typeof value;
}

function refused(path: string, what: string): DirectSealError {
  return new DirectSealError('IO_ERROR', `the rewrite cannot stage ${path} (${what}): only sealed records may leave the database`);
}

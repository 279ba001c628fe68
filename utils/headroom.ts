/**
 * Free bytes kept in front of a buffer, so that a prefix can later be written before it without copying it.
 * Sealing a 100 MB message prepends a 32-byte message/rfc822 header before hashing it in one piece (WebCrypto
 * has no incremental digest): with headroom that is a view, not a second 100 MB buffer.
 *
 * Only buffers made here have headroom: the bytes before any other view may belong to someone else (Node's
 * pooled Buffers do), so they are never written.
 */
import { concatInto, totalLength } from './bytes';

const headroom = new WeakMap<Uint8Array, number>();

/** `length` zero bytes with `room` free bytes before them, in one allocation. */
export function withHeadroom(length: number, room: number): Uint8Array {
  const view = new Uint8Array(room + length).subarray(room);
  if (room > 0) headroom.set(view, room);
  return view;
}

/** How many free bytes are before `data` (0 for a buffer not made here): a copy of it made to change it keeps them. */
export function headroomOf(data: Uint8Array): number {
  return headroom.get(data) ?? 0;
}

/** `parts` joined into one buffer with `room` free bytes before it. */
export function concatWithHeadroom(parts: readonly Uint8Array[], room: number): Uint8Array {
  return concatInto(withHeadroom(totalLength(parts), room), parts);
}

/**
 * `prefix` followed by `data`: written into the headroom of `data` when it has enough (once: the room is used
 * up), else a new buffer that keeps the headroom `data` had, so the next prefix (the wrap after the Date and
 * Message-ID) still costs no copy.
 */
export function prepend(prefix: Uint8Array, data: Uint8Array): Uint8Array {
  const room = headroomOf(data);
  if (room < prefix.length) return concatWithHeadroom([prefix, data], room);
  headroom.delete(data);
  const whole = new Uint8Array(data.buffer, data.byteOffset - prefix.length, prefix.length + data.length);
  whole.set(prefix, 0);
  return whole;
}

/**
 * AES-CBC on WebCrypto in fixed-size chunks, so a 50 MB message never needs WebCrypto's copy of the whole input
 * and its whole output buffer at once. The bytes are exactly those of one encrypt()/decrypt() call:
 * - encrypt: chunk k is encrypted with iv = the last ciphertext block of chunk k-1 (CBC chaining by hand).
 *   WebCrypto pads every call, so a non-final chunk (a multiple of 16 bytes) comes back with one extra block of
 *   padding, which is dropped. The final chunk keeps its padding.
 * - decrypt: a non-final chunk is given one extra block, E_k(pad16 XOR its last block) (that is, the encryption
 *   of nothing with its last block as iv), which decrypts to a full block of valid padding that WebCrypto strips.
 *   The final chunk decrypts as usual, so the real padding is checked.
 */
import { subtle } from '../crypto';

/**
 * 128 KiB: per-call overhead stays small (50 MB is 400 calls), and on Node the memory of WebCrypto's results
 * of this size goes back to the system when released, where 1 MiB decrypt results piled up in the allocator
 * (measured: about 40 MB more at the peak of a 50 MB open).
 */
export const CBC_CHUNK = 1 << 17;

const BLOCK = 16;

export const cbcCiphertextLength = (plaintextLength: number): number => (Math.floor(plaintextLength / BLOCK) + 1) * BLOCK;

/**
 * Frees a WebCrypto result at once instead of at the next garbage collection (V8 lets tens of MB of dead
 * ArrayBuffers pile up first). ArrayBuffer.prototype.transfer is ES2024; where it is missing this does nothing.
 */
function release(buffer: ArrayBuffer): void {
  (buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer }).transfer?.(0);
}

/**
 * The concatenation of `parts` in pieces of `size` bytes, the last one shorter (and empty only when everything
 * is): a view where a piece lies within one part, a copy into `scratch` where it straddles parts. Each piece
 * must be used before the next is asked for (WebCrypto copies its input when called, so that holds).
 */
function* pieces(parts: readonly Uint8Array[], size: number, scratch: Uint8Array): Generator<Uint8Array> {
  let total = 0;
  for (const p of parts) total += p.length;
  if (total === 0) {
    yield new Uint8Array(0);
    return;
  }
  let part = 0;
  let offset = 0; // in parts[part]
  for (let remaining = total; remaining > 0; ) {
    const n = Math.min(size, remaining);
    remaining -= n;
    while (offset === parts[part]!.length) {
      part++;
      offset = 0;
    }
    const current = parts[part]!;
    if (current.length - offset >= n) {
      yield current.subarray(offset, offset + n);
      offset += n;
      continue;
    }
    for (let filled = 0; filled < n; ) {
      while (offset === parts[part]!.length) {
        part++;
        offset = 0;
      }
      const p = parts[part]!;
      const take = Math.min(n - filled, p.length - offset);
      scratch.set(p.subarray(offset, offset + take), filled);
      filled += take;
      offset += take;
    }
    yield scratch.subarray(0, n);
  }
}

/**
 * Encrypts the concatenation of `plaintext` (never joined) and hands the ciphertext to `write` in order, in
 * pieces of up to `chunkSize` + 16 bytes; `write` must copy them before it returns (they are released then).
 */
export async function encryptCbc(
  key: CryptoKey,
  iv: Uint8Array,
  plaintext: readonly Uint8Array[],
  write: (ciphertext: Uint8Array) => void,
  chunkSize = CBC_CHUNK,
): Promise<void> {
  if (chunkSize <= 0 || chunkSize % BLOCK) throw new Error('AES-CBC chunk size must be a positive multiple of 16');
  let remaining = 0;
  for (const p of plaintext) remaining += p.length;
  const scratch = new Uint8Array(Math.min(chunkSize, remaining));
  let chain = iv;
  for (const piece of pieces(plaintext, chunkSize, scratch)) {
    remaining -= piece.length;
    const out = await subtle().encrypt({ name: 'AES-CBC', iv: chain as BufferSource }, key, piece as BufferSource);
    const final = remaining === 0;
    const ciphertext = new Uint8Array(out, 0, final ? out.byteLength : piece.length); // drop a non-final chunk's padding
    write(ciphertext);
    if (!final) chain = ciphertext.slice(piece.length - BLOCK);
    release(out);
  }
}

/**
 * Decrypts `ciphertext` into `out` (at least as long; it may be `ciphertext` itself, to decrypt in place) and
 * returns the plaintext length. The key needs both the encrypt and the decrypt usage (see above). Throws
 * WebCrypto's error when the padding is wrong.
 */
export async function decryptCbc(
  key: CryptoKey,
  iv: Uint8Array,
  ciphertext: Uint8Array,
  out: Uint8Array,
  chunkSize = CBC_CHUNK,
): Promise<number> {
  if (chunkSize <= 0 || chunkSize % BLOCK) throw new Error('AES-CBC chunk size must be a positive multiple of 16');
  if (ciphertext.length === 0 || ciphertext.length % BLOCK) throw new Error('AES-CBC ciphertext is not a whole number of blocks');
  if (out.length < ciphertext.length) throw new Error('AES-CBC output buffer too small');
  const scratch = new Uint8Array(Math.min(chunkSize, ciphertext.length) + BLOCK);
  let chain = iv;
  let written = 0;
  for (let start = 0; start < ciphertext.length; start += chunkSize) {
    const end = Math.min(start + chunkSize, ciphertext.length);
    const chunk = ciphertext.subarray(start, end);
    let plain: ArrayBuffer;
    if (end < ciphertext.length) {
      const last = chunk.slice(chunk.length - BLOCK); // copied: `out` may overwrite the chunk
      const padding = await subtle().encrypt({ name: 'AES-CBC', iv: last as BufferSource }, key, new Uint8Array(0));
      scratch.set(chunk);
      scratch.set(new Uint8Array(padding), chunk.length);
      plain = await subtle().decrypt({ name: 'AES-CBC', iv: chain as BufferSource }, key, scratch.subarray(0, chunk.length + BLOCK));
      chain = last;
    } else {
      plain = await subtle().decrypt({ name: 'AES-CBC', iv: chain as BufferSource }, key, chunk as BufferSource);
    }
    out.set(new Uint8Array(plain), written);
    written += plain.byteLength;
    release(plain);
  }
  return written;
}

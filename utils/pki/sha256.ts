/**
 * SHA-256 (FIPS 180-4) over Uint8Array, synchronous: for the PKCS#12 key derivation of today's files (OpenSSL 3
 * and HISPs write a SHA-256 MAC: 2,048 rounds and more of a 32-byte value). WebCrypto would cost a promise per
 * round and forge a string conversion per round; this is the CLI's whole-process time for a .p12 going from
 * about 20 ms to about 2. Like ./sha1.ts: not for signatures (those hash with WebCrypto).
 */
import { padded64 } from './sha1';

const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const INITIAL = Int32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
const W = new Int32Array(64);

const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));

function block(h: Int32Array, m: Uint8Array, at: number): void {
  for (let i = 0; i < 16; i++) {
    const p = at + 4 * i;
    W[i] = (m[p]! << 24) | (m[p + 1]! << 16) | (m[p + 2]! << 8) | m[p + 3]!;
  }
  for (let i = 16; i < 64; i++) {
    const a = W[i - 15]!, b = W[i - 2]!;
    const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
    const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
    W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
  }
  let a = h[0]!, b = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!, f = h[5]!, g = h[6]!, k = h[7]!;
  for (let i = 0; i < 64; i++) {
    const t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0;
    const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    k = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] = (h[0]! + a) | 0;
  h[1] = (h[1]! + b) | 0;
  h[2] = (h[2]! + c) | 0;
  h[3] = (h[3]! + d) | 0;
  h[4] = (h[4]! + e) | 0;
  h[5] = (h[5]! + f) | 0;
  h[6] = (h[6]! + g) | 0;
  h[7] = (h[7]! + k) | 0;
}

function digestInto(h: Int32Array, out: Uint8Array): void {
  for (let i = 0; i < 8; i++) {
    out[4 * i] = h[i]! >>> 24;
    out[4 * i + 1] = (h[i]! >>> 16) & 0xff;
    out[4 * i + 2] = (h[i]! >>> 8) & 0xff;
    out[4 * i + 3] = h[i]! & 0xff;
  }
}

export function sha256(data: Uint8Array): Uint8Array {
  const h = INITIAL.slice();
  const padded = padded64(data);
  for (let at = 0; at < padded.length; at += 64) block(h, padded, at);
  const out = new Uint8Array(32);
  digestInto(h, out);
  return out;
}

/** One 64-byte block holding a 32-byte message and its padding (length 256 bits): what each round hashes. */
const ROUND = new Uint8Array(64);
ROUND[32] = 0x80;
ROUND[62] = 1; // 256 = 0x0100
const H = new Int32Array(8);

/** Replaces the 32 bytes of `state` with SHA-256(state), `rounds` times, without allocating. */
export function sha256Rounds(state: Uint8Array, rounds: number): void {
  for (let r = 0; r < rounds; r++) {
    ROUND.set(state.subarray(0, 32));
    H.set(INITIAL);
    block(H, ROUND, 0);
    digestInto(H, state);
  }
}

/**
 * SHA-1 (FIPS 180-4) over Uint8Array, synchronous: for the PKCS#12 key derivation of legacy files, which hashes
 * a 20-byte value up to a million times in a row. WebCrypto would cost a promise per round; forge's digest a
 * string conversion per round (about 4 us); this is about ten times faster. Not for signatures.
 */
const W = new Int32Array(80);

function block(h: Int32Array, m: Uint8Array, at: number): void {
  for (let i = 0; i < 16; i++) {
    const p = at + 4 * i;
    W[i] = (m[p]! << 24) | (m[p + 1]! << 16) | (m[p + 2]! << 8) | m[p + 3]!;
  }
  for (let i = 16; i < 80; i++) {
    const x = W[i - 3]! ^ W[i - 8]! ^ W[i - 14]! ^ W[i - 16]!;
    W[i] = (x << 1) | (x >>> 31);
  }
  let a = h[0]!, b = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!;
  for (let i = 0; i < 80; i++) {
    let f: number, k: number;
    if (i < 20) { f = (b & c) | (~b & d); k = 0x5a827999; }
    else if (i < 40) { f = b ^ c ^ d; k = 0x6ed9eba1; }
    else if (i < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8f1bbcdc; }
    else { f = b ^ c ^ d; k = 0xca62c1d6; }
    const t = (((a << 5) | (a >>> 27)) + f + e + k + W[i]!) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  h[0] = (h[0]! + a) | 0;
  h[1] = (h[1]! + b) | 0;
  h[2] = (h[2]! + c) | 0;
  h[3] = (h[3]! + d) | 0;
  h[4] = (h[4]! + e) | 0;
}

/** The message padded to whole 64-byte blocks with 0x80, zeros and its length in bits (SHA-1 and SHA-256 alike). */
export function padded64(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil((data.length + 9) / 64) * 64);
  out.set(data);
  out[data.length] = 0x80;
  const bits = data.length * 8;
  const end = out.length;
  out[end - 5] = Math.floor(bits / 2 ** 32) & 0xff;
  out[end - 4] = (bits >>> 24) & 0xff;
  out[end - 3] = (bits >>> 16) & 0xff;
  out[end - 2] = (bits >>> 8) & 0xff;
  out[end - 1] = bits & 0xff;
  return out;
}

export function sha1(data: Uint8Array): Uint8Array {
  const h = Int32Array.of(0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476, 0xc3d2e1f0 | 0);
  const padded = padded64(data);
  for (let at = 0; at < padded.length; at += 64) block(h, padded, at);
  const out = new Uint8Array(20);
  for (let i = 0; i < 5; i++) {
    out[4 * i] = h[i]! >>> 24;
    out[4 * i + 1] = (h[i]! >>> 16) & 0xff;
    out[4 * i + 2] = (h[i]! >>> 8) & 0xff;
    out[4 * i + 3] = h[i]! & 0xff;
  }
  return out;
}

/** One 64-byte block holding a 20-byte message and its padding (length 160 bits): what each round hashes. */
const ROUND = new Uint8Array(64);
ROUND[20] = 0x80;
ROUND[63] = 160;
const H = new Int32Array(5);

/** Replaces the 20 bytes of `state` with SHA-1(state), `rounds` times, without allocating. */
export function sha1Rounds(state: Uint8Array, rounds: number): void {
  for (let r = 0; r < rounds; r++) {
    ROUND.set(state.subarray(0, 20));
    H[0] = 0x67452301;
    H[1] = 0xefcdab89 | 0;
    H[2] = 0x98badcfe | 0;
    H[3] = 0x10325476;
    H[4] = 0xc3d2e1f0 | 0;
    block(H, ROUND, 0);
    for (let i = 0; i < 5; i++) {
      state[4 * i] = H[i]! >>> 24;
      state[4 * i + 1] = (H[i]! >>> 16) & 0xff;
      state[4 * i + 2] = (H[i]! >>> 8) & 0xff;
      state[4 * i + 3] = H[i]! & 0xff;
    }
  }
}

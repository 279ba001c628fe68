/** WebCrypto is passed in, or taken from globalThis.crypto: Node 20+ and the extension run the same code. */
let current: Crypto | undefined;

export function useCrypto(crypto: Crypto): void {
  current = crypto;
}

export function getCrypto(): Crypto {
  if (!current) {
    const c = (globalThis as { crypto?: Crypto }).crypto;
    if (!c?.subtle) throw new Error('WebCrypto is not available in this runtime');
    useCrypto(c);
  }
  return current!;
}

export const subtle = (): SubtleCrypto => getCrypto().subtle;

export function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  // getRandomValues fills at most 65536 bytes per call.
  for (let i = 0; i < n; i += 65536) getCrypto().getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
  return out;
}

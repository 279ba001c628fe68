/**
 * The DNS-over-HTTPS resolver a practice chooses: https anywhere, plain http only on this computer (a local
 * resolver; anything else would let the network change the answers, so whom to encrypt to).
 */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const DEFAULT_RESOLVER = 'https://cloudflare-dns.com/dns-query';

/** What can be wrong with a typed resolver: a page says it in its own language by this reason. */
export type ResolverProblem = 'not-a-url' | 'remote-http' | 'not-https' | 'credentials';

/** The resolver as a URL string, or the sentence (and its reason) that says what is wrong with what was typed. */
export function normalizeResolver(input: string): { url: string } | { error: string; reason: ResolverProblem } {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { error: 'That is not a web address; type the resolver like https://cloudflare-dns.com/dns-query.', reason: 'not-a-url' };
  }
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
    return { error: 'A resolver on another computer must use https://, or the network could change its answers.', reason: 'remote-http' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { error: 'The resolver must be an https:// address.', reason: 'not-https' };
  if (url.username || url.password) return { error: 'Type the resolver without a user name or password.', reason: 'credentials' };
  url.hash = '';
  return { url: url.toString() };
}

/** The host-permission pattern for the resolver's origin (the background fetches it). */
export const resolverPattern = (url: string): string => `${new URL(url).origin}/*`;

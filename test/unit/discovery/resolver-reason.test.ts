/** A refused resolver says why by a reason, so a page can say it in its own language (trust.discovery.resolver.*). */
import { describe, expect, it } from 'vitest';
import { normalizeResolver, type ResolverProblem } from '../../../utils/discovery/resolver';
import { translate } from '../../../utils/i18n';

const cases: [string, ResolverProblem][] = [
  ['dns.example.org', 'not-a-url'],
  ['http://dns.example.org/dns-query', 'remote-http'],
  ['ftp://dns.example.org/', 'not-https'],
  ['https://u:p@dns.example.org/', 'credentials'],
];

describe('normalizeResolver reasons', () => {
  it.each(cases)('%s is refused as %s, said in English and Spanish', (typed, reason) => {
    const r = normalizeResolver(typed);
    expect(r).toMatchObject({ reason });
    if (!('reason' in r)) throw new Error('accepted');
    // The page's English is the CLI's sentence; Spanish has its own.
    expect(translate('en', `trust.discovery.resolver.${r.reason}`)).toBe(r.error);
    expect(translate('es', `trust.discovery.resolver.${r.reason}`)).not.toBe(r.error);
  });
});

/**
 * `directseal discover ADDRESS`: the recipient's Direct certificate from DNS CERT records (address-bound name,
 * then the domain; PKIX and IPKIX), over DNS-over-HTTPS or plain DNS. Prints the usable certificates as PEM on
 * stdout and where each came from on stderr; exit 1 with a code when none is usable.
 */
import { DirectSealError } from '../utils/errors';
import { readCertificates, toPem } from '../utils/pki';
import { DISCOVER_USAGE } from './usage';
import { parseCertificate } from '../utils/pki/cert';
import { discoverCertificates, fetchUrlWith, usableOrThrow, type FoundCertificate } from '../utils/discovery/discover';
import { dohTransport } from '../utils/discovery/doh';
import { anchorJudge } from '../utils/discovery/judge';
import { DEFAULT_RESOLVER, normalizeResolver } from '../utils/discovery/resolver';
import { ERROR_SENTENCES } from '../utils/errors';
import { parse } from './args';
import { parseServer, plainDnsTransport } from './dns';
import { readInput, writeOutput } from './io';


export async function discoverCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    { doh: { type: 'string' }, dns: { type: 'string' }, anchor: { type: 'string', multiple: true }, out: { type: 'string', default: '-' } },
    true,
  );
  const address = positionals[0];
  if (!address || positionals.length > 1) throw new DirectSealError('USAGE', DISCOVER_USAGE);
  if (values.doh && values.dns) throw new DirectSealError('USAGE', 'give --doh or --dns, not both');
  const transport = values.dns ? plainDnsTransport(parseServer(values.dns)) : dohTransport(resolverOf(values.doh ?? DEFAULT_RESOLVER), fetch);
  const anchors = (await Promise.all((values.anchor ?? []).map(async (f) => readCertificates(await readInput(f))))).flat();
  if (!anchors.length) process.stderr.write('note: no --anchor given: the certificates are checked for binding, validity and key usage, not for a chain to a trust anchor\n');
  const found = await discoverCertificates(address, { transport, fetchUrl: fetchUrlWith(fetch), judge: anchorJudge(anchors, new Date()) });
  for (const f of found.found) process.stderr.write(describe(f) + '\n');
  for (const n of found.notes) process.stderr.write(`note: ${n}\n`);
  const usable = usableOrThrow(found);
  await writeOutput(values.out!, usable.map((f) => toPem('CERTIFICATE', f.der)).join(''));
  return 0;
}

function resolverOf(text: string): string {
  const r = normalizeResolver(text);
  if ('error' in r) throw new DirectSealError('RESOLVER_INVALID', r.error);
  return r.url;
}

function describe(f: FoundCertificate): string {
  const c = parseCertificate(f.der);
  const where = `CERT ${f.record} at ${f.owner} (${f.kind === 'address' ? 'address-bound name' : 'domain'})${f.url ? ` -> ${f.url}` : ''}, TTL ${f.ttl} s, via ${f.via}`;
  const who = `"${c.subject}" for ${[...c.emails, ...c.dnsNames].join(', ')}`;
  return f.usable ? `found: ${who}: ${where}` : `refused: ${who}: ${where}: ${f.code}: ${ERROR_SENTENCES[f.code!]}${f.detail ? ` (${f.detail})` : ''}`;
}

/**
 * Certificate discovery in the background: DNS CERT over DNS-over-HTTPS through the practice's resolver
 * (utils/discovery). What is found is judged like any contact's certificate (chain to the practice's anchors,
 * validity, key usage, binding to the address) and only a usable one is kept, as a contact from 'dns'. An
 * answer is reused for its records' TTL, so composing to the same address does not ask the network again.
 */
import { DirectSealError, ERROR_SENTENCES, type ErrorCode } from '../errors';
import { certificateInfo } from '../pki';
import { discoverCertificates, fetchUrlWith, usableOrThrow, type Judge } from '../discovery/discover';
import { dohTransport } from '../discovery/doh';
import { normalizeResolver } from '../discovery/resolver';
import { getSetting, putSetting } from '../store/settings';
import type { DiscoveredCertificate, KeyServiceApi } from './api';
import { anchorCertificates, sha256Hex } from './anchors';
import { judgeCertificate, storeContactCertificate, usableCertificates } from './contacts';
import type { ServiceContext } from './context';

type Reply = KeyServiceApi['contacts.discover']['reply'];

/** Answers per service (one per background worker), by resolver and address, until the shortest TTL ends. */
const answers = new WeakMap<ServiceContext, Map<string, { until: number; reply: Reply }>>();

export async function discoverContact(ctx: ServiceContext, req: KeyServiceApi['contacts.discover']['request']): Promise<Reply> {
  const address = String(req.address ?? '').trim().toLowerCase();
  const resolver = await getSetting(ctx.store, 'dohResolver');
  const cache = answers.get(ctx) ?? new Map<string, { until: number; reply: Reply }>();
  answers.set(ctx, cache);
  const key = `${resolver} ${address}`;
  const kept = cache.get(key);
  const anchors = await anchorCertificates(ctx);
  if (kept && kept.until > ctx.now()) {
    // The kept certificates are judged again: an anchor removed since then counts.
    const now = await usableCertificates(ctx, anchors, address);
    if (now.certificates.length) return { ...kept.reply, status: now.status, cached: true };
  }
  const judge: Judge = async (der, pool) => {
    const j = await judgeCertificate(ctx, anchors, der, pool, false);
    if (j.status === 'trusted') return { usable: true };
    return { usable: false, code: codeOf(j.problem) };
  };
  const found = await discoverCertificates(address, { transport: dohTransport(resolver, fetch), fetchUrl: fetchUrlWith(fetch), judge });
  const usable = usableOrThrow(found);
  for (const f of usable) await storeContactCertificate(ctx, f.der, f.chain, 'dns', false);
  const certificates: DiscoveredCertificate[] = [];
  for (const f of found.found) {
    const info = await certificateInfo(f.der);
    certificates.push({
      fingerprint: await sha256Hex(f.der),
      subject: info.subject,
      owner: f.owner,
      record: f.record,
      ...(f.url ? { url: f.url } : {}),
      ttl: f.ttl,
      via: f.via,
      usable: f.usable,
      ...(f.code ? { code: f.code, problem: ERROR_SENTENCES[f.code] } : {}),
    });
  }
  const status = (await usableCertificates(ctx, anchors, address)).status;
  const reply: Reply = { address, status, certificates, cached: false };
  cache.set(key, { until: ctx.now() + Math.min(...usable.map((f) => f.ttl)) * 1000, reply });
  return reply;
}

const codeOf = (sentence: string | undefined): ErrorCode =>
  ((Object.entries(ERROR_SENTENCES) as [ErrorCode, string][]).find(([, s]) => s === sentence)?.[0]) ?? 'SIGNER_UNTRUSTED';

export async function discoverySettings(ctx: ServiceContext): Promise<KeyServiceApi['discovery.settings']['reply']> {
  return { resolver: await getSetting(ctx.store, 'dohResolver') };
}

/** The page asked the browser for the resolver's origin first (a prompt needs the user's click). */
export async function setResolver(ctx: ServiceContext, req: KeyServiceApi['discovery.setResolver']['request']): Promise<KeyServiceApi['discovery.setResolver']['reply']> {
  const r = normalizeResolver(String(req.resolver ?? ''));
  if ('error' in r) throw new DirectSealError('RESOLVER_INVALID', r.error);
  await putSetting(ctx.store, 'dohResolver', r.url);
  answers.delete(ctx);
  return { resolver: r.url };
}

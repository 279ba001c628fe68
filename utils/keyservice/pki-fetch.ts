/**
 * Fetching a missing issuer (AIA) or a CRL (distribution point) for a message being opened, in the background:
 * pages open messages beside the key service and ask it for the bytes (utils/pki/online-path.ts decides what to
 * fetch). Kept per background worker until the issuer expires or the CRL's nextUpdate (utils/pki/pki-fetch.ts).
 * The practice can turn fetching off (opening a message then tells no server anything).
 */
import { DirectSealError } from '../errors';
import type { PkiFetch, PkiFetchKind } from '../pki/online-path';
import { cachedPkiFetch, memoryPkiFetchCache, networkPkiFetch } from '../pki/pki-fetch';
import { getSetting, putSetting } from '../store/settings';
import type { KeyServiceApi } from './api';
import type { ServiceContext } from './context';
import { toWire } from './wire';

const fetchers = new WeakMap<ServiceContext, PkiFetch>();

/** The fetcher `open` is given, or undefined when the practice turned fetching off. */
export async function pkiFetchFor(ctx: ServiceContext): Promise<PkiFetch | undefined> {
  if (!(await getSetting(ctx.store, 'fetchOnline'))) return undefined;
  let fetcher = fetchers.get(ctx);
  if (!fetcher) {
    fetcher = cachedPkiFetch(networkPkiFetch(fetch), memoryPkiFetchCache(), () => ctx.now());
    fetchers.set(ctx, fetcher);
  }
  return fetcher;
}

export async function fetchForPath(ctx: ServiceContext, req: KeyServiceApi['pki.fetch']['request']): Promise<KeyServiceApi['pki.fetch']['reply']> {
  const url = String(req.url ?? '');
  const kind = req.kind as PkiFetchKind;
  if (!/^https?:\/\//i.test(url) || (kind !== 'issuer' && kind !== 'crl')) throw new DirectSealError('USAGE', 'only the http(s) address of an issuer or a CRL is fetched');
  const fetcher = await pkiFetchFor(ctx);
  if (!fetcher) throw new DirectSealError('USAGE', 'fetching issuers and CRLs is turned off in the options');
  return { bytes: toWire(await fetcher(url, kind)) };
}

export async function pkiSettings(ctx: ServiceContext): Promise<KeyServiceApi['pki.settings']['reply']> {
  return { fetchOnline: await getSetting(ctx.store, 'fetchOnline') };
}

export async function setFetchOnline(ctx: ServiceContext, req: KeyServiceApi['pki.setFetchOnline']['request']): Promise<KeyServiceApi['pki.setFetchOnline']['reply']> {
  await putSetting(ctx.store, 'fetchOnline', req.fetchOnline === true);
  return pkiSettings(ctx);
}

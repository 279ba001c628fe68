/**
 * The practice's outgoing-mail settings (utils/direct/outer-subject.ts): the name, phone, subject template,
 * cover note and reader link that sealed messages show outside their encryption. Not secret: every
 * recipient and mail server reads them.
 */
import { DEFAULT_OUTGOING, normalizeOutgoing, type OutgoingSettings } from '../direct/outer-subject';
import { getSetting, putSetting } from '../store/settings';
import type { KeyServiceApi } from './api';
import type { ServiceContext } from './context';

export async function outgoingSettings(ctx: ServiceContext): Promise<OutgoingSettings> {
  return { ...DEFAULT_OUTGOING, ...((await getSetting(ctx.store, 'outgoing')) ?? {}) };
}

export async function setOutgoing(ctx: ServiceContext, req: KeyServiceApi['outgoing.set']['request']): Promise<OutgoingSettings> {
  const settings = normalizeOutgoing(req);
  await putSetting(ctx.store, 'outgoing', settings);
  return settings;
}

/**
 * The background key service: one handler per request of api.ts, each answering with an Outcome so the
 * error's stable code and sentence reach the page. Pure: the background entrypoint passes in the store and
 * the KEK, and checks who is asking before it calls `handle`.
 */
import { Session } from '../custody/session';
import type { Clock } from '../custody/session';
import { loadOrCreateKek } from '../custody/kek';
import { storeKekVault } from '../store/kek-vault';
import type { Store } from '../store/open';
import { getSetting } from '../store/settings';
import { REQUEST_TYPES, type AnyRequest, type KeyServiceApi, type Outcome, type RequestType } from './api';
import { importAnchors, listAnchorSummaries, removeAnchor } from './anchors';
import { addContact, listContactSummaries, lookupContacts, removeContact } from './contacts';
import type { ServiceContext } from './context';
import { confirmBackup, exportBackup, generate, importCertificate, importP12, importPem, listIdentitySummaries, removeIdentity } from './identities';
import { listDraftContents, removeDraft, saveDraft } from './drafts';
import { disableLock, enableLock, lockNow, lockStatus, unlock } from './lock';
import { openMessage, openParties, rememberSigner, sealMessage, sealParties, signAttributes, unwrapKey } from './messages';
import { getIndicator, setIndicator } from './indicator';
import { wireError } from './wire';

type Handlers = {
  [T in RequestType]: (ctx: ServiceContext, request: KeyServiceApi[T]['request']) => Promise<KeyServiceApi[T]['reply']>;
};

const HANDLERS: Handlers = {
  status: async (ctx) => ({ version: ctx.version }),
  'identities.list': listIdentitySummaries,
  'identities.importP12': importP12,
  'identities.importPem': importPem,
  'identities.generate': generate,
  'identities.confirmBackup': confirmBackup,
  'identities.importCertificate': importCertificate,
  'identities.exportBackup': exportBackup,
  'identities.delete': removeIdentity,
  'anchors.list': listAnchorSummaries,
  'anchors.import': importAnchors,
  'anchors.remove': removeAnchor,
  'contacts.list': listContactSummaries,
  'contacts.add': addContact,
  'contacts.remove': removeContact,
  'contacts.lookup': lookupContacts,
  'lock.status': lockStatus,
  'lock.enable': enableLock,
  'lock.disable': disableLock,
  'lock.unlock': unlock,
  'lock.lock': lockNow,
  'drafts.save': saveDraft,
  'drafts.list': listDraftContents,
  'drafts.delete': removeDraft,
  'message.seal': sealMessage,
  'message.open': openMessage,
  'message.sealParties': sealParties,
  'message.sign': signAttributes,
  'message.openParties': openParties,
  'message.unwrapKey': unwrapKey,
  'message.rememberSigner': rememberSigner,
  'indicator.get': getIndicator,
  'indicator.set': setIndicator,
};

export interface KeyService {
  handle(request: unknown): Promise<Outcome<unknown>>;
}

export interface KeyServiceOptions {
  store: Store;
  version: string;
  clock?: Clock;
}

export async function createKeyService(options: KeyServiceOptions): Promise<KeyService> {
  const kek = await loadOrCreateKek(storeKekVault(options.store));
  const idleMinutes = await getSetting(options.store, 'idleMinutes');
  const lock: ServiceContext['lock'] = {};
  const session = new Session({ idleMs: idleMinutes * 60_000, clock: options.clock, onExpire: () => delete lock.passphrase });
  const ctx: ServiceContext = {
    store: options.store,
    kek,
    session,
    lock,
    now: () => options.clock?.now() ?? Date.now(),
    version: options.version,
  };
  return {
    async handle(request) {
      if (!isRequest(request)) return { ok: false, error: { code: 'UNKNOWN_REQUEST', sentence: 'DirectSeal does not know this request; reload the page.' } };
      try {
        const handler = HANDLERS[request.type] as (ctx: ServiceContext, request: AnyRequest) => Promise<unknown>;
        return { ok: true, value: await handler(ctx, request) };
      } catch (e) {
        return { ok: false, error: wireError(e) };
      }
    },
  };
}

export function isRequest(message: unknown): message is AnyRequest {
  const type = (message as { type?: unknown } | null)?.type;
  return typeof type === 'string' && (REQUEST_TYPES as readonly string[]).includes(type);
}

/**
 * The background key service: one handler per request of api.ts, each answering with an Outcome so the
 * error's stable code and sentence reach the page. Pure: the background entrypoint passes in the store, its
 * IDBFactory and where an unlocked session is kept (storage.session), and checks who is asking before it
 * calls `handle`.
 */
import { Session } from '../custody/session';
import type { Clock } from '../custody/session';
import { mapSessionKeeper, type SessionKeeper } from '../custody/session-store';
import type { Store } from '../store/open';
import type { RewriteSupport } from '../store/rewrite';
import { getSettings } from '../store/settings';
import { REQUEST_TYPES, type AnyRequest, type KeyServiceApi, type Outcome, type RequestType } from './api';
import { importAnchors, listAnchorSummaries, removeAnchor } from './anchors';
import { addContact, listContactSummaries, lookupContacts, removeContact } from './contacts';
import type { ServiceContext } from './context';
import { confirmBackup, exportBackup, generate, importCertificate, importP12, importPem, listIdentitySummaries, removeIdentity } from './identities';
import { listDraftContents, removeDraft, saveDraft } from './drafts';
import { declinePassphrase, disableLock, enableLock, lockNow, lockStatus, unlock } from './lock';
import { VAULT_ID } from './keys';
import { openMessage, openParties, rememberSigner, sealMessage, sealParties, signAttributes, unwrapKey } from './messages';
import { getIndicator, setIndicator } from './indicator';
import { outgoingSettings, setOutgoing } from './outgoing';
import { confirmCaBackup, createCa, issueFromCa, issueWelcome, practiceCaStatus } from './practice-ca';
import { importWelcome } from './welcome';
import { deliverySettings, listDeliveries, noteNotification, recordSent, setDeliverySettings } from './delivery';
import { discoverContact, discoverySettings, setResolver } from './discovery';
import { fetchForPath, pkiSettings, setFetchOnline } from './pki-fetch';
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
  'contacts.discover': discoverContact,
  'discovery.settings': discoverySettings,
  'discovery.setResolver': setResolver,
  'lock.status': lockStatus,
  'lock.enable': enableLock,
  'lock.noPassphrase': declinePassphrase,
  'lock.disable': disableLock,
  'lock.unlock': unlock,
  'lock.lock': lockNow,
  'drafts.save': saveDraft,
  'drafts.list': listDraftContents,
  'drafts.delete': removeDraft,
  'message.seal': sealMessage,
  'message.open': openMessage,
  'ca.status': practiceCaStatus,
  'ca.create': createCa,
  'ca.confirmBackup': confirmCaBackup,
  'ca.issue': issueFromCa,
  'message.sealParties': sealParties,
  'message.sign': signAttributes,
  'message.openParties': openParties,
  'message.unwrapKey': unwrapKey,
  'message.rememberSigner': rememberSigner,
  'pki.fetch': fetchForPath,
  'pki.settings': pkiSettings,
  'pki.setFetchOnline': setFetchOnline,
  'indicator.get': getIndicator,
  'indicator.set': setIndicator,
  'outgoing.get': outgoingSettings,
  'outgoing.set': setOutgoing,
  'ca.issueWelcome': issueWelcome,
  'identities.importWelcome': importWelcome,
  'delivery.recordSent': recordSent,
  'delivery.noteNotification': noteNotification,
  'delivery.list': listDeliveries,
  'delivery.settings': deliverySettings,
  'delivery.setSettings': setDeliverySettings,
};

export interface KeyService {
  handle(request: unknown): Promise<Outcome<unknown>>;
}

/** These may rewrite the whole database (lock.ts): nothing else runs meanwhile. */
const EXCLUSIVE: ReadonlySet<RequestType> = new Set(['lock.enable', 'lock.unlock']);

export interface KeyServiceOptions {
  store: Store;
  /** The factory `store` was opened with (a rewrite deletes and recreates the database). */
  factory: IDBFactory;
  /**
   * What the store was opened with too (openStore): where a rewrite stages the records and how it erases the
   * old databases. Required: the extension's survives a crash (rewrite-support.ts), a memory one does not.
   */
  rewrite: RewriteSupport;
  version: string;
  clock?: Clock;
  /** Keeps the unlocked session across service-worker restarts; memory only (default: this process). */
  keeper?: SessionKeeper;
}

export async function createKeyService(options: KeyServiceOptions): Promise<KeyService> {
  const settings = await getSettings(options.store);
  const keeper = options.keeper ?? mapSessionKeeper();
  const session = new Session({ idleMs: settings.idleMinutes * 60_000, clock: options.clock, onExpire: () => void keeper.clear() });
  const ctx: ServiceContext = {
    store: options.store,
    factory: options.factory,
    rewrite: options.rewrite,
    // Read, never created: only an earlier version's install has one.
    legacyKek: (await options.store.get('meta', 'kek')) as CryptoKey | undefined,
    session,
    keeper,
    now: () => options.clock?.now() ?? Date.now(),
    version: options.version,
  };
  await restoreSession(ctx, settings.lockEnabled);
  const gate = exclusiveGate();
  return {
    async handle(request) {
      if (!isRequest(request)) return { ok: false, error: { code: 'UNKNOWN_REQUEST', sentence: 'DirectSeal does not know this request; reload the page.' } };
      return gate(EXCLUSIVE.has(request.type), async () => {
        try {
          const handler = HANDLERS[request.type] as (ctx: ServiceContext, request: AnyRequest) => Promise<unknown>;
          return { ok: true, value: await handler(ctx, request) };
        } catch (e) {
          return { ok: false, error: wireError(e) };
        } finally {
          await keepSession(ctx);
        }
      });
    },
  };
}

/** A worker MV3 stopped while unlocked comes back unlocked, unless the idle time ran out meanwhile. */
async function restoreSession(ctx: ServiceContext, lockEnabled: boolean): Promise<void> {
  const kept = await ctx.keeper.load();
  if (!kept) return;
  if (lockEnabled) ctx.session.restore(VAULT_ID, kept.vault, kept.lastUse);
  if (!ctx.session.has(VAULT_ID)) await ctx.keeper.clear();
}

/** After every request: the kept session follows the live one (a new last use, or locked). */
async function keepSession(ctx: ServiceContext): Promise<void> {
  const vault = ctx.session.peek(VAULT_ID);
  if (vault) await ctx.keeper.save({ vault, lastUse: ctx.session.lastUse });
  else await ctx.keeper.clear();
}

/** Ordinary requests run side by side; an exclusive one waits for them, and they wait for it. */
function exclusiveGate() {
  let running = new Set<Promise<unknown>>();
  let exclusive: Promise<unknown> = Promise.resolve();
  return async <T>(alone: boolean, task: () => Promise<T>): Promise<T> => {
    for (;;) {
      const current = exclusive;
      await current;
      if (current === exclusive) break;
    }
    if (!alone) {
      const p = task();
      running.add(p);
      try {
        return await p;
      } finally {
        running.delete(p);
      }
    }
    const before = [...running];
    const p = (async () => {
      await Promise.allSettled(before);
      return task();
    })();
    exclusive = p.catch(() => undefined);
    return p;
  };
}

export function isRequest(message: unknown): message is AnyRequest {
  const type = (message as { type?: unknown } | null)?.type;
  return typeof type === 'string' && (REQUEST_TYPES as readonly string[]).includes(type);
}

/**
 * The webmail content script: finds compose and read views through the provider's adapter, adds "Secure" and
 * "Open securely", and moves only ciphertext between the DirectSeal frame and the webmail draft. No crypto,
 * no ASN.1 and no plaintext here (test/unit/architecture.test.ts checks the bundle).
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { COVER_BODY, COVER_SUBJECT } from '@/utils/frame-protocol';
import { offerToOpenArmored } from '@/components/content/armor';
import { ADAPTERS } from './adapters';
import type { ComposeView, ReadView, WebmailAdapter } from './adapters/types';
import { placeButton, type PlacedButton } from '@/components/content/button';
import { openFrame } from '@/components/content/overlay';
import { watchPage } from '@/components/content/watch';
import { keepReply, takeReply } from './pending-reply';
import { loadSealedConversations, rememberSealed } from './conversations';
import { guardSend, holdText, isSealed, markSealed, takeTyped, checkAfterSeal } from './guard';
import { startContentLocale } from '@/components/i18n/content-locale';
import { t } from '@/components/i18n/content-text';

const reasonOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export default defineContentScript({
  matches: [
    'https://mail.google.com/*',
    'https://outlook.office.com/*',
    'https://outlook.office365.com/*',
    'https://outlook.live.com/*',
    'http://127.0.0.1/*',
    'http://localhost/*',
  ],
  // Roundcube shows a message inside #messagecontframe.
  allFrames: true,
  // WXT's own "started" postMessage would reach the host page's listeners; custom events suffice.
  noScriptStartedPostMessage: true,
  runAt: 'document_idle',
  async main(ctx) {
    const adapter = ADAPTERS.find((a) => a.detect(document, location));
    if (!adapter) return;
    // The buttons speak the chosen language from the first one placed.
    await startContentLocale();
    if (!ctx.isInvalid) watch(ctx, adapter);
  },
});

function watch(ctx: ContentScriptContext, adapter: WebmailAdapter): void {
  const placed = new WeakMap<Element, HTMLElement>();
  const replies = new WeakMap<Element, HTMLElement>();
  const armored = new WeakSet<Element>();
  const remembered = new WeakSet<Element>();
  void loadSealedConversations();
  const scan = () => {
    offerToOpenArmored(document.body, adapter.name, armored);
    for (const view of adapter.composeViews(document)) {
      if (!placed.has(view.root)) attachWaitingReply(view).catch((e: unknown) => console.warn('DirectSeal: the waiting reply was not attached', e));
      ensureButton(placed, view.root, () => secureButton(adapter, view));
      checkAfterSeal(view);
    }
    for (const view of adapter.readViews(document)) {
      if (!view.sealedParts().length) continue;
      ensureButton(placed, view.root, () => openButton(adapter, view, 'open'));
      // As prominent as the webmail's own Reply, beside "Open securely": the reply a secure message deserves.
      ensureButton(replies, view.root, () => openButton(adapter, view, 'reply'));
      if (!remembered.has(view.root) && view.subject) {
        remembered.add(view.root);
        void rememberSealed(view.subject(), view.sender?.()).catch((e: unknown) => console.warn('DirectSeal: secure conversation not remembered', e));
      }
    }
  };
  // Single-page webmails re-render all the time: rescan (throttled) on every change.
  watchPage(ctx, scan, { delayMs: 150 });
  // Typing into a sealed compose changes no DOM node: check on input too.
  ctx.addEventListener(document, 'input', () => adapter.composeViews(document).forEach(checkAfterSeal), { capture: true });
  guardSend(ctx, adapter, (view) => (placed.get(view.root)?.shadowRoot?.querySelector('button') as HTMLButtonElement | null)?.click());
}

function ensureButton(placed: WeakMap<Element, HTMLElement>, root: Element, make: () => HTMLElement): void {
  const existing = placed.get(root);
  if (existing?.isConnected) return;
  placed.set(root, make());
}

function secureButton(adapter: WebmailAdapter, view: ComposeView): HTMLElement {
  return placeButton(view.toolbar, 'webmail.button.secure', 'secure', async (button: PlacedButton) => {
    // A second smime.p7m would be a second, different message.
    if (isSealed(view)) throw new Error(t('webmail.secure.alreadySealed'));
    // What was typed into the webmail goes into the frame and out of the webmail's fields (and its saved draft).
    const typed = takeTyped(view);
    const opening = openFrame(
      {
        view: 'write',
        suggestedRecipients: view.recipients(),
        provider: adapter.name,
        maxAttachmentBytes: adapter.maxAttachmentBytes(document),
        ...(typed.subject ? { suggestedSubject: typed.subject } : {}),
        ...(typed.text ? { suggestedText: typed.text } : {}),
        ...(view.isReply?.() ? { replyTo: typed.subject } : {}),
      },
      {
        handle: async (result) => {
          if (result.kind !== 'sealed') return { ok: false, message: t('webmail.outcome.nothingToAttach') };
          try {
            await view.attach(new File([result.p7m.slice()], result.filename, { type: 'application/pkcs7-mime' }));
          } catch (e) {
            // Nothing was changed in the draft: the user can download the .eml from the frame or try again.
            return { ok: false, message: t('webmail.outcome.attachFailed', { reason: reasonOf(e) }) };
          }
          view.setCoverNote(result.coverSubject || COVER_SUBJECT, result.coverBody || COVER_BODY);
          markSealed(view);
          return { ok: true, message: t('webmail.outcome.attached', { file: result.filename }) };
        },
      },
    );
    typed.cleared.catch((e: unknown) => button.report(t('webmail.secure.draftNotReplaced', { reason: reasonOf(e) })));
    let result;
    try {
      result = await opening;
    } catch (e) {
      // The frame never opened: the text goes back where the user typed it.
      typed.restore();
      throw e;
    }
    // Closed unsent: the text stays out of the webmail, held until the user says where it goes.
    if (!result) holdText(view, typed, () => (button.host.shadowRoot?.querySelector('button') as HTMLButtonElement | null)?.click());
  }).host;
}

function openButton(adapter: WebmailAdapter, view: ReadView, kind: 'open' | 'reply'): HTMLElement {
  const replying = kind === 'reply';
  return placeButton(view.toolbar, replying ? 'webmail.button.reply' : 'webmail.button.open', kind, async () => {
    const part = view.sealedParts()[0];
    if (!part) throw new Error(t('webmail.open.partGone'));
    const sealed = await part.fetch();
    const outerSubject = view.subject?.();
    await openFrame(
      {
        view: 'read',
        name: part.name,
        provider: adapter.name,
        maxAttachmentBytes: adapter.maxAttachmentBytes(document),
        ...(outerSubject !== undefined ? { outerSubject } : {}),
        ...(replying ? { intent: 'reply' as const } : {}),
      },
      {
        sealed,
        handle: async (result) => {
          if (result.kind !== 'sealed') return { ok: false, message: t('webmail.outcome.nothingToSend') };
          // "Reply securely": the sealed reply waits for the webmail's own reply compose, where it is attached.
          const { p7m, filename, coverSubject, coverBody } = result;
          await keepReply({ p7m: Array.from(p7m), filename, coverSubject, coverBody });
          const notification = Boolean(result.notification);
          if (view.reply?.()) return { ok: true, message: t(notification ? 'webmail.outcome.notificationOpening' : 'webmail.outcome.replyOpening') };
          return { ok: true, message: t(notification ? 'webmail.outcome.notificationWaiting' : 'webmail.outcome.replyWaiting') };
        },
      },
    );
  }).host;
}

/** A compose view just appeared: if a sealed reply is waiting, it goes into this draft. */
async function attachWaitingReply(view: ComposeView): Promise<void> {
  const reply = await takeReply();
  if (!reply) return;
  // The webmail's reply quotes the answered message: only the cover note stays.
  await view.attach(new File([new Uint8Array(reply.p7m)], reply.filename, { type: 'application/pkcs7-mime' }));
  view.setCoverNote(reply.coverSubject, reply.coverBody);
  markSealed(view);
}

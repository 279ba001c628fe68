/**
 * A compose owned by DirectSeal: "Secure" takes what was typed into the webmail out of it; a sealed compose is
 * marked, its cover note locked, and anything added after sealing is called out; Send asks first when a
 * message would go out in the clear (something added after sealing, or a plain reply to a sealed message).
 */
import { askBeforeSending, placeHeldNotice, placeSealedMark, type Said, type SealedMark, type SendQuestion } from '@/components/content/compose-guard';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { isSealedName, type ComposeView, type WebmailAdapter } from './adapters/types';
import { answersSealed } from './conversations';
import { fieldText, setFieldText, setReadOnly } from './fields';

interface SealedState {
  /** The attachments when the sealed message was attached, and the cover note as set. */
  names: string[];
  subject: string;
  body: string;
  mark: SealedMark;
}

const sealedComposes = new WeakMap<Element, SealedState>();
/** Composes seen answering a sealed message (kept: the subject may be emptied later). */
const secureConversations = new WeakSet<Element>();
/**
 * Text taken into a frame that was closed without sealing: held here (the content script's memory, which the
 * page cannot read) until the user continues securely or puts it back, so closing the frame loses nothing.
 */
const held = new WeakMap<Element, { subject: string; text: string; notice: HTMLElement }>();

export interface TakenText {
  subject: string;
  text: string;
  /** Settles once the webmail's fields are empty and any draft it had saved of them was saved over. */
  cleared: Promise<void>;
  /** Puts the text back (the frame did not open). */
  restore(): void;
}

/** What the user typed into the webmail's subject and body, taken out of them (not from a sealed compose). */
export function takeTyped(view: ComposeView): TakenText {
  const controls = view.controls?.();
  const nothing: TakenText = { subject: '', text: '', cleared: Promise.resolve(), restore: () => undefined };
  if (!controls || sealedComposes.has(view.root)) return nothing;
  noteConversation(view);
  const kept = held.get(view.root);
  held.delete(view.root);
  kept?.notice.remove();
  const typedSubject = controls.subject?.value ?? '';
  const typedText = fieldText(controls.body);
  // Held text first, then anything typed into the webmail since.
  const subject = typedSubject.trim() ? typedSubject : (kept?.subject ?? '');
  const text = [kept?.text, typedText].filter((t) => t?.trim()).join('\n\n');
  if (!subject.trim() && !text.trim()) return nothing;
  setFieldText(document, controls.subject, '');
  setFieldText(document, controls.body, '');
  const typedAnything = Boolean(typedSubject.trim() || typedText.trim());
  return {
    subject,
    text,
    cleared: typedAnything ? (view.saveDraftOver?.() ?? Promise.resolve()) : Promise.resolve(),
    restore() {
      setFieldText(document, controls.subject, subject);
      setFieldText(document, controls.body, text);
    },
  };
}

/**
 * The frame was closed without sealing: the text it took stays out of the webmail, held, with a notice in the
 * compose: continue in DirectSeal, or put it back into the webmail's fields (not encrypted).
 */
export function holdText(view: ComposeView, taken: TakenText, continueSecurely: () => void): void {
  if (!taken.subject.trim() && !taken.text.trim()) return;
  const notice = placeHeldNotice(view.root, {
    onContinue: continueSecurely,
    onPutBack: () => {
      held.delete(view.root);
      taken.restore();
    },
  });
  held.set(view.root, { subject: taken.subject, text: taken.text, notice });
}

/** The compose holds a sealed message already (its cover note locked): Secure must not attach a second one. */
export const isSealed = (view: ComposeView): boolean => sealedComposes.has(view.root);

/** The sealed message and its cover note are in the draft: mark the compose and lock the cover note. */
export function markSealed(view: ComposeView): void {
  const controls = view.controls?.();
  const mark = sealedComposes.get(view.root)?.mark ?? placeSealedMark(view.root);
  setReadOnly(controls?.subject ?? null, true);
  setReadOnly(controls?.body ?? null, true);
  sealedComposes.set(view.root, {
    names: view.attachmentNames?.() ?? [],
    subject: controls?.subject?.value ?? '',
    body: fieldText(controls?.body ?? null),
    mark,
  });
}

/** On every change: a sealed compose's mark turns into a warning when something was added after sealing. */
export function checkAfterSeal(view: ComposeView): void {
  const state = sealedComposes.get(view.root);
  if (!state) return noteConversation(view);
  // Single-page webmails re-render: the mark goes back if the compose lost it.
  if (!state.mark.host.isConnected) view.root.prepend(state.mark.host);
  state.mark.warn(addedAfterSeal(view, state));
}

function noteConversation(view: ComposeView): void {
  if (secureConversations.has(view.root) || !view.isReply?.()) return;
  if (answersSealed(view.controls?.().subject?.value ?? '', view.recipients())) secureConversations.add(view.root);
}

/** What was added after sealing, in a sentence for the user; undefined when nothing was. */
function addedAfterSeal(view: ComposeView, state: SealedState): Said | undefined {
  const left = [...state.names];
  const added = (view.attachmentNames?.() ?? []).filter((name) => {
    const i = left.indexOf(name);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
  if (added.length === 1) return { id: 'webmail.sealed.addedFile', params: { file: added[0]! } };
  if (added.length) return { id: 'webmail.sealed.addedFiles', params: { files: added.join(', ') } };
  const controls = view.controls?.();
  if ((controls?.subject?.value ?? '') !== state.subject || fieldText(controls?.body ?? null) !== state.body) {
    return { id: 'webmail.sealed.changed' };
  }
  return undefined;
}

function questionFor(view: ComposeView): SendQuestion | undefined {
  const state = sealedComposes.get(view.root);
  if (state) {
    const added = addedAfterSeal(view, state);
    return added ? { title: 'webmail.ask.addedTitle', text: added, sendLabel: 'webmail.ask.sendAnyway' } : undefined;
  }
  noteConversation(view);
  if (!secureConversations.has(view.root)) return undefined;
  // Sealed by another path (a delivery notification, a sealed reply attached by hand): not in the clear.
  if ((view.attachmentNames?.() ?? []).some((name) => isSealedName(name))) return undefined;
  return {
    title: 'webmail.ask.plainTitle',
    text: { id: 'webmail.ask.plainText' },
    secureLabel: 'webmail.ask.writeSecurely',
    sendLabel: 'webmail.ask.sendPlain',
  };
}

/**
 * Stops the webmail's Send (its button, or Ctrl/Cmd+Enter in a compose) while the question is open; "Send" then
 * clicks Send again, once, past this guard. `secure` starts DirectSeal's Secure in that compose.
 */
export function guardSend(ctx: ContentScriptContext, adapter: WebmailAdapter, secure: (view: ComposeView) => void): void {
  const letThrough = new WeakSet<Element>();
  const decide = (event: Event, view: ComposeView) => {
    if (letThrough.has(view.root)) return void letThrough.delete(view.root);
    const question = questionFor(view);
    if (!question) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    void askBeforeSending(question).then((choice) => {
      if (choice === 'secure') return secure(view);
      if (choice !== 'send') return;
      const send = view.controls?.().send;
      if (!(send instanceof HTMLElement)) return;
      letThrough.add(view.root);
      send.click();
    });
  };
  // Through ctx: a reloaded extension's old content script stops guarding (the new one takes over).
  ctx.addEventListener(
    document,
    'click',
    (event) => {
      const target = event.target as Node | null;
      if (!target) return;
      const view = adapter.composeViews(document).find((v) => v.controls?.().send?.contains(target));
      if (view) decide(event, view);
    },
    { capture: true },
  );
  ctx.addEventListener(
    document,
    'keydown',
    (event) => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
      const target = event.target as Node | null;
      const view = target ? adapter.composeViews(document).find((v) => v.root.contains(target)) : undefined;
      if (view) decide(event, view);
    },
    { capture: true },
  );
}

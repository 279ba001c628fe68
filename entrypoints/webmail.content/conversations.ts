/**
 * Conversations that were secure: the outer subject (and sender, where the webmail shows it) of every sealed
 * message the webmail displayed. A plain reply in one of them is stopped with a warning before it goes out in
 * the clear. Only outer subjects are kept (they carry no health information by design), in the extension's
 * local storage, the most recent few hundred.
 */
import { browser } from 'wxt/browser';
import { oneLine, withoutReplyPrefix } from '@/utils/direct/subject-line';

const KEY = 'directseal.sealedConversations';
const KEEP = 300;

interface Remembered {
  subject: string;
  sender?: string;
}

let remembered: Remembered[] = [];
let loading: Promise<void> | undefined;

/** "Re: Secure message from X " and "secure message from x" are one conversation. */
function conversationOf(subject: string): string {
  return withoutReplyPrefix(oneLine(subject)).toLowerCase();
}

/** Reads what earlier pages remembered (once per page). */
export function loadSealedConversations(): Promise<void> {
  loading ??= browser.storage.local.get(KEY).then(
    (stored) => void (remembered = ((stored[KEY] as Remembered[] | undefined) ?? []).concat(remembered)),
    (e: unknown) => console.warn('DirectSeal: secure conversations not read', e),
  );
  return loading;
}

export async function rememberSealed(subject: string, sender: string | undefined): Promise<void> {
  const entry: Remembered = { subject: conversationOf(subject), ...(sender ? { sender: sender.toLowerCase() } : {}) };
  if (!entry.subject || isKnown(entry)) return;
  remembered = [entry, ...remembered].slice(0, KEEP);
  await loadSealedConversations();
  await browser.storage.local.set({ [KEY]: remembered });
}

function isKnown(entry: Remembered): boolean {
  return remembered.some((r) => r.subject === entry.subject && r.sender === entry.sender);
}

/**
 * True when a compose with this subject answers a sealed message: same conversation, and (where the sealed
 * message's sender is known) written to that sender.
 */
export function answersSealed(subject: string, recipients: string[]): boolean {
  const conversation = conversationOf(subject);
  if (!conversation) return false;
  const to = new Set(recipients.map((r) => r.toLowerCase()));
  return remembered.some((r) => r.subject === conversation && (!r.sender || to.size === 0 || to.has(r.sender)));
}

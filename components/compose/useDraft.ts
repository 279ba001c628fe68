/**
 * Autosave for the compose view: the draft goes to the background (encrypted at rest under the vault, which
 * exists only while unlocked) a moment after each change, and an unsent draft from a crash or a closed tab is
 * offered back. While locked nothing is saved or listed; after an unlock the list is asked for again.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComposeDraft } from '@/utils/keyservice/api';
import { call, fileBytes, fromBase64, toBase64 } from '../client';
import { useServiceList } from '../ui/data';

/** Attachments above this total are not autosaved (the draft would be slow to write); the text still is. */
const MAX_ATTACHMENT_BYTES = 8 * 1024 * 1024;

export interface DraftFields {
  from: string;
  to: string;
  subject: string;
  text: string;
  files: File[];
}

export interface SavedDraft {
  id: string;
  updatedAt: number;
  draft: ComposeDraft;
}

export function useDraft(fields: DraftFields, enabled: boolean) {
  const id = useRef(`draft-${crypto.randomUUID()}`);
  const [offer, setOffer] = useState<SavedDraft | undefined>();
  const [savedAt, setSavedAt] = useState<number | undefined>();

  const { data: lock } = useServiceList('lock.status');
  const unlocked = lock.state === 'ready' && (lock.value.mode !== 'passphrase' || lock.value.unlocked);

  // Offer the newest draft left behind by an earlier compose (not this one); none while locked.
  useEffect(() => {
    if (!unlocked) return setOffer(undefined);
    call('drafts.list', {})
      .then((drafts) => setOffer(drafts.find((d) => d.id !== id.current && hasContent(d.draft))))
      .catch(() => undefined);
  }, [unlocked]);

  useEffect(() => {
    if (!enabled || !hasContent({ ...fields, attachments: [] }) && fields.files.length === 0) return;
    const timer = setTimeout(() => {
      void toDraft(fields)
        .then((draft) => call('drafts.save', { id: id.current, draft }))
        .then((r) => setSavedAt(r.updatedAt))
        .catch((e: unknown) => console.warn('DirectSeal: draft not saved', e));
    }, 800);
    return () => clearTimeout(timer);
  }, [fields.from, fields.to, fields.subject, fields.text, fields.files, enabled]);

  return {
    savedAt,
    offer,
    /** Takes over the offered draft: it becomes this compose's draft. */
    restore(): DraftFields | undefined {
      if (!offer) return undefined;
      const restored = fromDraft(offer.draft);
      void call('drafts.delete', { id: offer.id }).catch(() => undefined);
      setOffer(undefined);
      return restored;
    },
    discardOffer() {
      if (offer) void call('drafts.delete', { id: offer.id }).catch(() => undefined);
      setOffer(undefined);
    },
    /** The message was sealed: nothing left to recover. */
    async done() {
      await call('drafts.delete', { id: id.current }).catch(() => undefined);
      setSavedAt(undefined);
    },
  };
}

function hasContent(d: Pick<ComposeDraft, 'to' | 'subject' | 'text'> & { attachments: unknown[] }): boolean {
  return Boolean(d.to.trim() || d.subject.trim() || d.text.trim() || d.attachments.length);
}

async function toDraft(f: DraftFields): Promise<ComposeDraft> {
  const total = f.files.reduce((n, file) => n + file.size, 0);
  const attachments =
    total > MAX_ATTACHMENT_BYTES
      ? []
      : await Promise.all(f.files.map(async (file) => ({ name: file.name, type: file.type, content: toBase64(await fileBytes(file)) })));
  return { from: f.from, to: f.to, subject: f.subject, text: f.text, attachments };
}

function fromDraft(d: ComposeDraft): DraftFields {
  return {
    from: d.from,
    to: d.to,
    subject: d.subject,
    text: d.text,
    files: d.attachments.map((a) => new File([fromBase64(a.content).slice()], a.name, { type: a.type })),
  };
}

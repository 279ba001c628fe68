import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { call, download } from '../client';
import { prewarm, sealDraft, type Step } from '../crypto/bulk';
import { Progress } from '../crypto/Progress';
import { Button, Field, Notices, TextField } from '../ui/controls';
import { useServiceList } from '../ui/data';
import { formatDateTime, looksLikeAddress, safeFilename, splitAddresses } from '../ui/format';
import { useAction } from '../ui/useAction';
import { AttachmentPicker } from './AttachmentPicker';
import { useDraft } from './useDraft';
import { OuterSubjectField } from '../outgoing/OuterSubjectField';
import { RecipientList, SEALABLE, type Lookup } from './RecipientList';
import { notAttachedSentence, overLimitSentence, sealedSizeEstimate, type AttachmentLimit } from './limits';
import './compose.css';
import { t } from '../i18n/current';

export interface Sealed {
  bytes: Uint8Array;
  filename: string;
  to: string[];
  from: string;
  /** The outer subject the user chose for this message (after the warning); undefined: the practice's. */
  outerSubject?: string;
}

/**
 * Writing a Direct message: pick one of your ready identities, recipients whose certificates DirectSeal holds,
 * subject, text and files. "Seal" builds the RFC 5322 message and seals it in a worker of this page
 * (components/crypto/bulk.ts), the background signing only the signed attributes; the plaintext never leaves
 * extension pages. Embedded later in webmail compose frames via `onSealed`.
 */
export interface ComposeStart {
  to?: string;
  subject?: string;
  text?: string;
}

/** In a webmail's DirectSeal frame: what the content script did with the sealed message, and how to close. */
export interface EmbeddedCompose {
  /** Undefined while the content script is still attaching. */
  outcome?: { ok: boolean; message: string };
  onClose(): void;
}

export function ComposeView(props: {
  settingsUrl: string;
  onSealed?: (sealed: Sealed) => void;
  /** Recipients the host page suggested (its own To field): shown as a suggestion, used once. */
  suggestedTo?: string[];
  /** The text in `start` was typed into the host page first, so that page could already read it. */
  typedInPage?: boolean;
  start?: ComposeStart;
  embedded?: EmbeddedCompose;
  /** The webmail's own attachment limit, where the sealed message goes to a webmail draft. */
  attachmentLimit?: AttachmentLimit | undefined;
  /** In a webmail: the practice's outer subject, shown under Subject and changeable per message. */
  outerSubject?: string | undefined;
}) {
  const { data: identities } = useServiceList('identities.list');
  const ready = identities.state === 'ready' ? identities.value.filter((i) => i.state === 'ready' && !i.expired) : [];
  const [from, setFrom] = useState('');
  const [toText, setToText] = useState(props.start?.to ?? props.suggestedTo?.join(', ') ?? '');
  // Set once, when the frame opened: after that only the user changes the recipients.
  const [suggested] = useState(() => (props.suggestedTo ?? []).filter(Boolean));
  const [subject, setSubject] = useState(props.start?.subject ?? '');
  const [text, setText] = useState(props.start?.text ?? '');
  const [outerOverride, setOuterOverride] = useState<string | undefined>();
  const [files, setFiles] = useState<File[]>([]);
  const [lookup, setLookup] = useState<Lookup>({});
  const [sealed, setSealed] = useState<Sealed | undefined>();
  const [step, setStep] = useState<Step | undefined>();
  const { busy, notice, setNotice, run } = useAction();
  const sealedHeading = useRef<HTMLHeadingElement>(null);
  const draft = useDraft({ from, to: toText, subject, text, files }, !sealed);
  useLayoutEffect(() => sealedHeading.current?.focus(), [sealed]);
  useEffect(prewarm, []);

  // In the commit that lists the identities: the From list never shows a frame with none chosen.
  useLayoutEffect(() => {
    if (!from && ready[0]) setFrom(ready[0].address);
  }, [ready.map((i) => i.address).join(), from]);

  const addresses = useMemo(() => [...new Set(splitAddresses(toText).map((a) => a.toLowerCase()))], [toText]);

  // Ask the key service which recipients have a usable certificate, a moment after typing stops.
  useEffect(() => {
    const valid = addresses.filter(looksLikeAddress);
    const next: Lookup = {};
    for (const a of addresses) next[a] = looksLikeAddress(a) ? (lookup[a] ?? 'checking') : 'invalid';
    setLookup(next);
    if (valid.length === 0) return;
    const timer = setTimeout(() => {
      call('contacts.lookup', { addresses: valid })
        .then((reply) => setLookup((prev) => ({ ...prev, ...normalize(reply) })))
        .catch((e: unknown) => console.warn('DirectSeal: lookup failed', e));
    }, 300);
    return () => clearTimeout(timer);
  }, [addresses.join()]);

  const blocked = addresses.filter((a) => !SEALABLE.has(lookup[a] ?? ''));
  const estimate = useMemo(() => sealedSizeEstimate(files.map((f) => f.size), text.length, addresses.length + 1), [files, text.length, addresses.length]);
  const overLimit = overLimitSentence(props.attachmentLimit, estimate);
  // Sealed while over the webmail's limit: kept here for download, never handed to the webmail.
  const [notAttached, setNotAttached] = useState<string | undefined>();

  async function seal(e?: Event) {
    e?.preventDefault();
    if (!from) return setNotice({ error: t('compose.noFrom') });
    if (addresses.length === 0) return setNotice({ error: t('compose.noRecipient') });
    if (blocked.length > 0) {
      return setNotice({ error: t('compose.blocked', { addresses: blocked.join(', ') }) });
    }
    const result = await run(
      t('compose.sealing'),
      async () => {
        try {
          const bytes = await sealDraft({ from, to: addresses, subject, text, files }, setStep);
          return { bytes, filename: `${safeFilename(subject, 'direct-message')}.eml`, to: addresses, from, ...(outerOverride !== undefined ? { outerSubject: outerOverride } : {}) };
        } finally {
          setStep(undefined);
        }
      },
    );
    if (!result) return;
    await draft.done();
    setSealed(result);
    if (overLimit && props.attachmentLimit) return setNotAttached(notAttachedSentence(props.attachmentLimit));
    setNotAttached(undefined);
    props.onSealed?.(result);
  }

  function restoreDraft() {
    const d = draft.restore();
    if (!d) return;
    if (d.from) setFrom(d.from);
    setToText(d.to);
    setSubject(d.subject);
    setText(d.text);
    setFiles(d.files);
  }

  function startOver() {
    setSealed(undefined);
    setNotice({});
    setToText('');
    setSubject('');
    setText('');
    setFiles([]);
  }

  if (identities.state === 'ready' && ready.length === 0) {
    return (
      <div class="ds-compose">
        <div class="ds-notice ds-notice--warn">
          <span class="ds-notice__icon" aria-hidden="true">!</span>
          <span>
            {t('compose.noIdentity')}
            <a href={`${props.settingsUrl}#identity`} target="_blank" rel="noopener">
              {t('compose.noIdentity.link')}
            </a>
            .
          </span>
        </div>
      </div>
    );
  }

  if (sealed) {
    return (
      <div class="ds-compose ds-sealed">
        <div class="ds-sealed__card">
          <h2 class="ds-sealed__title" ref={sealedHeading} tabIndex={-1}>
            <span class="ds-notice__icon" aria-hidden="true">✓</span>
            {t('compose.sealed')}
          </h2>
          <p>
            {t('compose.sealed.what', { from: sealed.from, to: sealed.to.join(', ') })}
            {props.embedded ? '' : t('compose.sealed.download')}
          </p>
          {props.embedded && notAttached && (
            <p class="ds-notice ds-notice--warn" role="status">
              {notAttached}
            </p>
          )}
          {props.embedded && !notAttached && (
            <p class={`ds-notice ${props.embedded.outcome ? (props.embedded.outcome.ok ? 'ds-notice--ok' : 'ds-notice--error') : ''}`} role="status">
              {props.embedded.outcome?.message ?? t('compose.attaching')}
            </p>
          )}
          <div class="ds-actions">
            {props.embedded ? (
              <>
                <Button onClick={props.embedded.onClose}>{t('compose.close')}</Button>
                <Button variant="secondary" onClick={() => download(sealed.bytes, sealed.filename, 'message/rfc822')}>
                  {t('compose.downloadEml')}
                </Button>
              </>
            ) : (
              <>
                <Button onClick={() => download(sealed.bytes, sealed.filename, 'message/rfc822')}>{t('compose.downloadEml')}</Button>
                <Button variant="secondary" onClick={startOver}>
                  {t('compose.another')}
                </Button>
              </>
            )}
          </div>
        </div>
      </div>
    );
  }

  return (
    <form class="ds-compose ds-form" onSubmit={seal} aria-label={t('compose.form')} noValidate>
      {props.typedInPage && (
        <p class="ds-notice ds-notice--warn" role="note">
          <span class="ds-notice__icon" aria-hidden="true">!</span>
          <span>{props.embedded ? t('compose.typedInPage.embedded', { button: t('webmail.button.secure') }) : t('compose.typedInPage', { button: t('webmail.button.field') })}</span>
        </p>
      )}
      {draft.offer && (
        <div class="ds-notice ds-notice--warn ds-draft-offer" role="region" aria-label={t('compose.draft.region')}>
          <span>
            {draft.offer.draft.to
              ? t('compose.draft.keptTo', { time: formatDateTime(draft.offer.updatedAt), to: draft.offer.draft.to })
              : t('compose.draft.kept', { time: formatDateTime(draft.offer.updatedAt) })}
          </span>
          <span class="ds-actions">
            <Button variant="secondary" onClick={restoreDraft}>
              {t('compose.draft.restore')}
            </Button>
            <Button variant="quiet" onClick={() => draft.discardOffer()}>
              {t('compose.draft.discard')}
            </Button>
          </span>
        </div>
      )}
      <Field label={t('compose.from')}>
        {({ id }) => (
          <select id={id} class="ds-select" value={from} onChange={(e) => setFrom(e.currentTarget.value)}>
            {ready.map((i) => (
              <option key={i.id} value={i.address}>
                {i.address}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div class="ds-field">
        <TextField
          label={t('compose.to')}
          hint={t('compose.to.hint')}
          type="text"
          inputMode="email"
          autoComplete="off"
          spellcheck={false}
          value={toText}
          onValue={setToText}
        />
        {suggested.length > 0 && (
          <p class="ds-compose__suggested" data-testid="suggested-recipients">
            {t('compose.suggested', { addresses: suggested.join(', ') })}
          </p>
        )}
        <RecipientList addresses={addresses} lookup={lookup} settingsUrl={`${props.settingsUrl}#contacts`} onDiscovered={(a, status) => setLookup((prev) => ({ ...prev, [a]: status }))} />
      </div>
      <TextField label={t('compose.subject')} value={subject} onValue={setSubject} />
      {props.outerSubject !== undefined && (
        <OuterSubjectField practiceSubject={props.outerSubject} value={outerOverride} onValue={setOuterOverride} />
      )}
      <Field label={t('compose.message')}>
        {({ id }) => <textarea id={id} class="ds-textarea ds-compose__body" rows={10} value={text} onInput={(e) => setText(e.currentTarget.value)} />}
      </Field>
      <AttachmentPicker files={files} onFiles={setFiles} />
      {overLimit && (
        <p class="ds-notice ds-notice--warn" role="note" data-testid="over-limit">
          <span class="ds-notice__icon" aria-hidden="true">!</span>
          <span>{overLimit}</span>
        </p>
      )}
      {busy && <Progress step={step} />}
      <Notices notice={notice} onUnlocked={() => void seal()} />
      <div class="ds-actions ds-compose__actions">
        <Button type="submit" busy={busy} disabled={addresses.length > 0 && blocked.some((a) => lookup[a] !== 'checking')}>
          {t('compose.seal')}
        </Button>
        <span class="ds-compose__note">
          {t('compose.note')}
          {draft.savedAt ? t('compose.draftSaved') : ''}
        </span>
      </div>
    </form>
  );
}

/** The service answers with the addresses as given; match them case-insensitively. */
function normalize(reply: Record<string, Lookup[string]>): Lookup {
  const out: Lookup = {};
  for (const [k, v] of Object.entries(reply)) out[k.toLowerCase()] = v;
  return out;
}

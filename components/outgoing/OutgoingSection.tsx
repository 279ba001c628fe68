import { useEffect, useRef, useState } from 'preact/hooks';
import { coverNote, DEFAULT_OUTGOING, normalizeOutgoing, outerSubject, type OutgoingSettings } from '@/utils/direct/outer-subject';
import { call } from '../client';
import { Section } from '../Section';
import { EnvelopeIcon } from '../icons';
import { Button, Field, Notices, TextField } from '../ui/controls';
import { sentenceOf, useAction } from '../ui/useAction';
import './outgoing.css';

/**
 * Options → Outgoing mail: what every sealed message shows outside its encryption (outer subject, cover
 * note). The preview is built by the same code the frame uses, so what the practice sees is what is sent.
 */
export function OutgoingSection() {
  const [settings, setSettings] = useState<OutgoingSettings>({ ...DEFAULT_OUTGOING });
  const { busy, notice, setNotice, run } = useAction();
  // What the user typed before the stored settings arrived stays: the load fills only the fields not touched.
  const touched = useRef(new Set<keyof OutgoingSettings>());
  useEffect(() => {
    call('outgoing.get', {})
      .then((stored) => setSettings((typed) => ({ ...stored, ...Object.fromEntries([...touched.current].map((k) => [k, typed[k]])) })))
      .catch((e: unknown) => setNotice({ error: `The outgoing-mail settings could not be read (${sentenceOf(e)}); reload this page.` }));
  }, []);
  const set = (key: keyof OutgoingSettings) => (value: string) => {
    touched.current.add(key);
    setSettings((s) => ({ ...s, [key]: value }));
  };
  const preview = previewOf(settings);

  async function save(e: Event) {
    e.preventDefault();
    const saved = await run('Saving…', () => call('outgoing.set', settings), 'Saved. Messages you seal from now on carry this subject and cover note.');
    if (saved) setSettings(saved);
  }

  return (
    <Section
      id="outgoing"
      title="Outgoing mail"
      icon={<EnvelopeIcon />}
      summary="The subject and the short note your webmail sends with every sealed message. Mail servers and anyone who sees the inbox can read them, so they say who it is from and how to read it, never what it is about. The real subject is sealed inside with the message."
    >
      <form class="ds-form" onSubmit={save} aria-label="Outgoing mail">
        <TextField label="Practice name" hint="For example: Lakeside Family Practice." value={settings.practice} onValue={set('practice')} maxLength={80} />
        <TextField label="Phone" hint="Where recipients can call about a message." type="tel" value={settings.phone} onValue={set('phone')} maxLength={40} />
        <TextField
          label="Subject"
          hint="{practice} stands for the practice name. Never put health information here: it is not encrypted."
          value={settings.subjectTemplate}
          onValue={set('subjectTemplate')}
          maxLength={160}
        />
        <Field label="Your words in the cover note" hint="Optional: opening hours, who to ask. Not encrypted.">
          {({ id, describedBy }) => (
            <textarea id={id} aria-describedby={describedBy} class="ds-textarea" rows={3} maxLength={1000} value={settings.coverNote} onInput={(e) => set('coverNote')(e.currentTarget.value)} />
          )}
        </Field>
        <TextField
          label="Link for recipients without DirectSeal"
          hint="An https:// page of yours that explains how to read a secure message."
          type="url"
          inputMode="url"
          spellcheck={false}
          value={settings.readerLink}
          onValue={set('readerLink')}
        />
        <figure class="ds-outgoing-preview" aria-label="What recipients see">
          <figcaption>What recipients see before they open the message</figcaption>
          {'error' in preview ? (
            <p class="ds-field__hint">{preview.error}</p>
          ) : (
            <>
              <p class="ds-outgoing-preview__subject">
                <span>Subject:</span> {preview.subject}
              </p>
              <pre class="ds-outgoing-preview__body">{preview.body}</pre>
            </>
          )}
        </figure>
        <Notices notice={notice} />
        <div class="ds-actions">
          <Button type="submit" busy={busy}>
            Save outgoing mail
          </Button>
        </div>
      </form>
    </Section>
  );
}

function previewOf(settings: OutgoingSettings): { subject: string; body: string } | { error: string } {
  try {
    const normalized = normalizeOutgoing(settings);
    return { subject: outerSubject(normalized), body: coverNote(normalized) };
  } catch (e) {
    return { error: sentenceOf(e) };
  }
}

import { useEffect, useRef, useState } from 'preact/hooks';
import {
  COVER_LANGUAGES,
  coverLocales,
  coverNote,
  DEFAULT_OUTGOING,
  isHttpsLink,
  isStandardTemplate,
  normalizeOutgoing,
  outerSubject,
  standardTemplate,
  type CoverLanguage,
  type OutgoingSettings,
} from '@/utils/direct/outer-subject';
import { oneLine } from '@/utils/direct/subject-line';
import type { Locale } from '@/utils/i18n';
import { call } from '../client';
import { currentLocale, t } from '../i18n/current';
import { Section } from '../Section';
import { EnvelopeIcon } from '../icons';
import { Button, Field, Notices, TextField } from '../ui/controls';
import { sentenceOf, useAction } from '../ui/useAction';
import './outgoing.css';

/** The names of the cover note languages, as the select offers them (a language is named in its own words). */
const LANGUAGE_LABELS: Record<CoverLanguage, () => string> = {
  auto: () => t('outgoing.language.auto'),
  en: () => t('language.en'),
  es: () => t('language.es'),
  both: () => t('outgoing.language.both'),
};

/**
 * Options → Outgoing mail: what every sealed message shows outside its encryption (outer subject, cover
 * note, and the language they are in). The preview is built by the same code the frame uses, so what the
 * practice sees is what is sent.
 */
export function OutgoingSection() {
  const [settings, setSettings] = useState<OutgoingSettings>(() => shownSettings({ ...DEFAULT_OUTGOING }));
  const { busy, notice, setNotice, run } = useAction();
  // What the user typed before the stored settings arrived stays: the load fills only the fields not touched.
  const touched = useRef(new Set<keyof OutgoingSettings>());
  useEffect(() => {
    call('outgoing.get', {})
      .then((stored) => setSettings((typed) => shownSettings({ ...stored, ...Object.fromEntries([...touched.current].map((k) => [k, typed[k]])) })))
      .catch((e: unknown) => setNotice({ error: t('outgoing.loadFailed', { why: sentenceOf(e) }) }));
  }, []);
  const set = (key: keyof OutgoingSettings) => (value: string) => {
    touched.current.add(key);
    setSettings((s) => (key === 'coverLanguage' ? shownSettings({ ...s, coverLanguage: value as CoverLanguage }) : { ...s, [key]: value }));
  };
  const preview = previewOf(settings);

  async function save(e: Event) {
    e.preventDefault();
    const saved = await run(t('ui.saving'), () => call('outgoing.set', settings), t('outgoing.saved'));
    if (saved) setSettings(shownSettings(saved));
  }

  return (
    <Section id="outgoing" title={t('outgoing.title')} icon={<EnvelopeIcon />} summary={t('outgoing.summary')}>
      <form class="ds-form" onSubmit={save} aria-label={t('outgoing.title')}>
        <TextField label={t('outgoing.practice')} hint={t('outgoing.practice.hint')} value={settings.practice} onValue={set('practice')} maxLength={80} />
        <TextField label={t('outgoing.phone')} hint={t('outgoing.phone.hint')} type="tel" value={settings.phone} onValue={set('phone')} maxLength={40} />
        <Field label={t('outgoing.language')} hint={t('outgoing.language.hint')}>
          {({ id, describedBy }) => (
            <select id={id} aria-describedby={describedBy} class="ds-select" value={settings.coverLanguage} onChange={(e) => set('coverLanguage')(e.currentTarget.value)}>
              {COVER_LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {LANGUAGE_LABELS[l]()}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField label={t('outgoing.subject')} hint={t('outgoing.subject.hint')} value={settings.subjectTemplate} onValue={set('subjectTemplate')} maxLength={160} />
        <Field label={t('outgoing.coverNote')} hint={t('outgoing.coverNote.hint')}>
          {({ id, describedBy }) => (
            <textarea id={id} aria-describedby={describedBy} class="ds-textarea" rows={3} maxLength={1000} value={settings.coverNote} onInput={(e) => set('coverNote')(e.currentTarget.value)} />
          )}
        </Field>
        <TextField
          label={t('outgoing.readerLink')}
          hint={t('outgoing.readerLink.hint')}
          type="url"
          inputMode="url"
          spellcheck={false}
          value={settings.readerLink}
          onValue={set('readerLink')}
        />
        <figure class="ds-outgoing-preview" aria-label={t('outgoing.preview')}>
          <figcaption>{t('outgoing.preview.caption')}</figcaption>
          {'error' in preview ? (
            <p class="ds-field__hint">{preview.error}</p>
          ) : (
            <>
              <p class="ds-outgoing-preview__subject">
                <span>{t('outgoing.preview.subject')}</span> {preview.subject}
              </p>
              <pre class="ds-outgoing-preview__body">{preview.body}</pre>
            </>
          )}
        </figure>
        <Notices notice={notice} />
        <div class="ds-actions">
          <Button type="submit" busy={busy}>
            {t('outgoing.save')}
          </Button>
        </div>
      </form>
    </Section>
  );
}

/** The languages the note is written in, for this page. */
const localesOf = (settings: OutgoingSettings): Locale[] => coverLocales(settings.coverLanguage, currentLocale());

/** The standard subject template shown in the note's (first) language, so a Spanish page shows a Spanish one. */
function shownSettings(settings: OutgoingSettings): OutgoingSettings {
  if (!isStandardTemplate(settings.subjectTemplate)) return settings;
  const first = localesOf(settings)[0] ?? 'en';
  return { ...settings, subjectTemplate: standardTemplate(first === 'pseudo' ? 'en' : first) };
}

function previewOf(settings: OutgoingSettings): { subject: string; body: string } | { error: string } {
  const link = oneLine(settings.readerLink, 300);
  if (link && !isHttpsLink(link)) return { error: t('outgoing.readerLink.notHttps') };
  try {
    const normalized = normalizeOutgoing(settings);
    const locales = localesOf(normalized);
    return { subject: outerSubject(normalized, { locales }), body: coverNote(normalized, locales) };
  } catch (e) {
    return { error: sentenceOf(e) };
  }
}

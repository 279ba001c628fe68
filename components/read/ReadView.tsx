import { useEffect, useRef, useState } from 'preact/hooks';
import type { WireVerdict } from '@/utils/keyservice/api';
import type { ParsedMessage } from '@/utils/mime/parse';
import { openSealed, prewarm, type OpenedNotification, type Step } from '../crypto/bulk';
import { ArrivedNotification, NotificationOffer, type NotificationSink } from '../delivery/Notification';
import { Progress } from '../crypto/Progress';
import { t } from '../i18n/current';
import { Button, Field, Notices } from '../ui/controls';
import { DropZone } from '../ui/DropZone';
import { useAction } from '../ui/useAction';
import { htmlToText, MessageDisplay } from './MessageDisplay';
import { VerdictBanner } from './VerdictBanner';
import { shownSender } from './verdict-text';
import './read.css';

interface Opened {
  verdict: WireVerdict;
  message: ParsedMessage;
  name?: string;
  /** The "processed" notification to offer, or the one that arrived (components/delivery). */
  notification?: OpenedNotification;
}

/**
 * Opening a Direct message: a sealed .eml/.p7m (picked, dropped or pasted) is decrypted, verified and parsed in a
 * worker of this page (components/crypto/bulk.ts; the background only unwraps the content key); the verdict is
 * shown first, then the content. Embedded later in webmail read frames, which
 * pass the sealed bytes in `sealed`.
 */
/** What a reply starts from: the signer, "Re:" subject, the text quoted. */
export interface ReplyStart {
  to: string;
  subject: string;
  text: string;
}

export function ReadView(props: { sealed?: Uint8Array; onReply?: (start: ReplyStart) => void; notificationSink?: NotificationSink; replyAtOnce?: boolean }) {
  const [opened, setOpened] = useState<Opened | undefined>();
  // "Reply securely" in the webmail: straight to the reply once the message is verified (else the verdict shows).
  useEffect(() => {
    if (opened && props.replyAtOnce && opened.verdict.status === 'verified') props.onReply?.(replyStart(opened));
  }, [opened]);
  const [pasted, setPasted] = useState('');
  const [pickerKey, setPickerKey] = useState(0);
  const { busy, notice, setNotice, run } = useAction();

  const [step, setStep] = useState<Step | undefined>();

  // A Blob, not bytes: the worker reads it, and it stays readable for a retry after unlocking.
  const last = useRef<{ sealed: Blob; name?: string | undefined } | undefined>(undefined);

  async function open(sealed: Blob, name?: string) {
    last.current = { sealed, name };
    setOpened(undefined);
    const r = await run(t('read.busy'), async () => {
      try {
        const reply = await openSealed(sealed, setStep);
        return { ...reply, ...(name ? { name } : {}) };
      } finally {
        setStep(undefined);
      }
    });
    if (r) setOpened(r);
  }

  useEffect(prewarm, []);

  useEffect(() => {
    if (props.sealed) void open(new Blob([props.sealed as Uint8Array<ArrayBuffer>]));
  }, [props.sealed]);

  async function fromFiles(files: File[]) {
    const file = files[0];
    setPickerKey((k) => k + 1);
    if (!file) return;
    await open(file, file.name);
  }

  function openPasted(e: Event) {
    e.preventDefault();
    if (!pasted.trim()) return setNotice({ error: t('read.paste.empty') });
    void open(new Blob([pasted]));
  }

  return (
    <div class="ds-read">
      {!props.sealed && (
        <form class="ds-read__input ds-form" onSubmit={openPasted} aria-label={t('read.form')} noValidate>
          <DropZone onFiles={fromFiles} label={t('read.drop')} compact={Boolean(opened)}>
            <label class="ds-drop__pick">
              <span class={`ds-button${opened ? ' ds-button--secondary' : ''}`} aria-hidden="true">
                {opened ? t('read.another') : t('read.choose')}
              </span>
              <input
                key={pickerKey}
                class="ds-visually-hidden"
                type="file"
                accept=".eml,.p7m,.msg,.txt,message/rfc822,application/pkcs7-mime"
                aria-label={t('read.file')}
                onChange={(e) => void fromFiles(Array.from(e.currentTarget.files ?? []))}
              />
              <span class="ds-drop__hint">{t('read.dropHint')}</span>
            </label>
          </DropZone>
          <details class="ds-details">
            <summary>{t('read.paste.summary')}</summary>
            <div class="ds-form">
              <Field label={t('read.paste.label')} hint={t('read.paste.hint')}>
                {({ id, describedBy }) => (
                  <textarea
                    id={id}
                    aria-describedby={describedBy}
                    class="ds-textarea ds-textarea--mono"
                    rows={6}
                    spellcheck={false}
                    value={pasted}
                    onInput={(e) => setPasted(e.currentTarget.value)}
                  />
                )}
              </Field>
              <div class="ds-actions">
                <Button type="submit" busy={busy}>
                  {t('read.open')}
                </Button>
              </div>
            </div>
          </details>
        </form>
      )}
      {busy && !pasted && (
        <p class="ds-read__busy" role="status">
          <span class="ds-spinner" aria-hidden="true" /> {t('read.opening')}
        </p>
      )}
      {busy && <Progress step={step} />}
      <Notices notice={notice} onUnlocked={() => last.current && void open(last.current.sealed, last.current.name)} />
      {/* Announces the verdict in a few words; the full result follows in the page. */}
      <p class="ds-visually-hidden" role="status" aria-live="polite">
        {opened ? liveVerdict(opened.verdict) : ''}
      </p>
      {opened && <OpenedMessage opened={opened} />}
      {opened && props.onReply && opened.verdict.status !== 'invalid' && opened.notification?.kind !== 'arrived' && (
        <div class="ds-actions ds-read__reply">
          <Button onClick={() => props.onReply!(replyStart(opened))}>{t('read.reply')}</Button>
        </div>
      )}
      {opened?.notification?.kind === 'answer' && <NotificationOffer answer={opened.notification} sink={props.notificationSink ?? {}} />}
    </div>
  );
}

/** The verdict in a few words, for the live region. */
function liveVerdict(verdict: WireVerdict): string {
  const status = t(`read.live.${verdict.status}`);
  return verdict.signerAddress ? t('read.live.signedBy', { status, address: verdict.signerAddress }) : t('read.live.plain', { status });
}

function OpenedMessage({ opened }: { opened: Opened }) {
  const { verdict, message } = opened;
  const sender = shownSender(verdict, message.from);
  return (
    <div class="ds-opened">
      <VerdictBanner verdict={verdict} from={sender?.address} />
      {opened.notification?.kind === 'arrived' ? (
        <ArrivedNotification notification={opened.notification} />
      ) : verdict.status === 'invalid' ? (
        <details class="ds-withheld">
          <summary>{t('read.withheld')}</summary>
          <div class="ds-withheld__content">
            <MessageDisplay message={message} sender={sender} />
          </div>
        </details>
      ) : (
        <MessageDisplay message={message} sender={sender} />
      )}
    </div>
  );
}

function replyStart({ verdict, message }: Opened): ReplyStart {
  const subject = message.subject ?? '';
  const body = message.text ?? (message.html ? htmlToText(message.html) : '');
  const when = message.date ? t('read.reply.on', { date: message.date }) : '';
  const who = verdict.signerAddress ?? message.from?.address ?? '';
  return {
    to: who,
    subject: /^re:/i.test(subject) ? subject : `Re: ${subject}`,
    text: `\n\n${t('read.reply.wrote', { when, who })}\n${body.split(/\r?\n/).map((l) => `> ${l}`).join('\n')}`,
  };
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ComposeView, type ComposeStart, type Sealed } from '@/components/compose/ComposeView';
import { attachmentLimitOf } from '@/components/compose/limits';
import { ReadView } from '@/components/read/ReadView';
import type { NotificationSink } from '@/components/delivery/Notification';
import { Brand } from '@/components/Brand';
import { SecurityIndicator } from '@/components/indicator/SecurityIndicator';
import { connectFrame, FrameRefused } from '@/components/frame/broker-client';
import { locateCms } from '@/utils/direct/locate';
import { toPem } from '@/utils/pki/pem';
import { call } from '@/components/client';
import { coverLocales, coverNote, DEFAULT_OUTGOING, notificationCover, outerSubject, type OutgoingSettings } from '@/utils/direct/outer-subject';
import { type FrameOutcome, type FrameResult, type FrameStart, type FrameToHost, type HostToFrame } from '@/utils/frame-protocol';
import { currentLocale, t } from '@/components/i18n/current';

/** How long the frame waits for the practice's outgoing-mail settings before it goes on with the defaults. */
export const OUTGOING_WAIT_MS = 3000;

type FrameState = { state: 'connecting' } | { state: 'refused'; sentence: string } | { state: 'open'; start: FrameStart; port: MessagePort };

/**
 * secure.html?embed=1#TOKEN: the page inside a webmail's DirectSeal frame. It asks the background what it was
 * opened for (once), takes the private port of the content script that opened it (frame-protocol.ts), and
 * hands back only the sealed attachment. The host page can neither read this frame (another origin) nor tell
 * it anything.
 */
export function EmbeddedFrame() {
  const token = location.hash.slice(1);
  const [frame, setFrame] = useState<FrameState>({ state: 'connecting' });
  /** A read frame's sealed message, as it came over the port. */
  const [sealedBytes, setSealedBytes] = useState<Uint8Array>();
  /** "Reply securely" in a read frame turns it into a write frame for the reply. */
  const [reply, setReply] = useState<ComposeStart>();
  /** What the content script did with the sealed message (attached to the draft, or why not). */
  const [outcome, setOutcome] = useState<FrameOutcome>();
  const settingsUrl = browser.runtime.getURL('/options.html');
  /**
   * The practice's outer subject and cover note (Options → Outgoing mail). The view waits for them (asked while the
   * frame connects), so the outer subject it shows is the practice's from the start; the defaults if they cannot
   * be read, or do not come within OUTGOING_WAIT_MS (if they come later, they replace the defaults for what is
   * sealed from then on, and the subject shown changes once).
   */
  const [loadedOutgoing, setOutgoing] = useState<OutgoingSettings | undefined>();
  const outgoing = loadedOutgoing ?? DEFAULT_OUTGOING;
  useEffect(() => {
    const fallBack = (why: unknown) => {
      console.warn('DirectSeal: outgoing-mail settings not read; the plain cover note is used', why);
      setOutgoing((loaded) => loaded ?? DEFAULT_OUTGOING);
    };
    // A background that never answers must not keep the frame on "Connecting": the defaults after a while.
    const timer = setTimeout(() => fallBack('no answer'), OUTGOING_WAIT_MS);
    call('outgoing.get', {})
      .then(setOutgoing, fallBack)
      .finally(() => clearTimeout(timer));
    return () => clearTimeout(timer);
  }, []);

  useEffect(() => {
    connectFrame(token).then(
      ({ start, port }) => {
        port.onmessage = (event: MessageEvent<HostToFrame>) => {
          if (event.data?.kind === 'sealed-bytes') setSealedBytes(event.data.bytes);
          else if (event.data?.kind === 'outcome') setOutcome(event.data.outcome);
        };
        setFrame({ state: 'open', start, port });
      },
      (e: unknown) => setFrame({ state: 'refused', sentence: e instanceof FrameRefused ? e.sentence : t('frame.cannotStart') }),
    );
  }, [token]);

  const port = frame.state === 'open' ? frame.port : undefined;
  const send = (message: FrameToHost, transfer: Transferable[] = []) => port?.postMessage(message, transfer);
  /** Automatic delivery notification: handed to the webmail as the frame closes (components/delivery). */
  const beforeClose = useRef<(() => Promise<void>) | undefined>(undefined);
  const close = async () => {
    const task = beforeClose.current;
    beforeClose.current = undefined;
    await task?.().catch((e: unknown) => console.warn('DirectSeal: the delivery notification was not handed over', e));
    send({ kind: 'close' });
  };
  useEffect(() => {
    if (!port) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && void close();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [port]);

  const hand = (result: FrameResult) => send({ kind: 'result', result }, result.kind === 'sealed' ? [result.p7m.buffer as ArrayBuffer] : []);
  const embedded = { outcome, onClose: () => void close() };
  // The webmail gets the EnvelopedData alone, as smime.p7m; the full .eml stays downloadable in the frame.
  const replyTo = frame.state === 'open' ? answeredSubject(frame.start, Boolean(reply)) : undefined;
  /** The languages of the standard subject and note: the practice's choice, 'auto' being this page's. */
  const locales = coverLocales(outgoing.coverLanguage, currentLocale());
  const sealed = (s: Sealed) =>
    hand({
      kind: 'sealed',
      p7m: locateCms(s.bytes).der.slice(),
      filename: 'smime.p7m',
      coverSubject: outerSubject(outgoing, { locales, ...(s.outerSubject !== undefined ? { override: s.outerSubject } : {}), ...(replyTo !== undefined ? { replyTo } : {}) }),
      coverBody: coverNote(outgoing, locales),
      reply: Boolean(reply),
    });
  const armored = (s: Sealed) => hand({ kind: 'armored', text: toPem('PKCS7', locateCms(s.bytes).der).trim() });
  // A delivery notification goes like a sealed reply: into the webmail's own reply to the message's sender.
  const notificationSink: NotificationSink = {
    hand: (bytes) => {
      const cover = notificationCover(locales);
      hand({ kind: 'sealed', p7m: locateCms(bytes).der.slice(), filename: 'smime.p7m', coverSubject: cover.subject, coverBody: cover.body, reply: true, notification: true });
    },
    outcome,
    beforeClose: (task) => {
      beforeClose.current = task;
    },
  };

  return (
    <div class="embedded">
      <header class="embedded__header">
        <Brand size={26} />
        {port && <SecurityIndicator settingsUrl={settingsUrl} />}
        {port && (
          <button type="button" class="ds-button ds-button--quiet embedded__close" onClick={() => void close()} aria-label={t('frame.close')}>
            {t('frame.closeShort')}
          </button>
        )}
      </header>
      <main class="embedded__main">
        {(frame.state === 'connecting' || (frame.state === 'open' && !loadedOutgoing)) && <p class="embedded__waiting">{t('frame.connecting')}</p>}
        {frame.state === 'refused' && (
          <p class="ds-notice ds-notice--error embedded__refused" role="alert">
            <span class="ds-notice__icon" aria-hidden="true">!</span>
            <span>{frame.sentence}</span>
          </p>
        )}
        {frame.state === 'open' && loadedOutgoing && (
          <FrameView
            start={frame.start}
            sealedBytes={sealedBytes}
            reply={reply}
            onReply={setReply}
            settingsUrl={settingsUrl}
            outerSubject={outerSubject(outgoing, { locales, ...(replyTo !== undefined ? { replyTo } : {}) })}
            embedded={embedded}
            onSealed={sealed}
            onArmored={armored}
            notificationSink={notificationSink}
          />
        )}
      </main>
    </div>
  );
}

function FrameView(props: {
  start: FrameStart;
  sealedBytes: Uint8Array | undefined;
  reply: ComposeStart | undefined;
  onReply: (start: ComposeStart) => void;
  settingsUrl: string;
  embedded: { outcome?: FrameOutcome; onClose: () => void };
  onSealed: (s: Sealed) => void;
  onArmored: (s: Sealed) => void;
  outerSubject: string;
  notificationSink: NotificationSink;
}) {
  const { start, reply, settingsUrl, embedded } = props;
  switch (start.view) {
    case 'write':
      return (
        <ComposeView
          settingsUrl={settingsUrl}
          suggestedTo={start.suggestedRecipients}
          start={{ subject: start.suggestedSubject ?? '', text: start.suggestedText ?? '' }}
          // A reply's subject was put there by the webmail ("Re: ..."), not typed.
          typedInPage={Boolean(start.suggestedText || (start.suggestedSubject && start.replyTo === undefined))}
          onSealed={props.onSealed}
          embedded={embedded}
          attachmentLimit={attachmentLimitOf(start)}
          outerSubject={props.outerSubject}
        />
      );
    case 'field':
      return <ComposeView settingsUrl={settingsUrl} start={{ text: start.text ?? '' }} typedInPage={Boolean(start.text)} onSealed={props.onArmored} />;
    case 'read':
      if (reply) return <ComposeView settingsUrl={settingsUrl} start={reply} onSealed={props.onSealed} embedded={embedded} attachmentLimit={attachmentLimitOf(start)} outerSubject={props.outerSubject} />;
      return props.sealedBytes ? (
        <ReadView sealed={props.sealedBytes} onReply={props.onReply} notificationSink={props.notificationSink} replyAtOnce={start.intent === 'reply'} />
      ) : (
        <p class="embedded__waiting">{t('frame.receiving')}</p>
      );
  }
}

/** The outer subject a reply answers: the read message's (its "Re: " kept), or what the webmail's reply compose had. */
function answeredSubject(start: FrameStart, replying: boolean): string | undefined {
  if (start.view === 'read') return replying ? (start.outerSubject ?? '') : undefined;
  if (start.view === 'write') return start.replyTo;
  return undefined;
}

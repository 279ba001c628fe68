import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ComposeView, type ComposeStart, type Sealed } from '@/components/compose/ComposeView';
import { ReadView } from '@/components/read/ReadView';
import { Brand } from '@/components/Brand';
import { SecurityIndicator } from '@/components/indicator/SecurityIndicator';
import { claimFrame, closeFrame, FrameRefused, sendResult } from '@/components/frame/broker-client';
import { locateCms } from '@/utils/direct/locate';
import { decodeBase64, encodeBase64String } from '@/utils/mime/base64';
import { toPem } from '@/utils/pki/pem';
import { COVER_BODY, COVER_SUBJECT, type FrameResult, type FrameStart } from '@/utils/frame-protocol';

type FrameState = { state: 'claiming' } | { state: 'refused'; sentence: string } | { state: 'open'; start: FrameStart };

/**
 * secure.html?embed=1#TOKEN: the page inside a webmail's DirectSeal frame. It asks the background what it was
 * opened for (once; frame-protocol.ts), and hands back only the sealed attachment, through the background.
 * It never listens to the window around it: the host page can neither read this frame (another origin) nor
 * tell it anything.
 */
export function EmbeddedFrame() {
  const token = location.hash.slice(1);
  const [frame, setFrame] = useState<FrameState>({ state: 'claiming' });
  /** "Reply securely" in a read frame turns it into a write frame for the reply. */
  const [reply, setReply] = useState<ComposeStart>();
  /** What the content script did with the sealed message (attached to the draft, or why not). */
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string }>();
  const settingsUrl = browser.runtime.getURL('/options.html');

  useEffect(() => {
    claimFrame(token).then(
      (start) => setFrame({ state: 'open', start }),
      (e: unknown) => setFrame({ state: 'refused', sentence: e instanceof FrameRefused ? e.sentence : 'DirectSeal could not start here. Close this window.' }),
    );
  }, [token]);

  const open = frame.state === 'open';
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && closeFrame(token);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, token]);

  const hand = (result: FrameResult) =>
    sendResult(token, result).then(setOutcome, (e: unknown) => setOutcome({ ok: false, message: e instanceof Error ? e.message : String(e) }));
  const close = () => closeFrame(token);
  const embedded = { outcome, onClose: close };
  // The webmail gets the EnvelopedData alone, as smime.p7m; the full .eml stays downloadable in the frame.
  const sealed = (s: Sealed) =>
    void hand({ kind: 'sealed', p7m: encodeBase64String(locateCms(s.bytes).der), filename: 'smime.p7m', coverSubject: COVER_SUBJECT, coverBody: COVER_BODY, reply: Boolean(reply) });
  const armored = (s: Sealed) => void hand({ kind: 'armored', text: toPem('PKCS7', locateCms(s.bytes).der).trim() });

  return (
    <div class="embedded">
      <header class="embedded__header">
        <Brand size={26} />
        {open && <SecurityIndicator settingsUrl={settingsUrl} />}
        {open && (
          <button type="button" class="ds-button ds-button--quiet embedded__close" onClick={close} aria-label="Close DirectSeal">
            Close
          </button>
        )}
      </header>
      <main class="embedded__main">
        {frame.state === 'claiming' && <p class="embedded__waiting">Connecting to the webmail…</p>}
        {frame.state === 'refused' && (
          <p class="ds-notice ds-notice--error embedded__refused" role="alert">
            <span class="ds-notice__icon" aria-hidden="true">!</span>
            <span>{frame.sentence}</span>
          </p>
        )}
        {open && <FrameView start={frame.start} reply={reply} onReply={setReply} settingsUrl={settingsUrl} embedded={embedded} onSealed={sealed} onArmored={armored} />}
      </main>
    </div>
  );
}

function FrameView(props: {
  start: FrameStart;
  reply: ComposeStart | undefined;
  onReply: (start: ComposeStart) => void;
  settingsUrl: string;
  embedded: { outcome?: { ok: boolean; message: string }; onClose: () => void };
  onSealed: (s: Sealed) => void;
  onArmored: (s: Sealed) => void;
}) {
  const { start, reply, settingsUrl, embedded } = props;
  switch (start.view) {
    case 'write':
      return <ComposeView settingsUrl={settingsUrl} suggestedTo={start.suggestedRecipients} onSealed={props.onSealed} embedded={embedded} />;
    case 'field':
      return <ComposeView settingsUrl={settingsUrl} start={{ text: start.text ?? '' }} typedInPage={Boolean(start.text)} onSealed={props.onArmored} />;
    case 'read':
      return reply ? (
        <ComposeView settingsUrl={settingsUrl} start={reply} onSealed={props.onSealed} embedded={embedded} />
      ) : (
        <ReadView sealed={decodeBase64(start.sealed)} onReply={props.onReply} />
      );
  }
}

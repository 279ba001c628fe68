import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ComposeView, type ComposeStart, type Sealed } from '@/components/compose/ComposeView';
import { ReadView } from '@/components/read/ReadView';
import { Brand } from '@/components/Brand';
import { locateCms } from '@/utils/direct/locate';
import { toPem } from '@/utils/pki/pem';
import { COVER_BODY, COVER_SUBJECT, isFrameDone, isFrameInit, type FrameEvent, type FrameInit } from '@/utils/frame-protocol';

/**
 * secure.html?embed=1#NONCE: the page inside a webmail's DirectSeal frame. It says "ready" to the content
 * script that opened it, takes the recipients (write) or the sealed bytes (read), and hands back only the
 * sealed attachment. The host page cannot read this frame: it is another origin.
 */
export function EmbeddedFrame() {
  const nonce = location.hash.slice(1);
  const [init, setInit] = useState<FrameInit>();
  /** "Reply securely" in a read frame turns it into a write frame for the reply. */
  const [reply, setReply] = useState<ComposeStart>();
  /** What the content script did with the sealed message (attached to the draft, or why not). */
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string }>();
  const settingsUrl = browser.runtime.getURL('/options.html');

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      // Only the window that framed us; the content script shares it with the page, so check the nonce too.
      if (event.source !== window.parent) return;
      if (isFrameInit(event.data, nonce)) setInit(event.data);
      else if (isFrameDone(event.data, nonce)) setOutcome({ ok: event.data.ok, message: event.data.message });
    };
    window.addEventListener('message', onMessage);
    post({ ds: 'ready', nonce });
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && post({ ds: 'close', nonce });
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('message', onMessage);
      window.removeEventListener('keydown', onKey);
    };
  }, [nonce]);

  const close = () => post({ ds: 'close', nonce });
  const embedded = { outcome, onClose: close };
  const sealed = (s: Sealed) => {
    // The webmail gets the EnvelopedData alone, as smime.p7m; the full .eml stays downloadable in the frame.
    const { der } = locateCms(s.bytes);
    post({ ds: 'sealed', nonce, p7m: der, filename: 'smime.p7m', coverSubject: COVER_SUBJECT, coverBody: COVER_BODY, reply: Boolean(reply) });
  };

  const armored = (s: Sealed) => post({ ds: 'armored', nonce, text: toPem('PKCS7', locateCms(s.bytes).der).trim() });

  return (
    <div class="embedded">
      <header class="embedded__header">
        <Brand size={26} />
        <button type="button" class="ds-button ds-button--quiet embedded__close" onClick={close} aria-label="Close DirectSeal">
          Close
        </button>
      </header>
      <main class="embedded__main">
        {!init && <p class="embedded__waiting">Connecting to the webmail…</p>}
        {init?.view === 'write' && (
          <ComposeView settingsUrl={settingsUrl} initialTo={init.recipients.join(', ')} onSealed={sealed} embedded={embedded} />
        )}
        {init?.view === 'field' && <ComposeView settingsUrl={settingsUrl} start={{ text: init.text ?? '' }} onSealed={armored} />}
        {init?.view === 'read' && !reply && <ReadView sealed={init.sealed} onReply={setReply} />}
        {init?.view === 'read' && reply && <ComposeView settingsUrl={settingsUrl} start={reply} onSealed={sealed} embedded={embedded} />}
      </main>
    </div>
  );
}

function post(event: FrameEvent): void {
  // ancestorOrigins names the webmail (Chromium); elsewhere only ciphertext and control messages are sent.
  const target = location.ancestorOrigins?.[0] ?? '*';
  window.parent.postMessage(event, target);
}

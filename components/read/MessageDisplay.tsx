import { useMemo, useState } from 'preact/hooks';
import type { ParsedAttachment, ParsedMessage } from '@/utils/mime/parse';
import { cleanFileName } from '@/utils/mime/filename';
import { withoutBidiControls } from '@/utils/mime/visible';
import { download } from '../client';
import { t } from '../i18n/current';
import { formatDateTime, formatSize } from '../ui/format';
import { HtmlBody } from './HtmlBody';
import { prepareHtml } from './sanitize';
import type { ShownSender } from './verdict-text';

/** A mailbox as shown; a sender's bidi controls would reorder it into something it is not. */
const person = (a: { name?: string; address: string }) => withoutBidiControls(a.name ? `${a.name} <${a.address}>` : a.address);

type Format = 'text' | 'html';

/**
 * The opened message: headers, body, attachments to download. The body is its text part when there is one; an
 * HTML part is shown sanitized in a sandboxed frame (HtmlBody) with remote content blocked: by default only when
 * it is the only body, else on request ("Formatted").
 *
 * `sender` is the From the verdict checked (see verdict-text.ts): the From line shows it, not a From parsed
 * here. A message/rfc822 inside is an attached message, listed with the attachments and never shown as this one.
 */
export function MessageDisplay({ message, sender }: { message: ParsedMessage; sender?: ShownSender | undefined }) {
  const date = message.date && !Number.isNaN(Date.parse(message.date)) ? formatDateTime(Date.parse(message.date)) : message.date;
  const html = message.html?.trim() ? message.html : undefined;
  const [format, setFormat] = useState<Format>(message.text !== undefined || !html ? 'text' : 'html');
  const prepared = useMemo(() => (html ? prepareHtml(html, message.attachments) : undefined), [html, message.attachments]);
  const body = message.text ?? (html ? htmlToText(html) : '');
  const files = message.attachments.filter((a) => a.disposition !== 'inline' || a.filename);
  return (
    <article class="ds-message" aria-labelledby="message-subject">
      <h2 id="message-subject" class="ds-message__subject">
        {withoutBidiControls(message.subject ?? '') || t('message.noSubject')}
      </h2>
      <dl class="ds-message__headers">
        {sender && (
          <div>
            <dt>{t('message.from')}</dt>
            <dd class="ds-from">
              {sender.name ? person(sender) : sender.address}
              {sender.misleadingName !== undefined && (
                <span class="ds-from__flag" role="note">
                  <span aria-hidden="true">⚠ </span>{t('message.misleadingName', { name: withoutBidiControls(sender.misleadingName) })}
                </span>
              )}
            </dd>
          </div>
        )}
        {message.to.length > 0 && (
          <div>
            <dt>{t('message.to')}</dt>
            <dd>{message.to.map(person).join(', ')}</dd>
          </div>
        )}
        {message.cc.length > 0 && (
          <div>
            <dt>{t('message.cc')}</dt>
            <dd>{message.cc.map(person).join(', ')}</dd>
          </div>
        )}
        {date && (
          <div>
            <dt>{t('message.date')}</dt>
            <dd>{date}</dd>
          </div>
        )}
      </dl>
      {prepared && (
        <div class="ds-format" role="group" aria-label={t('message.format')}>
          {(['html', 'text'] as const).map((f) => (
            <button key={f} type="button" class="ds-format__option" aria-pressed={format === f} onClick={() => setFormat(f)}>
              {f === 'html' ? t('message.format.html') : t('message.format.text')}
            </button>
          ))}
        </div>
      )}
      {prepared && format === 'html' ? (
        <>
          {prepared.remoteBlocked && (
            <p class="ds-message__note ds-message__blocked" role="note">
              {t('message.remoteBlocked')}
            </p>
          )}
          <HtmlBody key={prepared.srcdoc} srcdoc={prepared.srcdoc} title={t('message.formattedTitle')} />
        </>
      ) : (
        <div class="ds-message__body" tabIndex={0} aria-label={t('message.text')}>
          {body || <span class="ds-message__empty">{t('message.noText')}</span>}
        </div>
      )}
      {files.length > 0 && (
        <section class="ds-message__files" aria-labelledby="message-files">
          <h3 id="message-files">{t('message.attachments')}</h3>
          <ul>
            {files.map((a, i) => {
              const name = fileNameOf(a, i);
              const attachedMessage = a.mimeType === 'message/rfc822';
              return (
                <li key={i}>
                  <span class="ds-files__name">
                    {name}
                    {attachedMessage && <span class="ds-files__note">{t('message.attachedMessage')}</span>}
                  </span>
                  <span class="ds-files__size">{formatSize(a.content.length)}</span>
                  <button type="button" class="ds-button ds-button--secondary" onClick={() => download(a.content, name, a.mimeType)} aria-label={t('message.downloadNamed', { name })}>
                    {t('message.download')}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </article>
  );
}

/** The name to show and save: the sender's, cleaned of bidi tricks and paths; attached messages as .eml. */
function fileNameOf(a: ParsedAttachment, i: number): string {
  const attachedMessage = a.mimeType === 'message/rfc822';
  const name = cleanFileName(a.filename, attachedMessage ? `attached-message-${i + 1}.eml` : `attachment-${i + 1}`);
  return attachedMessage && !/\.eml$/i.test(name) ? `${name}.eml` : name;
}

/** Text of an HTML body through an inert document: no script runs and nothing loads. */
export function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const el of Array.from(doc.querySelectorAll('script, style, template, noscript, title'))) el.remove();
  return (doc.body.innerText || doc.body.textContent || '').trim();
}

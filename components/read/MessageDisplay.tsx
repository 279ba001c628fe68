import type { ParsedMessage } from '@/utils/mime/parse';
import { download } from '../client';
import { formatDateTime, formatSize } from '../ui/format';

const person = (a: { name?: string; address: string }) => (a.name ? `${a.name} <${a.address}>` : a.address);

/** The opened message as plain text: headers, body, attachments to download. No sender HTML is rendered here. */
export function MessageDisplay({ message }: { message: ParsedMessage }) {
  const date = message.date && !Number.isNaN(Date.parse(message.date)) ? formatDateTime(Date.parse(message.date)) : message.date;
  const body = message.text ?? (message.html ? htmlToText(message.html) : '');
  const files = message.attachments.filter((a) => a.disposition !== 'inline' || a.filename);
  return (
    <article class="ds-message" aria-labelledby="message-subject">
      <h2 id="message-subject" class="ds-message__subject">
        {message.subject || '(no subject)'}
      </h2>
      <dl class="ds-message__headers">
        {message.from && (
          <div>
            <dt>From</dt>
            <dd>{person(message.from)}</dd>
          </div>
        )}
        {message.to.length > 0 && (
          <div>
            <dt>To</dt>
            <dd>{message.to.map(person).join(', ')}</dd>
          </div>
        )}
        {message.cc.length > 0 && (
          <div>
            <dt>Cc</dt>
            <dd>{message.cc.map(person).join(', ')}</dd>
          </div>
        )}
        {date && (
          <div>
            <dt>Date</dt>
            <dd>{date}</dd>
          </div>
        )}
      </dl>
      {!message.text && message.html && <p class="ds-message__note">This message was written in HTML; DirectSeal shows its text only.</p>}
      <div class="ds-message__body" tabIndex={0} aria-label="Message text">
        {body || <span class="ds-message__empty">(no text)</span>}
      </div>
      {files.length > 0 && (
        <section class="ds-message__files" aria-labelledby="message-files">
          <h3 id="message-files">Attachments</h3>
          <ul>
            {files.map((a, i) => {
              const name = a.filename ?? `attachment-${i + 1}`;
              return (
                <li key={i}>
                  <span class="ds-files__name">{name}</span>
                  <span class="ds-files__size">{formatSize(a.content.length)}</span>
                  <button type="button" class="ds-button ds-button--secondary" onClick={() => download(a.content, name, a.mimeType)} aria-label={`Download ${name}`}>
                    Download
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

/** Text of an HTML body through an inert document: no script runs and nothing loads. */
function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return (doc.body.innerText || doc.body.textContent || '').trim();
}

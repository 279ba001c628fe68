/** Direct messages as a peer's user writes them, for the read-view tests. */
import type { Identity } from '../../interop/support/pki';
import { toCrlf } from '../../interop/support/mime';

export interface DirectMessageRequest {
  from: Identity;
  to: Identity;
  subject: string;
  text: string;
  /** The small text attachment: its name and content. */
  note: { name: string; text: string };
  messageId: string;
}

/** A message with a text body and a small attachment, wrapped as message/rfc822 for header protection. */
export function directMessage(m: DirectMessageRequest): Buffer {
  const inner = [
    `From: ${m.from.address}`,
    `To: ${m.to.address}`,
    `Subject: ${m.subject}`,
    'Date: Tue, 24 Nov 2026 09:05:00 +0000',
    `Message-ID: <${m.messageId}>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    m.text,
    '--b1',
    `Content-Type: text/plain; name="${m.note.name}"`,
    `Content-Disposition: attachment; filename="${m.note.name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(`${m.note.text}\r\n`).toString('base64'),
    '--b1--',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from('Content-Type: message/rfc822\r\n\r\n'), toCrlf(Buffer.from(inner))]);
}

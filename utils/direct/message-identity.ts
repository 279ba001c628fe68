/**
 * Every sealed message gets a Date and a unique Message-ID, inside and out: delivery notifications name the
 * message they answer by its Message-ID (RFC 8098 Original-Message-ID), and Direct's test tools require
 * unique ones (ETT MT 17, 45). A message that has both is sealed byte for byte as it was.
 */
import { utf8 } from '../bytes';
import { prepend } from '../headroom';
import { addressOf } from '../mime/address';
import { formatDate, generateMessageId } from '../mime/build';
import { header, splitEntity } from '../mime/entity';

export function withMessageIdentity(message: Uint8Array, now: Date = new Date()): Uint8Array {
  const entity = splitEntity(message);
  const from = addressOf(header(entity, 'from'));
  // No From: seal refuses the message right after; nothing to name the Message-ID's domain after.
  if (!from) return message;
  const added: string[] = [];
  if (!header(entity, 'date')) added.push(`Date: ${formatDate(now)}\r\n`);
  if (!header(entity, 'message-id')) added.push(`Message-ID: ${generateMessageId(from)}\r\n`);
  // New fields go first: the header block is otherwise left exactly as the sender wrote it.
  return added.length ? prepend(utf8(added.join('')), message) : message;
}

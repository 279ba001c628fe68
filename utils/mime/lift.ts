/**
 * Big attachments are decoded by our own base64 decoder before postal-mime reads the message: postal-mime
 * decodes line by line in JS (about a second for 25 MB), ours in one pass (a tenth of that). Each big base64
 * attachment's body is replaced by the base64 of a token unique to this parse, postal-mime reads the small
 * message that is left, and the attachments whose content is a token get the bytes back. Anything our
 * byte-exact splitter or decoder does not take is left in place for postal-mime, as before.
 */
import { fromLatin1, latin1, toHex } from '../bytes';
import { randomBytes } from '../crypto';
import { decodeBase64, encodeBase64 } from './base64';
import { header, splitEntity, splitMultipart } from './entity';
import { parseContentDisposition, parseContentType } from './params';

/** Smaller bodies are not worth it. */
const BIG_BODY = 256 * 1024;
const MAX_DEPTH = 16;

export interface Lifted {
  /** The message with each lifted body replaced by its token's base64. */
  message: Uint8Array;
  /** Token -> decoded content. */
  contents: Map<string, Uint8Array>;
}

interface Cut {
  start: number;
  end: number;
  replacement: Uint8Array;
}

/** Undefined when nothing was lifted (postal-mime then reads the message as it is). */
export function liftBigAttachments(message: Uint8Array): Lifted | undefined {
  const nonce = toHex(randomBytes(12));
  const cuts: Cut[] = [];
  const contents = new Map<string, Uint8Array>();
  try {
    walk(message, message, 0, (body, content) => {
      const token = `directseal-lifted-${nonce}-${contents.size}`;
      contents.set(token, content);
      const start = body.byteOffset - message.byteOffset;
      cuts.push({ start, end: start + body.length, replacement: encodeBase64(fromLatin1(token)) });
    });
  } catch {
    return undefined; // our splitter disagrees with this message: postal-mime alone decides
  }
  if (cuts.length === 0) return undefined;
  cuts.sort((a, b) => a.start - b.start);
  const size = cuts.reduce((n, c) => n - (c.end - c.start) + c.replacement.length, message.length);
  const out = new Uint8Array(size);
  let from = 0;
  let o = 0;
  for (const c of cuts) {
    out.set(message.subarray(from, c.start), o);
    o += c.start - from;
    out.set(c.replacement, o);
    o += c.replacement.length;
    from = c.end;
  }
  out.set(message.subarray(from), o);
  return { message: out, contents };
}

/** The content a token stands for, if `content` is one of this parse's tokens. */
export function liftedContent(lifted: Lifted, content: Uint8Array): Uint8Array | undefined {
  if (content.length > 64) return undefined;
  return lifted.contents.get(latin1(content));
}

function walk(root: Uint8Array, bytes: Uint8Array, depth: number, lift: (body: Uint8Array, content: Uint8Array) => void): void {
  if (depth > MAX_DEPTH) return;
  const entity = splitEntity(bytes);
  const type = parseContentType(header(entity, 'content-type'));
  if (type.type.startsWith('multipart/')) {
    const boundary = type.params.boundary;
    if (!boundary) return;
    for (const part of splitMultipart(entity.body, boundary)) walk(root, part, depth + 1, lift);
    return;
  }
  // Only what postal-mime shows as an attachment: never a text body (it would show the token as the text),
  // never an attached message (postal-mime keeps those whole).
  const disposition = parseContentDisposition(header(entity, 'content-disposition')).disposition;
  const attachment = disposition === 'attachment' || !/^(text|message|multipart)\//.test(type.type);
  const base64 = (header(entity, 'content-transfer-encoding') ?? '').trim().toLowerCase() === 'base64';
  if (!attachment || !base64 || entity.body.length < BIG_BODY) return;
  let content: Uint8Array;
  try {
    content = decodeBase64(entity.body);
  } catch {
    return; // not strict base64: postal-mime's lenient decoder takes it
  }
  lift(entity.body, content);
}

/**
 * An attachment's name as the sender wrote it is shown and saved only after cleaning: it may carry bidi
 * controls that reorder what a person reads ("invoice\u202Efdp.exe" shows as "invoiceexe.pdf"), other
 * invisible or control characters, or a path ("../../.bashrc", "C:\Users\x\report.pdf").
 */
import { INVISIBLE } from './visible';

/** Characters that the file systems we save to refuse in a name (Windows' set; "/" and "\" split paths). */
const RESERVED = /[<>:"|?*]/g;
const MAX_LENGTH = 200;

/**
 * The name to show and save: the last path segment, with invisible and control characters removed, the
 * characters Windows refuses replaced by "_", no leading dots (no hidden file, no "..") and no trailing dots or
 * spaces, at most 200 characters with the extension kept. `fallback` when nothing is left.
 */
export function cleanFileName(name: string | undefined, fallback: string): string {
  const visible = (name ?? '').normalize('NFC').replace(INVISIBLE, '');
  const last = visible.split(/[/\\]/).filter((s) => s.trim() !== '').pop() ?? '';
  const clean = last.replace(RESERVED, '_').trim().replace(/^\.+/, '').replace(/[.\s]+$/, '');
  return clean ? shorten(clean) : fallback;
}

function shorten(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= MAX_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? Array.from(name.slice(dot)) : [];
  const keep = ext.length > 0 && ext.length <= 16 ? ext : [];
  return chars.slice(0, MAX_LENGTH - keep.length).join('') + keep.join('');
}

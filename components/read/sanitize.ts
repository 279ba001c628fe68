/**
 * A received HTML body made safe to show: DOMPurify, then our own rules for what may load and where links go,
 * wrapped in a document whose CSP allows nothing remote. The result is meant for a sandboxed srcdoc iframe
 * (no scripts); the sanitizer and the CSP each stop remote loads on their own.
 *
 * - Scripts, event handlers, forms and their controls, frames, objects, embeds, media, SVG and MathML go.
 * - `cid:` references (img src, background, CSS url()) become data: URLs from the message's own inline parts.
 * - Any other resource (img, srcset, background, link, frame...) is dropped; in CSS (css-policy.ts), escapes
 *   are decoded before judging, and url(), src() and image-set() keep only data: and cid:. `remoteBlocked`
 *   says so, so the reader can be told (no tracking pixels, no web fonts).
 * - Links to http(s), mailto and tel open in a new tab with rel="noopener noreferrer" and show their real
 *   target as a tooltip; in-page #fragments stay; anything else loses its href.
 */
import DOMPurify, { type WindowLike } from 'dompurify';
import type { ParsedAttachment } from '@/utils/mime/parse';
import { cleanCss, cssAsksForRemote } from './css-policy';

/** The frame's own policy: nothing loads but data: images and the inline styles. */
export const HTML_BODY_CSP = "default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'";

export interface PreparedHtml {
  /** A whole document for `<iframe srcdoc>`. */
  srcdoc: string;
  /** True when the HTML asked for any http(s) resource (all were dropped). */
  remoteBlocked: boolean;
}

/** Elements removed with their content. */
const DROP = [
  'script', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal',
  'input', 'button', 'select', 'textarea', 'datalist', 'keygen', 'base', 'link', 'meta', 'title', 'audio', 'video',
  'source', 'track', 'svg', 'math',
];
/** Elements removed with their content kept (a form's labels and text stay readable, its controls go). */
const UNWRAP = ['form', 'output', 'dialog'];
const FORBID_ATTR = ['action', 'formaction', 'ping', 'srcdoc', 'target', 'autofocus', 'http-equiv', 'form', 'is'];

/** Attributes that make the browser fetch something. */
const RESOURCE_ATTRS = ['src', 'srcset', 'background', 'poster', 'data', 'lowsrc', 'dynsrc', 'longdesc', 'xlink:href'];
/** Elements whose href is a fetched resource, not a link. */
const RESOURCE_HREF = new Set(['LINK', 'IMAGE', 'USE', 'FEIMAGE', 'SCRIPT']);

const REMOTE_URL = /^\s*(?:[a-z][a-z0-9+.-]*:)?\/\//i;

/** Backslashes count as slashes: a browser reads `/\\host/x` as `//host/x`. */
const isRemote = (v: string) => REMOTE_URL.test(v.replace(/\\/g, '/'));

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** An image type for bytes labelled application/octet-stream, by their magic number. */
function sniffImage(b: Uint8Array): string | undefined {
  const starts = (...m: number[]) => m.every((x, i) => b[i] === x);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) return 'image/webp';
  return undefined;
}

const normalizeCid = (id: string) => {
  let v = id.trim().replace(/^cid:/i, '').replace(/^<|>$/g, '');
  try {
    v = decodeURIComponent(v);
  } catch {
    /* keep it as written */
  }
  return v.toLowerCase();
};

/** Resolves `cid:` URLs to data: URLs of the message's image parts; undefined when there is no such image. */
function cidResolver(attachments: readonly ParsedAttachment[]): (url: string) => string | undefined {
  const byId = new Map<string, ParsedAttachment>();
  for (const a of attachments) if (a.contentId) byId.set(normalizeCid(a.contentId), a);
  const cache = new Map<string, string | undefined>();
  return (url) => {
    const id = normalizeCid(url);
    if (cache.has(id)) return cache.get(id);
    const a = byId.get(id);
    let out: string | undefined;
    if (a) {
      const type = a.mimeType.startsWith('image/') ? a.mimeType : sniffImage(a.content);
      // SVG as an image runs no script and loads nothing, but keep the types that mail actually carries simple.
      if (type && /^image\/[a-z0-9.+-]+$/.test(type)) out = `data:${type};base64,${base64(a.content)}`;
    }
    cache.set(id, out);
    return out;
  };
}

/**
 * Sanitizes a received HTML body into a srcdoc document; `win` is the window whose DOM the work happens in
 * (an inert DOMParser document: nothing the sender wrote runs or loads while we look at it).
 * DOMPurify goes first; `enforceMailPolicy` then applies our rules on its output, on its own and in full, so the
 * frame's safety does not rest on one library's configuration (nor on DOMPurify where it cannot run: it refuses
 * to support happy-dom, cure53/DOMPurify#1457).
 */
export function prepareHtml(html: string, attachments: readonly ParsedAttachment[], win: WindowLike = window): PreparedHtml {
  const remoteBlocked = asksForRemote(new win.DOMParser().parseFromString(html, 'text/html'));
  // FORCE_BODY: the sender's <head> styles are parsed into the body, and <body> attributes land on the body.
  const body = DOMPurify(win).sanitize(html, {
    RETURN_DOM: true,
    FORCE_BODY: true,
    USE_PROFILES: { html: true },
    FORBID_TAGS: [...DROP, ...UNWRAP],
    ADD_FORBID_CONTENTS: DROP,
    FORBID_ATTR,
    ALLOW_DATA_ATTR: false,
  }) as unknown as Element;
  const policy = enforceMailPolicy(body, attachments);
  return { srcdoc: srcdocFor(body), remoteBlocked: remoteBlocked || policy.remoteBlocked };
}

/** True when any element of `root` asks for an http(s) or protocol-relative resource (links do not count). */
export function asksForRemote(root: ParentNode): boolean {
  for (const el of Array.from(root.querySelectorAll('*'))) {
    for (const name of RESOURCE_ATTRS) {
      const v = el.getAttribute(name);
      if (v && (name === 'srcset' ? v.split(',').some(isRemote) : isRemote(v))) return true;
    }
    const href = el.getAttribute('href');
    if (href && RESOURCE_HREF.has(el.nodeName.toUpperCase()) && isRemote(href)) return true;
    const style = el.getAttribute('style');
    if (style && cssAsksForRemote(style)) return true;
    if (el.nodeName.toUpperCase() === 'STYLE' && cssAsksForRemote(el.textContent ?? '')) return true;
  }
  return false;
}

/**
 * Our rules for a received HTML body, applied in place to `body` and everything in it (see the top of this
 * file). Returns whether anything remote was dropped.
 */
export function enforceMailPolicy(body: Element, attachments: readonly ParsedAttachment[]): { remoteBlocked: boolean } {
  const cid = cidResolver(attachments);
  let remoteBlocked = false;
  for (const tag of DROP) for (const el of Array.from(body.querySelectorAll(tag))) el.remove();
  for (const tag of UNWRAP) for (const el of Array.from(body.querySelectorAll(tag))) el.replaceWith(...Array.from(el.childNodes));

  for (const el of [body, ...Array.from(body.querySelectorAll('*'))]) {
    const tag = el.nodeName.toUpperCase();
    for (const { name } of Array.from(el.attributes)) {
      const n = name.toLowerCase();
      if (n.startsWith('on') || FORBID_ATTR.includes(n) || (n === 'href' && RESOURCE_HREF.has(tag))) el.removeAttribute(name);
    }

    for (const name of RESOURCE_ATTRS) {
      const v = el.getAttribute(name);
      if (v === null) continue;
      if (name === 'srcset' ? v.split(',').some(isRemote) : isRemote(v)) remoteBlocked = true;
      if (name === 'srcset') {
        // Only inline candidates may stay; any other drops the whole set (src remains as the fallback).
        if (!v.split(',').every((c) => /^\s*data:image\//i.test(c))) el.removeAttribute(name);
        continue;
      }
      const t = v.trim();
      if (/^cid:/i.test(t) && (name === 'src' || name === 'background')) {
        const data = cid(t);
        if (data) el.setAttribute(name, data);
        else el.removeAttribute(name);
      } else if (!/^data:image\//i.test(t)) {
        el.removeAttribute(name);
      }
    }

    const href = el.getAttribute('href');
    if (href !== null) {
      const t = href.trim();
      const link = tag === 'A' || tag === 'AREA';
      if (link && /^(?:https?:\/\/|mailto:|tel:)/i.test(t)) {
        el.setAttribute('target', '_blank');
        el.setAttribute('rel', 'noopener noreferrer');
        el.setAttribute('title', t); // the real destination, whatever the link text claims
      } else if (!(link && t.startsWith('#'))) {
        el.removeAttribute('href');
      }
    }

    const style = el.getAttribute('style');
    if (style !== null) {
      const clean = cleanCss(style, cid);
      if (clean.blocked) remoteBlocked = true;
      el.setAttribute('style', clean.css);
    }
    if (tag === 'STYLE') {
      const clean = cleanCss(el.textContent ?? '', cid);
      if (clean.blocked) remoteBlocked = true;
      // No "<" survives in a style sheet, so nothing can close the <style> element when the frame re-parses it.
      el.textContent = clean.css.replace(/</g, '\\3c ');
    }
  }
  return { remoteBlocked };
}

/** The frame's document: our head (CSP first), then the sanitized body. */
export function srcdocFor(body: Element): string {
  return (
    '<!doctype html><html><head>' +
    '<meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${HTML_BODY_CSP}">` +
    '<meta name="referrer" content="no-referrer">' +
    '<meta http-equiv="x-dns-prefetch-control" content="off">' +
    '<meta name="color-scheme" content="light">' +
    `<style>${BASE_CSS}</style>` +
    '</head>' +
    body.outerHTML +
    '</html>'
  );
}

/** What every message gets before its own styles: readable defaults, nothing wider than the frame. */
const BASE_CSS =
  'html{background:#fff;color:#1a1a1a}' +
  "body{margin:0;padding:12px 14px;font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Liberation Sans',sans-serif;overflow-wrap:anywhere}" +
  'img{max-width:100%;height:auto}' +
  'table{max-width:100%}' +
  'pre{white-space:pre-wrap}';

import { useEffect, useRef, useState } from 'preact/hooks';

/** Never shorter than this, and never taller: beyond it the frame scrolls inside. */
const MIN_HEIGHT = 64;
const MAX_HEIGHT = 8000;
/** Room for a horizontal scroll bar when the message is wider than the frame. */
const SCROLLBAR = 20;
/** The visible frame's top and bottom border (read.css), inside its border-box height. */
const BORDERS = 2;

/**
 * A sanitized HTML body (see sanitize.ts) in a sandboxed srcdoc iframe: no scripts, an opaque origin; the only
 * sandbox allowance is popups, so that a click on a link opens it in a new tab as a normal page (the links carry
 * rel="noopener noreferrer"; without scripts, nothing but a click can open one).
 *
 * Height: an opaque, scriptless frame cannot tell us its size. A second copy of the same document renders
 * hidden in a frame sandboxed with allow-same-origin only (still no scripts: the sandbox forbids them whatever
 * the content), at the same width; we read its height, and measure again when the width changes (window resize,
 * a <details> opened). Until then, or if it cannot be measured, the frame keeps a fixed height and scrolls.
 */
export function HtmlBody({ srcdoc, title }: { srcdoc: string; title: string }) {
  const box = useRef<HTMLDivElement>(null);
  const probe = useRef<HTMLIFrameElement>(null);
  const loaded = useRef(false);
  const [height, setHeight] = useState<number>();

  const measure = () => {
    const doc = loaded.current ? probe.current?.contentDocument : undefined;
    const width = box.current?.clientWidth ?? 0;
    if (!doc?.documentElement || width === 0) return;
    const root = doc.documentElement;
    root.style.overflow = 'hidden'; // no scroll bar in the probe, so it lays out at the visible frame's width
    const h = Math.ceil(Math.max(root.scrollHeight, doc.body?.scrollHeight ?? 0)) + (root.scrollWidth > root.clientWidth ? SCROLLBAR : 0);
    setHeight(Math.min(Math.max(h, MIN_HEIGHT), MAX_HEIGHT) + BORDERS);
  };

  useEffect(() => {
    loaded.current = false;
    setHeight(undefined);
  }, [srcdoc]);

  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let width = el.clientWidth;
    const ro = new ResizeObserver(() => {
      if (el.clientWidth === width) return; // our own height change, not a new width
      width = el.clientWidth;
      measure();
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  return (
    <div class="ds-html" ref={box}>
      <iframe
        class="ds-html__frame"
        title={title}
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        srcdoc={srcdoc}
        referrerpolicy="no-referrer"
        style={height ? { height: `${height}px` } : undefined}
        data-measured={height ? 'true' : 'false'}
      />
      <iframe
        ref={probe}
        class="ds-html__probe"
        sandbox="allow-same-origin"
        srcdoc={srcdoc}
        aria-hidden="true"
        tabIndex={-1}
        title=""
        onLoad={() => {
          loaded.current = true;
          measure();
        }}
      />
    </div>
  );
}

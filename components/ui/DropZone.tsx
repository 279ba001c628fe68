import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

/**
 * Accepts files dropped on it; the file picker inside stays the keyboard and screen-reader way in, so the drop
 * target itself is not focusable. While files are dragged over it, it says what dropping does (`label`, shown
 * over the zone by ui.css from data-label).
 */
export function DropZone(props: { onFiles: (files: File[]) => void; children: ComponentChildren; label: string; compact?: boolean }) {
  const [over, setOver] = useState(false);
  return (
    <div
      class={`ds-drop${over ? ' ds-drop--over' : ''}${props.compact ? ' ds-drop--compact' : ''}`}
      data-label={props.label}
      onDragOver={(e) => {
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={(e) => {
        // Moving onto the button or hint inside is not leaving: the zone would flicker.
        if (e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget)) return;
        setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const files = Array.from(e.dataTransfer?.files ?? []);
        if (files.length > 0) props.onFiles(files);
      }}
    >
      {props.children}
    </div>
  );
}

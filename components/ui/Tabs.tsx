import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

/**
 * WAI-ARIA tabs with automatic activation: arrow keys, Home and End move between tabs, Tab goes into the panel.
 * Only the selected panel is rendered.
 */
export function Tabs<Id extends string>(props: {
  label: string;
  tabs: readonly { id: Id; label: string }[];
  selected: Id;
  onSelect: (id: Id) => void;
  idPrefix: string;
  children: ComponentChildren;
  class?: string;
}) {
  const list = useRef<HTMLDivElement>(null);
  const index = props.tabs.findIndex((t) => t.id === props.selected);

  function move(to: number) {
    const n = props.tabs.length;
    const next = props.tabs[(to + n) % n]!;
    props.onSelect(next.id);
    // Focus after render: the button exists already, only its tabindex changes.
    list.current?.querySelector<HTMLButtonElement>(`#${props.idPrefix}-tab-${next.id}`)?.focus();
  }

  return (
    <div class={props.class}>
      <div
        ref={list}
        class="ds-tabs"
        role="tablist"
        aria-label={props.label}
        onKeyDown={(e) => {
          const keys: Record<string, number> = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: props.tabs.length - 1 };
          const to = keys[e.key];
          if (to === undefined) return;
          e.preventDefault();
          move(to);
        }}
      >
        {props.tabs.map((t) => {
          const selected = t.id === props.selected;
          return (
            <button
              key={t.id}
              type="button"
              role="tab"
              class="ds-tab"
              id={`${props.idPrefix}-tab-${t.id}`}
              aria-selected={selected ? 'true' : 'false'}
              aria-controls={`${props.idPrefix}-panel`}
              tabIndex={selected ? 0 : -1}
              onClick={() => props.onSelect(t.id)}
            >
              {t.label}
            </button>
          );
        })}
      </div>
      <div class="ds-tabpanel" role="tabpanel" id={`${props.idPrefix}-panel`} aria-labelledby={`${props.idPrefix}-tab-${props.selected}`} tabIndex={0}>
        {props.children}
      </div>
    </div>
  );
}

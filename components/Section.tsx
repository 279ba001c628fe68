import type { ComponentChildren } from 'preact';
import './Section.css';

/** A titled card: a `<section>` named by its heading, so screen readers list it as a region. */
export function Section(props: {
  id: string;
  title: string;
  summary: string;
  icon?: ComponentChildren;
  children?: ComponentChildren;
}) {
  const headingId = `${props.id}-heading`;
  return (
    <section class="ds-section" id={props.id} aria-labelledby={headingId}>
      <div class="ds-section__head">
        {props.icon && (
          <span class="ds-section__icon" aria-hidden="true">
            {props.icon}
          </span>
        )}
        <div>
          <h2 id={headingId}>{props.title}</h2>
          <p class="ds-section__summary">{props.summary}</p>
        </div>
      </div>
      {props.children && <div class="ds-section__body">{props.children}</div>}
    </section>
  );
}

/** What a section shows while it holds nothing yet. */
export function EmptyState(props: { title: string; note?: string }) {
  return (
    <div class="ds-empty">
      <p class="ds-empty__title">{props.title}</p>
      {props.note && <p class="ds-empty__note">{props.note}</p>}
    </div>
  );
}

import type { BadgeView } from '../status-view';
import './status.css';

/** Colour and a dot help at a glance; the words are always there too. */
export function StatusBadge({ view, compact = false }: { readonly view: BadgeView; readonly compact?: boolean }) {
  return (
    <span
      className={`status-badge status-badge--${view.tone}${compact ? ' status-badge--compact' : ''}`}
      data-testid="status-badge"
      data-tone={view.tone}
      title={view.description}
    >
      <span className="status-badge__dot" aria-hidden="true" />
      {compact ? view.shortLabel : view.label}
    </span>
  );
}

import type { TagUsage } from '../../../../electron/contract';

const countFormat = new Intl.NumberFormat();

/** A horizontal bar per tag: readable as a list by a screen reader, drawn with widths only. */
export function TopTags({ usage, onPick }: { readonly usage: TagUsage; readonly onPick: (tag: string) => void }) {
  const max = Math.max(1, ...usage.tags.map((tag) => tag.count));
  if (usage.tags.length === 0) return <p>No tags yet.</p>;
  return (
    <ol className="top-tags" aria-label="Most used tags">
      {usage.tags.map((tag) => (
        <li key={tag.tag} className="top-tags__row">
          <button type="button" className="top-tags__name" onClick={() => onPick(tag.tag)} title={`Browse memories tagged ${tag.tag}`}>
            {tag.tag}
          </button>
          <span className="top-tags__bar" aria-hidden="true">
            <span className="top-tags__fill" style={{ width: `${(tag.count / max) * 100}%` }} />
          </span>
          <span className="top-tags__count">
            {countFormat.format(tag.count)} <span className="top-tags__pct">({tag.percentage}%)</span>
          </span>
        </li>
      ))}
    </ol>
  );
}

import { memo, useId, useState } from 'react';
import { ErrorPanel } from '../../../ui/error-panel';
import { useTags } from '../api/get-tags';

const shownTags = 200;
const countFormat = new Intl.NumberFormat();

interface TagSidebarProps {
  readonly profileId: string;
  readonly selected: readonly string[];
  readonly onToggle: (tag: string) => void;
}

/**
 * Every tag with its count (the server's /api/tags, most used first); a click filters the list.
 * Memoized: a long tag list need not re-render on every keystroke in the search box.
 */
export const TagSidebar = memo(function TagSidebar({ profileId, selected, onToggle }: TagSidebarProps) {
  const filterId = useId();
  const tags = useTags(profileId);
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const matching = (tags.data ?? []).filter((item) => needle === '' || item.tag.toLowerCase().includes(needle));
  const shown = matching.slice(0, shownTags);

  return (
    <section className="tag-sidebar" aria-labelledby={`${filterId}-heading`}>
      <h2 id={`${filterId}-heading`} className="tag-sidebar__heading">
        Tags {tags.data && <span className="tag-sidebar__total">({countFormat.format(tags.data.length)})</span>}
      </h2>
      <label htmlFor={filterId} className="visually-hidden">
        Find a tag
      </label>
      <input
        id={filterId}
        className="input input--small"
        type="search"
        placeholder="Find a tag"
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
      />
      {tags.isPending && <p role="status">Loading tags…</p>}
      {tags.isError && <ErrorPanel error={tags.error} onRetry={() => void tags.refetch()} compact />}
      {tags.data && (
        <ul className="tag-sidebar__list" aria-label="Tags with their counts">
          {shown.map((item) => {
            const active = selected.includes(item.tag);
            return (
              <li key={item.tag}>
                <button
                  type="button"
                  className={active ? 'tag-sidebar__tag tag-sidebar__tag--active' : 'tag-sidebar__tag'}
                  aria-pressed={active}
                  onClick={() => onToggle(item.tag)}
                  data-tag={item.tag}
                >
                  <span className="tag-sidebar__name">{item.tag}</span>
                  <span className="tag-sidebar__count">{countFormat.format(item.count)}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {matching.length > shown.length && (
        <p className="tag-sidebar__more">
          {countFormat.format(matching.length - shown.length)} more; type to find them.
        </p>
      )}
      {tags.data && matching.length === 0 && <p className="tag-sidebar__more">No tag matches.</p>}
    </section>
  );
});

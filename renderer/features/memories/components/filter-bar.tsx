import { useId } from 'react';
import { useMemoryTypes } from '../api/get-tags';
import type { MemoryListFilter } from '../api/memory-keys';

interface FilterBarProps {
  readonly profileId: string;
  readonly filter: MemoryListFilter;
  readonly onChange: (filter: MemoryListFilter) => void;
}

/** Browse filters the server supports: tags with any/all matching, and one memory type. */
export function FilterBar({ profileId, filter, onChange }: FilterBarProps) {
  const typeId = useId();
  const matchId = useId();
  const types = useMemoryTypes(profileId);
  const tags = filter.tags ?? [];
  const removeTag = (tag: string) => onChange({ ...filter, tags: tags.filter((item) => item !== tag) });

  return (
    <div className="filter-bar" role="group" aria-label="Filters">
      <label htmlFor={typeId}>Type</label>
      <select
        id={typeId}
        className="select"
        value={filter.memoryType ?? ''}
        onChange={(event) => onChange({ ...filter, memoryType: event.target.value === '' ? undefined : event.target.value })}
      >
        <option value="">Any type</option>
        {(types.data ?? []).map((type) => (
          <option key={type} value={type}>
            {type}
          </option>
        ))}
      </select>
      <label htmlFor={matchId}>Tags match</label>
      <select
        id={matchId}
        className="select"
        value={filter.tagMatch ?? 'any'}
        onChange={(event) => onChange({ ...filter, tagMatch: event.target.value === 'all' ? 'all' : 'any' })}
      >
        <option value="any">any (OR)</option>
        <option value="all">all (AND)</option>
      </select>
      {tags.length === 0 ? (
        <span className="filter-bar__hint">Choose tags in the tag list to filter.</span>
      ) : (
        <ul className="filter-bar__tags" aria-label="Tag filters">
          {tags.map((tag) => (
            <li key={tag}>
              <button type="button" className="tag-chip tag-chip--removable" onClick={() => removeTag(tag)} aria-label={`Remove tag filter ${tag}`}>
                {tag} ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {(tags.length > 0 || filter.memoryType) && (
        <button type="button" className="button button--small" onClick={() => onChange({})}>
          Clear filters
        </button>
      )}
    </div>
  );
}

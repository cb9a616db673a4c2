import { useId, type Ref } from 'react';
import type { SearchDraft, SearchKind } from '../search-params';

const kinds: readonly { readonly value: SearchKind; readonly label: string; readonly placeholder: string }[] = [
  { value: 'semantic', label: 'Meaning', placeholder: 'Search by meaning, e.g. “database decisions”' },
  { value: 'tag', label: 'Tags', placeholder: 'Tags, comma separated, e.g. project:billing, database' },
  { value: 'time', label: 'Time', placeholder: 'When, e.g. “yesterday”, “last week”, “3 days ago”' },
];

interface SearchBarProps {
  readonly draft: SearchDraft;
  readonly onChange: (draft: SearchDraft) => void;
  readonly inputRef: Ref<HTMLInputElement>;
  /** The server's refusal of what was typed (an unparseable time phrase), shown at the field. */
  readonly fieldError: string | null;
  readonly busy: boolean;
}

export function SearchBar({ draft, onChange, inputRef, fieldError, busy }: SearchBarProps) {
  const ids = { input: useId(), kind: useId(), limit: useId(), threshold: useId(), time: useId(), error: useId(), match: useId() };
  const kind = kinds.find((item) => item.value === draft.kind) ?? kinds[0]!;
  const set = (patch: Partial<SearchDraft>) => onChange({ ...draft, ...patch });

  return (
    <div role="search" className="search-bar" aria-label="Search memories">
      <div className="search-bar__main">
        <label htmlFor={ids.kind} className="visually-hidden">
          Search by
        </label>
        <select id={ids.kind} className="select" value={draft.kind} onChange={(event) => set({ kind: event.target.value as SearchKind })}>
          {kinds.map((item) => (
            <option key={item.value} value={item.value}>
              {item.label}
            </option>
          ))}
        </select>
        <label htmlFor={ids.input} className="visually-hidden">
          Search text
        </label>
        <input
          ref={inputRef}
          id={ids.input}
          className="input search-bar__input"
          type="search"
          placeholder={kind.placeholder}
          value={draft.text}
          onChange={(event) => set({ text: event.target.value })}
          aria-invalid={fieldError !== null}
          aria-describedby={fieldError !== null ? ids.error : undefined}
          aria-keyshortcuts="/"
          data-testid="search-input"
        />
        {busy && (
          <span className="search-bar__busy" role="status">
            Searching…
          </span>
        )}
        {draft.text !== '' && (
          <button type="button" className="button button--small" onClick={() => set({ text: '' })}>
            Clear
          </button>
        )}
      </div>
      <div className="search-bar__options">
        {draft.kind === 'semantic' && (
          <>
            <ResultCountField id={ids.limit} value={draft.limit} onChange={(limit) => set({ limit })} />
            <label htmlFor={ids.threshold}>Minimum similarity</label>
            <input
              id={ids.threshold}
              className="input input--number"
              type="number"
              min={0}
              max={1}
              step={0.05}
              value={draft.threshold}
              onChange={(event) => set({ threshold: clampNumber(event.target.valueAsNumber, 0, 1, draft.threshold) })}
            />
          </>
        )}
        {draft.kind === 'tag' && (
          <>
            <label htmlFor={ids.match}>Match</label>
            <select id={ids.match} className="select" value={draft.matchAll ? 'all' : 'any'} onChange={(event) => set({ matchAll: event.target.value === 'all' })}>
              <option value="any">any tag</option>
              <option value="all">all tags</option>
            </select>
            <label htmlFor={ids.time}>Since (optional)</label>
            <input
              id={ids.time}
              className="input"
              placeholder="e.g. last week"
              value={draft.timeFilter}
              onChange={(event) => set({ timeFilter: event.target.value })}
            />
          </>
        )}
        {draft.kind === 'time' && <ResultCountField id={ids.limit} value={draft.limit} onChange={(limit) => set({ limit })} />}
      </div>
      {fieldError !== null && (
        <p id={ids.error} className="search-bar__error" role="alert" data-testid="search-error">
          {fieldError}
        </p>
      )}
    </div>
  );
}

function clampNumber(value: number, min: number, max: number, fallback: number): number {
  if (!Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}

/** How many results a semantic or time search asks for: 1 to 100, the server's limits. */
function ResultCountField({ id, value, onChange }: { readonly id: string; readonly value: number; readonly onChange: (value: number) => void }) {
  return (
    <>
      <label htmlFor={id}>Results</label>
      <input
        id={id}
        className="input input--number"
        type="number"
        min={1}
        max={100}
        value={value}
        onChange={(event) => onChange(clampNumber(event.target.valueAsNumber, 1, 100, value))}
      />
    </>
  );
}

import type { SearchParams } from '../memories/api/memory-keys';

export type SearchKind = SearchParams['kind'];

/** What the search bar holds; turned into server parameters only when there is something to search. */
export interface SearchDraft {
  readonly kind: SearchKind;
  readonly text: string;
  /** Semantic: results wanted (1–100). Time: the same cap. */
  readonly limit: number;
  /** Semantic: 0 means no threshold. */
  readonly threshold: number;
  /** Tag search: every tag must match. */
  readonly matchAll: boolean;
  /** Tag search: optional natural-language start ("last week"). */
  readonly timeFilter: string;
}

export const initialDraft: SearchDraft = { kind: 'semantic', text: '', limit: 20, threshold: 0, matchAll: false, timeFilter: '' };

/** Tags as typed: comma separated, trimmed, empty ones and repeats dropped. */
export function parseTagList(text: string): string[] {
  const tags: string[] = [];
  for (const part of text.split(',')) {
    const tag = part.trim();
    if (tag !== '' && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

export function searchParamsFor(draft: SearchDraft): SearchParams | null {
  const text = draft.text.trim();
  if (text === '') return null;
  const limit = Math.min(100, Math.max(1, Math.round(draft.limit)));
  switch (draft.kind) {
    case 'semantic':
      return { kind: 'semantic', query: text, limit, threshold: draft.threshold > 0 ? Math.min(1, draft.threshold) : null };
    case 'tag': {
      const tags = parseTagList(text);
      if (tags.length === 0) return null;
      const timeFilter = draft.timeFilter.trim();
      return { kind: 'tag', tags, matchAll: draft.matchAll, timeFilter: timeFilter === '' ? null : timeFilter };
    }
    case 'time':
      return { kind: 'time', query: text, limit };
  }
}

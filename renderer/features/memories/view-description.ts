import type { SearchParams, MemoryListFilter } from './api/memory-keys';

/** The current view in words: export headers and screen-reader labels use it. */
export function describeView(filter: MemoryListFilter, search: SearchParams | null): string {
  if (search !== null) {
    switch (search.kind) {
      case 'semantic':
        return `Search by meaning “${search.query}”${search.threshold === null ? '' : ` (similarity ≥ ${search.threshold})`}`;
      case 'tag':
        return `Tag search ${search.tags.join(', ')} (${search.matchAll ? 'all' : 'any'})${search.timeFilter ? ` since ${search.timeFilter}` : ''}`;
      case 'time':
        return `Time search “${search.query}”`;
    }
  }
  const parts: string[] = [];
  const tags = filter.tags ?? [];
  if (tags.length > 0) parts.push(`tagged ${tags.join(', ')}${tags.length > 1 ? ` (${filter.tagMatch ?? 'any'})` : ''}`);
  if (filter.memoryType) parts.push(`of type ${filter.memoryType}`);
  return parts.length === 0 ? 'All memories' : `Memories ${parts.join(' ')}`;
}

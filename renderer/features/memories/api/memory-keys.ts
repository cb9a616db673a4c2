/** Optional list filters, as the server supports them (memory-service-api.md §4.3). */
export interface MemoryListFilter {
  readonly tags?: readonly string[];
  readonly tagMatch?: 'any' | 'all';
  readonly memoryType?: string;
}

export type SearchParams =
  | { readonly kind: 'semantic'; readonly query: string; readonly limit: number; readonly threshold: number | null }
  | { readonly kind: 'tag'; readonly tags: readonly string[]; readonly matchAll: boolean; readonly timeFilter: string | null }
  | { readonly kind: 'time'; readonly query: string; readonly limit: number };

/**
 * Query keys for memories, general → specific. Everything about one server sits under
 * `profile(id)` so a `memories-changed` signal for it invalidates lists, searches, tags and
 * details alike. Search keys hold the whole query: each query text has its own cache entry, so a
 * late answer to an old query can only ever land in the old query's entry.
 */
export const memoryKeys = {
  all: ['memories'] as const,
  profile: (profileId: string) => [...memoryKeys.all, profileId] as const,
  lists: (profileId: string) => [...memoryKeys.profile(profileId), 'list'] as const,
  list: (profileId: string, filter: MemoryListFilter) => [...memoryKeys.lists(profileId), filter] as const,
  detail: (profileId: string, contentHash: string) => [...memoryKeys.profile(profileId), 'detail', contentHash] as const,
  tags: (profileId: string) => [...memoryKeys.profile(profileId), 'tags'] as const,
  searches: (profileId: string) => [...memoryKeys.profile(profileId), 'search'] as const,
  search: (profileId: string, params: SearchParams) => [...memoryKeys.searches(profileId), params] as const,
  analytics: (profileId: string) => [...memoryKeys.profile(profileId), 'analytics'] as const,
  growth: (profileId: string, period: string) => [...memoryKeys.analytics(profileId), 'growth', period] as const,
  tagUsage: (profileId: string, limit: number) => [...memoryKeys.analytics(profileId), 'tag-usage', limit] as const,
  /** The type list is the server's ontology, not data: it does not change when memories do. */
  types: (profileId: string) => ['memory-types', profileId] as const,
};

/** Optional list filters, as the server supports them (memory-service-api.md §4.3). */
export interface MemoryListFilter {
  readonly tags?: readonly string[];
  readonly tagMatch?: 'any' | 'all';
  readonly memoryType?: string;
}

/**
 * Query keys for memories, general → specific. Everything about one server sits under
 * `profile(id)` so a `memories-changed` signal for it invalidates lists and (later) searches alike.
 */
export const memoryKeys = {
  all: ['memories'] as const,
  profile: (profileId: string) => [...memoryKeys.all, profileId] as const,
  lists: (profileId: string) => [...memoryKeys.profile(profileId), 'list'] as const,
  list: (profileId: string, filter: MemoryListFilter) => [...memoryKeys.lists(profileId), filter] as const,
};

import { infiniteQueryOptions, useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import type { Memory, MemoryPage } from '../../../../electron/contract';
import { callConsole } from '../../../bridge';
import { memoryKeys, type MemoryListFilter } from './memory-keys';

/** The server's maximum page size (101 answers 422). */
export const memoryPageSize = 100;

export interface MemoryPageRequest {
  readonly profileId: string;
  readonly page: number;
  readonly filter?: MemoryListFilter;
}

export function getMemoryPage({ profileId, page, filter = {} }: MemoryPageRequest): Promise<MemoryPage> {
  return callConsole('memories.list', {
    profileId,
    page,
    pageSize: memoryPageSize,
    ...(filter.tags ? { tags: [...filter.tags] } : {}),
    ...(filter.tagMatch ? { tagMatch: filter.tagMatch } : {}),
    ...(filter.memoryType ? { memoryType: filter.memoryType } : {}),
  });
}

export interface LoadedMemories {
  readonly memories: readonly Memory[];
  /** The server's count of all matching memories, as of the newest page fetched. */
  readonly total: number;
}

/**
 * Pages are offsets into a newest-first list: a memory stored between two page fetches shifts
 * everything by one and the boundary row arrives twice. Rows are keyed by content hash, so keep
 * the first copy.
 */
export function flattenMemoryPages(data: InfiniteData<MemoryPage, number>): LoadedMemories {
  const seen = new Set<string>();
  const memories: Memory[] = [];
  for (const page of data.pages) {
    for (const memory of page.memories) {
      if (seen.has(memory.content_hash)) continue;
      seen.add(memory.content_hash);
      memories.push(memory);
    }
  }
  const total = data.pages.at(-1)?.total ?? 0;
  return { memories, total: Math.max(total, memories.length) };
}

export function memoryPagesQueryOptions(profileId: string, filter: MemoryListFilter = {}) {
  return infiniteQueryOptions({
    queryKey: memoryKeys.list(profileId, filter),
    queryFn: ({ pageParam }) => getMemoryPage({ profileId, page: pageParam, filter }),
    initialPageParam: 1,
    getNextPageParam: (last: MemoryPage) => (last.hasMore ? last.page + 1 : undefined),
    select: flattenMemoryPages,
  });
}

export function useMemoryPages(profileId: string, filter?: MemoryListFilter) {
  return useInfiniteQuery(memoryPagesQueryOptions(profileId, filter));
}

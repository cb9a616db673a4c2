import { describe, expect, it } from 'vitest';
import type { MemoryPage } from '../../../../electron/contract';
import { flattenMemoryPages } from '../../../../renderer/features/memories/api/get-memory-pages';
import { memoryKeys } from '../../../../renderer/features/memories/api/memory-keys';
import { makeMemory } from '../support/fake-console';

const page = (numbers: number[], total: number, pageNumber: number): MemoryPage => ({
  memories: numbers.map((n) => makeMemory(n)),
  total,
  page: pageNumber,
  pageSize: numbers.length,
  hasMore: true,
});

describe('memory pages', () => {
  it('drops the row repeated when a newer memory shifted the pages, and reports the newest total', () => {
    const flat = flattenMemoryPages({ pages: [page([0, 1, 2], 10, 1), page([2, 3, 4], 11, 2)], pageParams: [1, 2] });
    expect(flat.memories.map((memory) => memory.content_hash)).toEqual([0, 1, 2, 3, 4].map((n) => makeMemory(n).content_hash));
    expect(flat.total).toBe(11);
  });

  it('keys every server’s queries under its own prefix, general to specific', () => {
    expect(memoryKeys.list('local', { tags: ['a'] }).slice(0, 2)).toEqual([...memoryKeys.profile('local')]);
    expect(memoryKeys.profile('local').slice(0, 1)).toEqual([...memoryKeys.all]);
  });
});

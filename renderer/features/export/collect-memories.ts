import type { Memory, MemoryPage } from '../../../electron/contract';

export interface CollectProgress {
  readonly loaded: number;
  readonly total: number;
}

/**
 * Fetches every page of a view, newest first. Pages are offsets: a memory stored meanwhile shifts
 * the boundary, so rows are de-duplicated by hash. Stops between pages when `signal` aborts.
 */
export async function collectAllPages(
  fetchPage: (page: number) => Promise<MemoryPage>,
  onProgress: (progress: CollectProgress) => void,
  signal: AbortSignal,
): Promise<Memory[]> {
  const seen = new Set<string>();
  const memories: Memory[] = [];
  let page = 1;
  for (;;) {
    signal.throwIfAborted();
    const answer = await fetchPage(page);
    signal.throwIfAborted();
    for (const memory of answer.memories) {
      if (seen.has(memory.content_hash)) continue;
      seen.add(memory.content_hash);
      memories.push(memory);
    }
    onProgress({ loaded: memories.length, total: Math.max(answer.total, memories.length) });
    if (!answer.hasMore || answer.memories.length === 0) return memories;
    page += 1;
  }
}

import type { z } from 'zod';
import type {
  BulkDeleted,
  GrowthPeriod,
  Memory,
  MemoryCreated,
  MemoryDeleted,
  MemoryGrowth,
  MemoryUpdated,
  SearchResults,
  TagCount,
  TagUsage,
} from '../contract';
import { ConsoleFailure } from '../core/console-failure';
import {
  bulkDeleteAnswerSchema,
  createAnswerSchema,
  deleteAnswerSchema,
  growthAnswerSchema,
  searchAnswerSchema,
  tagsAnswerSchema,
  tagUsageAnswerSchema,
  typesAnswerSchema,
  updateAnswerSchema,
} from './memory-answers';
import { callJson, type MemoryServerTarget } from './memory-client';
import { memorySchema } from './server-schemas';

/**
 * Browse, search and edit calls (memory-service-api.md §4.4–4.8). Each one names the server's
 * quirks it handles: `success:false` answers with HTTP 200 become the errors they are, and a
 * 400 that carries a message for the user (an unparseable time phrase) keeps that message.
 */

type ServerMemory = z.output<typeof memorySchema>;
const asMemory = (memory: ServerMemory): Memory => memory as Memory;

function hashPath(contentHash: string): string {
  return `/api/memories/${encodeURIComponent(contentHash)}`;
}

export async function getMemory(target: MemoryServerTarget, contentHash: string, signal?: AbortSignal): Promise<Memory> {
  try {
    return asMemory(await callJson(target, { method: 'GET', path: hashPath(contentHash), signal }, memorySchema));
  } catch (error) {
    throw rename(error, 'not-found', 'That memory is not on the server any more (it may have been deleted).');
  }
}

export interface SemanticQuery {
  readonly query: string;
  readonly limit: number;
  readonly threshold: number | null;
}

export async function searchMemories(target: MemoryServerTarget, query: SemanticQuery, signal?: AbortSignal): Promise<SearchResults> {
  const body = { query: query.query, n_results: query.limit, similarity_threshold: query.threshold };
  return searchResults(await callJson(target, { method: 'POST', path: '/api/search', body, signal }, searchAnswerSchema));
}

export interface TagQuery {
  readonly tags: readonly string[];
  readonly matchAll: boolean;
  readonly timeFilter?: string;
}

export async function searchByTag(target: MemoryServerTarget, query: TagQuery, signal?: AbortSignal): Promise<SearchResults> {
  const body = { tags: query.tags, match_all: query.matchAll, time_filter: query.timeFilter ?? null };
  return searchResults(await callJson(target, { method: 'POST', path: '/api/search/by-tag', body, signal }, searchAnswerSchema));
}

export interface TimeQuery {
  readonly query: string;
  readonly limit: number;
}

export async function searchByTime(target: MemoryServerTarget, query: TimeQuery, signal?: AbortSignal): Promise<SearchResults> {
  const body = { query: query.query, n_results: query.limit };
  try {
    return searchResults(await callJson(target, { method: 'POST', path: '/api/search/by-time', body, signal }, searchAnswerSchema));
  } catch (error) {
    // The server's 400 names the phrase it could not read and suggests ones it can: that is the
    // message the user needs, shown next to what they typed.
    if (error instanceof ConsoleFailure && error.code === 'invalid-input' && error.detail) {
      throw new ConsoleFailure('invalid-input', error.detail);
    }
    throw error;
  }
}

function searchResults(answer: z.output<typeof searchAnswerSchema>): SearchResults {
  return {
    hits: answer.results.map((result) => ({
      memory: asMemory(result.memory),
      score: result.similarity_score ?? null,
      reason: result.relevance_reason ?? null,
    })),
    totalFound: answer.total_found,
    query: answer.query,
    searchType: answer.search_type,
    processingMs: answer.processing_time_ms ?? 0,
  };
}

export interface NewMemory {
  readonly content: string;
  readonly tags: readonly string[];
  readonly memoryType?: string;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export async function createMemory(target: MemoryServerTarget, memory: NewMemory): Promise<MemoryCreated> {
  const body = {
    content: memory.content,
    tags: memory.tags,
    memory_type: memory.memoryType ?? null,
    metadata: memory.metadata,
  };
  const answer = await callJson(target, { method: 'POST', path: '/api/memories', body }, createAnswerSchema);
  if (!answer.success || !answer.memory) {
    if (/duplicate/i.test(answer.message)) {
      throw new ConsoleFailure('conflict', 'A memory with this content is already stored; nothing was added.', answer.message);
    }
    throw new ConsoleFailure('server-error', 'The server did not store the memory.', answer.message);
  }
  const warning = /warning:\s*(.*)$/is.exec(answer.message)?.[1]?.trim() ?? null;
  return { memory: asMemory(answer.memory), warning: warning === '' ? null : warning };
}

export interface MemoryChanges {
  readonly tags?: readonly string[];
  readonly memoryType?: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

export async function updateMemory(target: MemoryServerTarget, contentHash: string, changes: MemoryChanges): Promise<MemoryUpdated> {
  const body: Record<string, unknown> = {};
  if (changes.tags !== undefined) body['tags'] = changes.tags;
  if (changes.memoryType !== undefined) body['memory_type'] = changes.memoryType;
  if (changes.metadata !== undefined) body['metadata'] = changes.metadata;
  let answer: z.output<typeof updateAnswerSchema>;
  try {
    answer = await callJson(target, { method: 'PUT', path: hashPath(contentHash), body }, updateAnswerSchema);
  } catch (error) {
    throw rename(error, 'not-found', 'That memory is not on the server any more (it may have been deleted).');
  }
  if (!answer.success || !answer.memory) {
    throw new ConsoleFailure('conflict', 'The server did not apply the change.', answer.message);
  }
  return { memory: asMemory(answer.memory), message: answer.message };
}

export async function deleteMemory(target: MemoryServerTarget, contentHash: string): Promise<MemoryDeleted> {
  const answer = await callJson(target, { method: 'DELETE', path: hashPath(contentHash) }, deleteAnswerSchema);
  if (!answer.success) {
    // An unknown or already-deleted hash is HTTP 200 with success:false (§10.6).
    if (/not found/i.test(answer.message)) {
      throw new ConsoleFailure('not-found', 'That memory was not on the server (it may have been deleted already).', answer.message);
    }
    throw new ConsoleFailure('conflict', 'The server did not delete the memory.', answer.message);
  }
  return { contentHash };
}

export async function bulkDeleteByTag(target: MemoryServerTarget, tag: string, confirmCount: number): Promise<BulkDeleted> {
  let answer: z.output<typeof bulkDeleteAnswerSchema>;
  try {
    answer = await callJson(
      target,
      { method: 'POST', path: '/api/manage/bulk-delete', body: { tag, confirm_count: confirmCount } },
      bulkDeleteAnswerSchema,
    );
  } catch (error) {
    if (error instanceof ConsoleFailure && error.code === 'invalid-input' && /mismatch/i.test(error.detail ?? '')) {
      throw new ConsoleFailure(
        'conflict',
        `The number of memories tagged “${tag}” changed since you looked; nothing was deleted. Check the new count and confirm again.`,
        error.detail,
      );
    }
    throw error;
  }
  if (!answer.success) {
    throw new ConsoleFailure('not-found', `No memories are tagged “${tag}” any more; nothing was deleted.`, answer.message);
  }
  return { tag, deleted: answer.affected_count, message: answer.message };
}

export async function listTags(target: MemoryServerTarget): Promise<readonly TagCount[]> {
  const answer = await callJson(target, { method: 'GET', path: '/api/tags' }, tagsAnswerSchema);
  return answer.tags;
}

export async function listTypes(target: MemoryServerTarget): Promise<readonly string[]> {
  return callJson(target, { method: 'GET', path: '/api/types' }, typesAnswerSchema);
}

export async function memoryGrowth(target: MemoryServerTarget, period: GrowthPeriod): Promise<MemoryGrowth> {
  const params = new URLSearchParams({ period });
  const answer = await callJson(target, { method: 'GET', path: '/api/analytics/memory-growth', params }, growthAnswerSchema);
  return { period, points: answer.data_points };
}

export async function tagUsage(target: MemoryServerTarget, limit: number): Promise<TagUsage> {
  const params = new URLSearchParams({ period: 'all', limit: String(limit) });
  const answer = await callJson(target, { method: 'GET', path: '/api/analytics/tag-usage', params }, tagUsageAnswerSchema);
  return { tags: answer.tags, totalMemories: answer.total_memories };
}

/** A 404 from a route that exists means the thing asked for is gone: say which thing. */
function rename(error: unknown, code: 'not-found', message: string): unknown {
  if (error instanceof ConsoleFailure && error.code === code) return new ConsoleFailure(code, message, error.detail);
  return error;
}

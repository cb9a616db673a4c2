import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleFailure } from '../../../electron/core/console-failure';
import { listMemories, type MemoryServerTarget } from '../../../electron/memory-service/memory-client';
import {
  bulkDeleteByTag,
  createMemory,
  deleteMemory,
  getMemory,
  listTags,
  listTypes,
  memoryGrowth,
  searchByTag,
  searchByTime,
  searchMemories,
  tagUsage,
  updateMemory,
} from '../../../electron/memory-service/memory-operations';
import { startMemoryServer, type RunningMemoryServer } from '../../memory-server';

const apiKey = 'integration-key-0123456789abcdef';
let server: RunningMemoryServer;
let target: MemoryServerTarget;

beforeAll(async () => {
  server = await startMemoryServer({ apiKey, seed: 300 });
  target = { baseUrl: server.url, apiKey };
});
afterAll(async () => {
  await server?.stop();
});

async function failureOf(promise: Promise<unknown>): Promise<ConsoleFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConsoleFailure) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('memory operations against the local memory service', () => {
  it('creates, reads, updates and deletes a memory; content is the identity', async () => {
    const created = await createMemory(target, {
      content: 'Integration: decided to keep exports client-side',
      tags: ['integration', 'export'],
      memoryType: 'decision',
      metadata: { priority: 2 },
    });
    expect(created.warning).toBeNull();
    const hash = created.memory.content_hash;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await getMemory(target, hash)).toMatchObject({ tags: ['integration', 'export'], memory_type: 'decision' });

    const updated = await updateMemory(target, hash, { tags: ['integration', 'edited'], metadata: { reviewed: true } });
    expect(updated.memory.tags).toEqual(['integration', 'edited']);
    // The server merges metadata: the old key stays.
    expect(updated.memory.metadata).toMatchObject({ priority: 2, reviewed: true });
    expect(updated.memory.created_at).toBe(created.memory.created_at);

    expect(await deleteMemory(target, hash)).toEqual({ contentHash: hash });
    expect((await failureOf(getMemory(target, hash))).code).toBe('not-found');
  });

  it('reports a duplicate create (HTTP 200, success:false) as a conflict, never as success', async () => {
    await createMemory(target, { content: 'Duplicate me', tags: [], metadata: {} });
    const failure = await failureOf(createMemory(target, { content: '  duplicate ME ', tags: [], metadata: {} }));
    expect(failure.code).toBe('conflict');
    expect(failure.detail).toMatch(/Duplicate content detected/);
  });

  it('reports deleting an unknown hash (HTTP 200, success:false) as not-found', async () => {
    const failure = await failureOf(deleteMemory(target, 'f'.repeat(64)));
    expect(failure.code).toBe('not-found');
    expect(failure.detail).toMatch(/not found/);
  });

  it('reports updating an unknown hash (404) as not-found', async () => {
    expect((await failureOf(updateMemory(target, 'e'.repeat(64), { tags: ['x'] }))).code).toBe('not-found');
  });

  it('passes the server warning on when an unknown type was stored as observation', async () => {
    const created = await createMemory(target, { content: 'A banana typed memory', tags: [], memoryType: 'banana', metadata: {} });
    expect(created.memory.memory_type).toBe('observation');
    expect(created.warning).toMatch(/banana/);
  });

  it('maps a 422 (page_size above 100) to invalid-input with the server text', async () => {
    const failure = await failureOf(listMemories(target, { page: 1, pageSize: 101, tags: [], tagMatch: 'any' }));
    expect(failure.code).toBe('invalid-input');
    expect(failure.detail).toMatch(/less than or equal to 100/);
  });

  it('maps a wrong key to auth-rejected on every new call', async () => {
    const wrong = { baseUrl: server.url, apiKey: 'wrong-key-wrong-key' };
    expect((await failureOf(listTags(wrong))).code).toBe('auth-rejected');
    expect((await failureOf(searchMemories(wrong, { query: 'x', limit: 5, threshold: null }))).code).toBe('auth-rejected');
  });

  it('runs a semantic search with a score per hit and honours the threshold', async () => {
    await createMemory(target, { content: 'PostgreSQL chosen for the billing database', tags: ['db'], metadata: {} });
    const all = await searchMemories(target, { query: 'billing database', limit: 100, threshold: null });
    expect(all.searchType).toBe('semantic');
    expect(all.hits.length).toBeGreaterThan(0);
    expect(typeof all.hits[0]?.score).toBe('number');
    const strict = await searchMemories(target, { query: 'billing database', limit: 100, threshold: 0.99 });
    expect(strict.hits.length).toBeLessThanOrEqual(all.hits.length);
    for (const hit of strict.hits) expect(hit.score ?? 0).toBeGreaterThanOrEqual(0.99);
  });

  it('runs tag searches with any and all matching', async () => {
    await createMemory(target, { content: 'Tagged alpha only', tags: ['t-alpha'], metadata: {} });
    await createMemory(target, { content: 'Tagged alpha and beta', tags: ['t-alpha', 't-beta'], metadata: {} });
    const any = await searchByTag(target, { tags: ['t-alpha', 't-beta'], matchAll: false });
    const all = await searchByTag(target, { tags: ['t-alpha', 't-beta'], matchAll: true });
    expect(any.hits).toHaveLength(2);
    expect(all.hits.map((hit) => hit.memory.content)).toEqual(['Tagged alpha and beta']);
    expect(all.hits[0]?.score).toBeNull();
  });

  it('runs a time search and keeps the parse error of the server as the message', async () => {
    const today = await searchByTime(target, { query: 'today', limit: 10 });
    expect(today.searchType).toBe('time');
    expect(today.hits.length).toBeGreaterThan(0);
    const failure = await failureOf(searchByTime(target, { query: 'blorp', limit: 10 }));
    expect(failure.code).toBe('invalid-input');
    expect(failure.message).toMatch(/Could not parse time query: 'blorp'/);
  });

  it('bulk-deletes by tag with the confirm count from /api/tags, and refuses a stale count', async () => {
    for (const n of [1, 2, 3]) await createMemory(target, { content: `Doomed memory ${n}`, tags: ['doomed'], metadata: {} });
    const count = (await listTags(target)).find((tag) => tag.tag === 'doomed')?.count;
    expect(count).toBe(3);
    const stale = await failureOf(bulkDeleteByTag(target, 'doomed', 2));
    expect(stale.code).toBe('conflict');
    expect(await bulkDeleteByTag(target, 'doomed', 3)).toMatchObject({ tag: 'doomed', deleted: 3 });
    expect((await listTags(target)).some((tag) => tag.tag === 'doomed')).toBe(false);
  });

  it('lists types and analytics', async () => {
    const types = await listTypes(target);
    expect(types).toContain('decision');
    const growth = await memoryGrowth(target, 'month');
    expect(growth.points.length).toBeGreaterThan(0);
    const usage = await tagUsage(target, 5);
    expect(usage.tags.length).toBeLessThanOrEqual(5);
    expect(usage.totalMemories).toBeGreaterThan(300);
  });

  it('cancels a request through its AbortSignal', async () => {
    const controller = new AbortController();
    controller.abort();
    const failure = await failureOf(searchMemories(target, { query: 'anything', limit: 10, threshold: null }, controller.signal));
    expect(failure.code).toBe('server-unreachable');
    expect(failure.detail).toBe('aborted');
  });
});

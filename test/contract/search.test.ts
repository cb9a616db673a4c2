// §4.6: semantic (here lexical) search, tag search, time recall, and the access counters every
// search writes into the metadata of what it returns. Relevance itself is not asserted.
import { expect, it } from 'vitest';
import { describeModes, USABLE_MODES } from './harness';
import { createMemory, expectMemoryShape, nonce, type Memory } from './fixtures';

interface SearchAnswer {
  results: { memory: Memory; similarity_score: number | null; relevance_reason: string | null }[];
  total_found: number;
  query: string;
  search_type: string;
  processing_time_ms: number;
}

function expectEnvelope(body: unknown, searchType: string): asserts body is SearchAnswer {
  const answer = body as SearchAnswer;
  expect(Object.keys(answer).sort()).toEqual(['processing_time_ms', 'query', 'results', 'search_type', 'total_found']);
  expect(answer.search_type).toBe(searchType);
  expect(answer.processing_time_ms).toBeTypeOf('number');
  expect(answer.total_found).toBe(answer.results.length);
  for (const r of answer.results) {
    expect(Object.keys(r).sort()).toEqual(['memory', 'relevance_reason', 'similarity_score']);
    expectMemoryShape(r.memory);
  }
}

describeModes('semantic search', USABLE_MODES, (api) => {
  const word = `zephyrcorn${nonce()}`;
  let target: Memory;

  it('finds a memory by its words, with a score in 0..1 and the documented reason', async () => {
    target = await createMemory(api(), { content: `The ${word} deployment checklist lives in the operations wiki` });
    const res = await api().post('/api/search', { query: target.content, n_results: 5 });
    expect(res.status).toBe(200);
    expectEnvelope(res.json, 'semantic');
    const body = res.json;
    expect(body.query).toBe(target.content);
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results.length).toBeLessThanOrEqual(5);
    const hit = body.results.find((r) => r.memory.content_hash === target.content_hash);
    expect(hit).toBeDefined();
    for (const r of body.results) {
      expect(r.similarity_score).toBeTypeOf('number');
      expect(r.similarity_score as number).toBeGreaterThanOrEqual(0);
      expect(r.similarity_score as number).toBeLessThanOrEqual(1);
    }
    expect(hit?.relevance_reason).toMatch(/^Semantic similarity: \d\.\d{3}$/);
    const scores = body.results.map((r) => r.similarity_score as number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('a search bumps access_count, last_accessed_at and access_queries of what it returns', async () => {
    const first = (await api().post('/api/search', { query: target.content, n_results: 3 })).json as SearchAnswer;
    const before = first.results.find((r) => r.memory.content_hash === target.content_hash)?.memory;
    expect(before).toBeDefined();
    const count = before?.metadata['access_count'] as number;
    expect(count).toBeGreaterThanOrEqual(1);
    const queries = before?.metadata['access_queries'] as { query: string }[];
    expect(queries.some((q) => q.query === target.content)).toBe(true);
    expect(before?.metadata['last_accessed_at']).toBeTypeOf('number');

    const second = (await api().post('/api/search', { query: target.content, n_results: 3 })).json as SearchAnswer;
    const after = second.results.find((r) => r.memory.content_hash === target.content_hash)?.memory;
    expect(after?.metadata['access_count']).toBe(count + 1);
    expect(after?.metadata['last_accessed_at'] as number).toBeGreaterThanOrEqual(before?.metadata['last_accessed_at'] as number);

    const stored = (await api().get(`/api/memories/${target.content_hash}`)).json as Memory;
    expect(stored.metadata['access_count']).toBe(count + 1);
    expect(stored.updated_at).toBe(target.updated_at);
  });

  it('similarity_threshold drops results below it', async () => {
    const body = (await api().post('/api/search', { query: target.content, n_results: 10, similarity_threshold: 0.99 })).json as SearchAnswer;
    for (const r of body.results) expect(r.similarity_score as number).toBeGreaterThanOrEqual(0.99);
  });

  it('quality_boost changes the search_type', async () => {
    const res = await api().post('/api/search', { query: target.content, n_results: 3, quality_boost: true });
    expect(res.status).toBe(200);
    expectEnvelope(res.json, 'semantic_quality_boost');
  });

  it('n_results outside 1..100 and a missing query are 422s', async () => {
    const zero = await api().post('/api/search', { query: 'x', n_results: 0 });
    expect(zero.status).toBe(422);
    expect(zero.json).toEqual({
      detail: [{ type: 'greater_than_equal', loc: ['body', 'n_results'], msg: 'Input should be greater than or equal to 1', input: 0, ctx: { ge: 1 } }],
    });
    const big = await api().post('/api/search', { query: 'x', n_results: 101 });
    expect(big.status).toBe(422);
    expect((big.json as { detail: { type: string }[] }).detail[0]?.type).toBe('less_than_equal');
    const missing = await api().post('/api/search', { n_results: 5 });
    expect(missing.status).toBe(422);
    expect(missing.json).toEqual({ detail: [{ type: 'missing', loc: ['body', 'query'], msg: 'Field required', input: { n_results: 5 } }] });
  });
});

describeModes('tag search', USABLE_MODES, (api) => {
  const a = `find-a:${nonce()}`;
  const b = `find-b:${nonce()}`;
  const made: Record<string, Memory> = {};

  it('ANY returns every memory with one of the tags, newest first, score null', async () => {
    made['a'] = await createMemory(api(), { tags: [a] });
    made['ab'] = await createMemory(api(), { tags: [a, b] });
    made['b'] = await createMemory(api(), { tags: [b] });
    const res = await api().post('/api/search/by-tag', { tags: [a, b] });
    expect(res.status).toBe(200);
    expectEnvelope(res.json, 'tag');
    const body = res.json;
    expect(body.query).toBe(`Tags: ${a}, ${b} (ANY)`);
    expect(body.results.map((r) => r.memory.content_hash)).toEqual([made['b'], made['ab'], made['a']].map((m) => m?.content_hash));
    for (const r of body.results) expect(r.similarity_score).toBeNull();
  });

  it('match_all returns only memories with every tag', async () => {
    const body = (await api().post('/api/search/by-tag', { tags: [a, b], match_all: true })).json as SearchAnswer;
    expect(body.query).toBe(`Tags: ${a}, ${b} (ALL)`);
    expect(body.results.map((r) => r.memory.content_hash)).toEqual([made['ab']?.content_hash]);
  });

  it('tags: [] → 400; a missing tags field → 422', async () => {
    const empty = await api().post('/api/search/by-tag', { tags: [] });
    expect(empty.status).toBe(400);
    expect(empty.json).toEqual({ detail: 'At least one tag must be specified' });
    const missing = await api().post('/api/search/by-tag', {});
    expect(missing.status).toBe(422);
    expect((missing.json as { detail: { type: string; loc: string[] }[] }).detail[0]).toMatchObject({ type: 'missing', loc: ['body', 'tags'] });
  });

  it('time_filter "today" keeps memories created today', async () => {
    const body = (await api().post('/api/search/by-tag', { tags: [a], time_filter: 'today' })).json as SearchAnswer;
    expect(body.results.map((r) => r.memory.content_hash).sort()).toEqual([made['a']?.content_hash, made['ab']?.content_hash].sort());
  });
});

describeModes('time recall', USABLE_MODES, (api) => {
  let recent: Memory;
  const byTime = async (query: string, n = 100): Promise<SearchAnswer> => {
    const res = await api().post('/api/search/by-time', { query, n_results: n });
    expect(res.status, `${query}: ${res.text}`).toBe(200);
    expectEnvelope(res.json, 'time');
    return res.json;
  };

  it('"today" includes a memory just stored, newest first, with a null score', async () => {
    recent = await createMemory(api());
    const body = await byTime('today');
    expect(body.query).toBe('today');
    expect(body.results[0]?.memory.content_hash).toBe(recent.content_hash);
    expect(body.results[0]?.similarity_score).toBeNull();
    expect(body.results[0]?.relevance_reason).toBe('Time match: today');
    const times = body.results.map((r) => r.memory.created_at);
    expect(times).toEqual([...times].sort((x, y) => y - x));
  });

  it('n_results limits the answer', async () => {
    await createMemory(api());
    expect((await byTime('today', 1)).results).toHaveLength(1);
  });

  it('yesterday, last week, N days ago and last month exclude what was stored just now', async () => {
    for (const query of ['yesterday', 'last week', '3 days ago', '2 weeks ago', 'last month', 'last year']) {
      const body = await byTime(query);
      expect(body.results.map((r) => r.memory.content_hash), query).not.toContain(recent.content_hash);
      for (const r of body.results) expect(r.memory.created_at, query).toBeLessThan(recent.created_at);
    }
  });

  it('this week, this month, this year, last 7 days and recent include it', async () => {
    for (const query of ['this week', 'this month', 'this year', 'last 7 days', 'recently']) {
      const body = await byTime(query);
      expect(body.results.map((r) => r.memory.content_hash), query).toContain(recent.content_hash);
    }
  });

  it('"yesterday" only returns memories from roughly the previous day', async () => {
    const now = Date.now() / 1000;
    for (const r of (await byTime('yesterday')).results) {
      expect(r.memory.created_at).toBeGreaterThan(now - 3 * 86400);
      expect(r.memory.created_at).toBeLessThan(now);
    }
  });

  it('an unparseable query → 400 with the exact hint', async () => {
    const res = await api().post('/api/search/by-time', { query: 'blorp' });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ detail: "Could not parse time query: 'blorp'. Try 'yesterday', 'last week', 'this month', etc." });
  });

  it('n_results 101 → 422', async () => {
    const res = await api().post('/api/search/by-time', { query: 'today', n_results: 101 });
    expect(res.status).toBe(422);
  });
});

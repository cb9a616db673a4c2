// §2, §4.3, §4.4, §4.7: the memory object, list/pagination, create/get/update/delete, tags, types.
import { expect, it } from 'vitest';
import { describeModes, USABLE_MODES } from './harness';
import { createMemory, expectMemoryShape, nonce, sha256, sleep, uniqueContent, type CreateAnswer, type Memory } from './fixtures';

interface ListAnswer {
  memories: Memory[];
  total: number;
  page: number;
  page_size: number;
  has_more: boolean;
}

describeModes('memories', USABLE_MODES, (api) => {
  it('create answers success, the hash, and a memory with exactly the nine fields', async () => {
    const content = uniqueContent('Decided to use PostgreSQL for billing');
    const res = await api().post('/api/memories', {
      content,
      tags: [api().target.runTag, 'project:billing', 'database'],
      memory_type: 'decision',
      metadata: { source: 'contract', priority: 2 },
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const answer = res.json as CreateAnswer;
    expect(Object.keys(answer).sort()).toEqual(['content_hash', 'memory', 'message', 'success']);
    expect(answer.success).toBe(true);
    expect(answer.message).toBe('Memory stored successfully');
    expectMemoryShape(answer.memory);
    expect(answer.content_hash).toBe(answer.memory.content_hash);
    expect(answer.memory.content).toBe(content);
    expect(answer.memory.tags).toEqual([api().target.runTag, 'project:billing', 'database']);
    expect(answer.memory.memory_type).toBe('decision');
    expect(answer.memory.metadata).toMatchObject({ source: 'contract', priority: 2 });
    expect(answer.memory.updated_at).toBe(answer.memory.created_at);
  });

  it('content_hash is sha256 of the stripped, lower-cased content', async () => {
    const content = `  ${uniqueContent('Hash Check MixedCase')}\n`;
    const memory = await createMemory(api(), { content });
    expect(memory.content_hash).toBe(sha256(content.trim().toLowerCase()));
    expect(memory.content).toBe(content);
  });

  it('the same text in another case or with other surrounding spaces is a duplicate: 200 + success:false', async () => {
    const content = uniqueContent('Duplicate probe');
    await createMemory(api(), { content });
    const res = await api().post('/api/memories', { content: `   ${content.toUpperCase()}  `, tags: [api().target.runTag] });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ success: false, message: 'Duplicate content detected (exact match)', content_hash: null, memory: null });
  });

  it('no tags → ["untagged"]', async () => {
    const content = uniqueContent('Untagged note');
    const res = await api().post('/api/memories', { content });
    const answer = res.json as CreateAnswer;
    expect(answer.success).toBe(true);
    expect(answer.memory?.tags).toEqual(['untagged']);
    // Not carrying the run tag, so remove it here.
    const del = await api().del(`/api/memories/${answer.content_hash}`);
    expect((del.json as { success: boolean }).success).toBe(true);
  });

  it('an unknown memory_type is stored as observation with the ontology warning', async () => {
    const res = await api().post('/api/memories', { content: uniqueContent('Banana type'), tags: [api().target.runTag], memory_type: 'banana' });
    const answer = res.json as CreateAnswer;
    expect(answer.success).toBe(true);
    expect(answer.memory?.memory_type).toBe('observation');
    expect(answer.message).toBe(
      "Memory stored successfully Warning: requested memory_type 'banana' is not in the ontology — stored as 'observation'. " +
        'Register custom types via MCP_CUSTOM_MEMORY_TYPES, e.g. \'{"banana": []}\'.',
    );
  });

  it('X-Agent-ID adds the tag agent:<id>', async () => {
    const memory = await createMemory(api(), { tags: ['x'] }, { 'X-Agent-ID': 'contract-bot' });
    expect(memory.tags).toContain('agent:contract-bot');
    expect(memory.tags).toContain('x');
  });

  it('a missing content is a FastAPI 422', async () => {
    const res = await api().post('/api/memories', { tags: ['a'] });
    expect(res.status).toBe(422);
    expect(res.json).toEqual({ detail: [{ type: 'missing', loc: ['body', 'content'], msg: 'Field required', input: { tags: ['a'] } }] });
  });

  it('GET by hash returns the memory; an unknown hash is 404 "Memory not found"', async () => {
    const memory = await createMemory(api());
    const res = await api().get(`/api/memories/${memory.content_hash}`);
    expect(res.status).toBe(200);
    expectMemoryShape(res.json);
    expect(res.json).toEqual(memory);
    const missing = await api().get(`/api/memories/${'f'.repeat(64)}`);
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ detail: 'Memory not found' });
  });

  it('PUT replaces tags, merges metadata, keeps created_at and bumps updated_at', async () => {
    const memory = await createMemory(api(), { tags: ['old'], metadata: { keep: 1, change: 'a' } });
    await sleep(20);
    const res = await api().put(`/api/memories/${memory.content_hash}`, { tags: [api().target.runTag, 'new'], metadata: { change: 'b', added: true } });
    expect(res.status).toBe(200);
    const answer = res.json as { success: boolean; message: string; content_hash: string; memory: Memory };
    expect(answer.success).toBe(true);
    expect(answer.message).toBe('Updated fields: tags, custom_metadata, updated_at');
    expect(answer.content_hash).toBe(memory.content_hash);
    expectMemoryShape(answer.memory);
    expect(answer.memory.tags).toEqual([api().target.runTag, 'new']);
    expect(answer.memory.metadata).toMatchObject({ keep: 1, change: 'b', added: true });
    expect(answer.memory.created_at).toBe(memory.created_at);
    expect(answer.memory.updated_at).toBeGreaterThan(memory.updated_at);
    expect(answer.memory.content).toBe(memory.content);
    const reread = (await api().get(`/api/memories/${memory.content_hash}`)).json as Memory;
    expect(reread.tags).toEqual([api().target.runTag, 'new']);
  });

  it('PUT with {} changes nothing; PUT on an unknown hash is 404 with the hash in the message', async () => {
    const memory = await createMemory(api());
    const res = await api().put(`/api/memories/${memory.content_hash}`, {});
    expect(res.status).toBe(200);
    expect((res.json as { message: string }).message).toBe('No updates provided - memory unchanged');
    expect((await api().get(`/api/memories/${memory.content_hash}`)).json).toEqual(memory);
    const missing = await api().put('/api/memories/ffff', { tags: ['x'] });
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ detail: 'Memory with hash ffff not found' });
  });

  it('DELETE answers 200 success:true, then 200 success:false for the same hash', async () => {
    const memory = await createMemory(api());
    const first = await api().del(`/api/memories/${memory.content_hash}`);
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ success: true, message: `Successfully deleted memory ${memory.content_hash}`, content_hash: memory.content_hash });
    const second = await api().del(`/api/memories/${memory.content_hash}`);
    expect(second.status).toBe(200);
    expect(second.json).toEqual({ success: false, message: `Memory with hash ${memory.content_hash} not found`, content_hash: memory.content_hash });
    expect((await api().get(`/api/memories/${memory.content_hash}`)).status).toBe(404);
  });

  it('a deleted memory disappears from lists and can be stored again', async () => {
    const memory = await createMemory(api());
    await api().del(`/api/memories/${memory.content_hash}`);
    const list = (await api().get(`/api/memories?tag=${encodeURIComponent(api().target.runTag)}&page_size=100`)).json as ListAnswer;
    expect(list.memories.map((m) => m.content_hash)).not.toContain(memory.content_hash);
    const again = await createMemory(api(), { content: memory.content });
    expect(again.content_hash).toBe(memory.content_hash);
  });
});

describeModes('listing and pagination', USABLE_MODES, (api) => {
  const group = `page-group:${nonce()}`;
  const created: Memory[] = [];

  it('creates five memories a little apart', async () => {
    for (let i = 0; i < 5; i++) {
      created.push(await createMemory(api(), { content: uniqueContent(`Page item ${i}`), tags: [group] }));
      await sleep(15);
    }
    expect(created).toHaveLength(5);
  });

  it('lists newest first with page, page_size, total and has_more', async () => {
    const newestFirst = [...created].reverse().map((m) => m.content_hash);
    const seen: string[] = [];
    for (const [page, hasMore] of [[1, true], [2, true], [3, false]] as const) {
      const res = await api().get(`/api/memories?tag=${encodeURIComponent(group)}&page=${page}&page_size=2`);
      expect(res.status).toBe(200);
      const body = res.json as ListAnswer;
      expect(Object.keys(body).sort()).toEqual(['has_more', 'memories', 'page', 'page_size', 'total']);
      expect(body.total).toBe(5);
      expect(body.page).toBe(page);
      expect(body.page_size).toBe(2);
      expect(body.has_more).toBe(hasMore);
      body.memories.forEach((m) => expectMemoryShape(m));
      seen.push(...body.memories.map((m) => m.content_hash));
    }
    expect(seen).toEqual(newestFirst);
  });

  it('the unfiltered list is newest first too, and defaults to page 1 of 10', async () => {
    const body = (await api().get('/api/memories')).json as ListAnswer;
    expect(body.page).toBe(1);
    expect(body.page_size).toBe(10);
    expect(body.total).toBeGreaterThanOrEqual(5);
    const times = body.memories.map((m) => m.created_at);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('a page past the end is empty with has_more false', async () => {
    const body = (await api().get(`/api/memories?tag=${encodeURIComponent(group)}&page=9&page_size=2`)).json as ListAnswer;
    expect(body.memories).toEqual([]);
    expect(body.total).toBe(5);
    expect(body.has_more).toBe(false);
  });

  it('page_size 101 → 422 less_than_equal, exactly as FastAPI words it', async () => {
    const res = await api().get('/api/memories?page_size=101');
    expect(res.status).toBe(422);
    expect(res.json).toEqual({
      detail: [{ type: 'less_than_equal', loc: ['query', 'page_size'], msg: 'Input should be less than or equal to 100', input: '101', ctx: { le: 100 } }],
    });
  });

  it('page_size 0 and page 0 → 422 greater_than_equal', async () => {
    const size = await api().get('/api/memories?page_size=0');
    expect(size.status).toBe(422);
    expect(size.json).toEqual({
      detail: [{ type: 'greater_than_equal', loc: ['query', 'page_size'], msg: 'Input should be greater than or equal to 1', input: '0', ctx: { ge: 1 } }],
    });
    const page = await api().get('/api/memories?page=0');
    expect(page.status).toBe(422);
    expect(page.json).toEqual({
      detail: [{ type: 'greater_than_equal', loc: ['query', 'page'], msg: 'Input should be greater than or equal to 1', input: '0', ctx: { ge: 1 } }],
    });
  });

  it('a non-integer page → 422 int_parsing; several bad parameters are all reported', async () => {
    const res = await api().get('/api/memories?page=abc&page_size=1000');
    expect(res.status).toBe(422);
    expect(res.json).toEqual({
      detail: [
        { type: 'int_parsing', loc: ['query', 'page'], msg: 'Input should be a valid integer, unable to parse string as an integer', input: 'abc' },
        { type: 'less_than_equal', loc: ['query', 'page_size'], msg: 'Input should be less than or equal to 100', input: '1000', ctx: { le: 100 } },
      ],
    });
  });

  it('page_size 100 is allowed', async () => {
    const res = await api().get('/api/memories?page_size=100');
    expect(res.status).toBe(200);
    expect((res.json as ListAnswer).memories.length).toBeLessThanOrEqual(100);
  });
});

describeModes('tag filters, tags and types', USABLE_MODES, (api) => {
  const a = `tag-a:${nonce()}`;
  const b = `tag-b:${nonce()}`;
  const hashes: Record<string, string> = {};

  it('creates memories tagged a, b, and a+b', async () => {
    hashes['a'] = (await createMemory(api(), { tags: [a], memory_type: 'decision' })).content_hash;
    hashes['b'] = (await createMemory(api(), { tags: [b], memory_type: 'learning' })).content_hash;
    hashes['ab'] = (await createMemory(api(), { tags: [a, b], memory_type: 'decision' })).content_hash;
  });

  const listed = async (query: string): Promise<string[]> => {
    const res = await api().get(`/api/memories?page_size=100&${query}`);
    expect(res.status).toBe(200);
    return (res.json as ListAnswer).memories.map((m) => m.content_hash);
  };

  it('tag=a,b (any, the default) returns the union; tag_match=all the intersection', async () => {
    const any = await listed(`tag=${encodeURIComponent(`${a},${b}`)}`);
    expect(new Set(any)).toEqual(new Set([hashes['a'], hashes['b'], hashes['ab']]));
    const spaced = await listed(`tag=${encodeURIComponent(` ${a} , ${b} `)}&tag_match=any`);
    expect(new Set(spaced)).toEqual(new Set(any));
    const all = await listed(`tag=${encodeURIComponent(`${a},${b}`)}&tag_match=all`);
    expect(all).toEqual([hashes['ab']]);
  });

  it('memory_type filters, alone and with a tag', async () => {
    const typed = await listed(`tag=${encodeURIComponent(a)}&memory_type=decision`);
    expect(new Set(typed)).toEqual(new Set([hashes['a'], hashes['ab']]));
    const learning = await listed(`tag=${encodeURIComponent(`${a},${b}`)}&memory_type=learning`);
    expect(learning).toEqual([hashes['b']]);
  });

  it('GET /api/tags counts tags, highest count first', async () => {
    const res = await api().get('/api/tags');
    expect(res.status).toBe(200);
    const tags = (res.json as { tags: { tag: string; count: number }[] }).tags;
    expect(tags.find((t) => t.tag === a)).toEqual({ tag: a, count: 2 });
    expect(tags.find((t) => t.tag === b)).toEqual({ tag: b, count: 2 });
    for (const t of tags) expect(Object.keys(t).sort()).toEqual(['count', 'tag']);
    const counts = tags.map((t) => t.count);
    expect(counts).toEqual([...counts].sort((x, y) => y - x));
  });

  it('GET /api/types lists the ontology: the 12 base types among ~80 strings', async () => {
    const res = await api().get('/api/types');
    expect(res.status).toBe(200);
    const types = res.json as string[];
    expect(Array.isArray(types)).toBe(true);
    expect(types.length).toBeGreaterThanOrEqual(60);
    for (const base of ['observation', 'decision', 'learning', 'error', 'pattern', 'planning', 'ceremony', 'milestone', 'stakeholder', 'meeting', 'research', 'communication']) {
      expect(types).toContain(base);
    }
    expect(new Set(types).size).toBe(types.length);
  });
});

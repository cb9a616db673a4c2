// Health, server status, analytics, and FastAPI's generic answers (404, 405, 422 on bad JSON).
import { expect, it } from 'vitest';
import { describeModes, USABLE_MODES } from './harness';
import { createMemory } from './fixtures';

describeModes('health and server status', USABLE_MODES, (api) => {
  it('GET /api/health/detailed reports version, storage and statistics', async () => {
    const res = await api().get('/api/health/detailed');
    expect(res.status).toBe(200);
    const body = res.json as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'healthy' });
    expect(body['version']).toMatch(/^\d+\.\d+\.\d+/);
    expect(body['storage']).toMatchObject({ status: 'connected', accessible: true });
    expect((body['storage'] as Record<string, unknown>)['total_memories']).toBeTypeOf('number');
    expect(body['statistics']).toBeTypeOf('object');
    expect(body['uptime_seconds']).toBeTypeOf('number');
  });

  it('GET /api/server/status reports version, uptime and pid', async () => {
    const res = await api().get('/api/server/status');
    expect(res.status).toBe(200);
    const body = res.json as Record<string, unknown>;
    for (const key of ['version', 'uptime_seconds', 'uptime_formatted', 'pid', 'platform', 'platform_version', 'python_version', 'timestamp']) {
      expect(body, key).toHaveProperty(key);
    }
    expect(body['pid']).toBeTypeOf('number');
  });
});

describeModes('analytics', USABLE_MODES, (api) => {
  it('overview counts what is stored', async () => {
    await createMemory(api());
    const res = await api().get('/api/analytics/overview');
    expect(res.status).toBe(200);
    const body = res.json as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual([
      'backend_type',
      'database_size_mb',
      'memories_this_month',
      'memories_this_week',
      'total_memories',
      'unique_tags',
      'uptime_seconds',
    ]);
    expect(body['total_memories'] as number).toBeGreaterThanOrEqual(1);
    expect(body['memories_this_week'] as number).toBeGreaterThanOrEqual(1);
    expect(body['unique_tags'] as number).toBeGreaterThanOrEqual(1);
  });

  it('memory-growth has data points for each period and rejects unknown periods', async () => {
    for (const period of ['week', 'month', 'quarter', 'year']) {
      const res = await api().get(`/api/analytics/memory-growth?period=${period}`);
      expect(res.status).toBe(200);
      const body = res.json as { period: string; data_points: Record<string, unknown>[] };
      expect(body.period).toBe(period);
      expect(body.data_points.length).toBeGreaterThan(0);
      for (const p of body.data_points) {
        expect(p['date']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(p['count']).toBeTypeOf('number');
        expect(p['cumulative']).toBeTypeOf('number');
      }
    }
    const bad = await api().get('/api/analytics/memory-growth?period=decade');
    expect(bad.status).toBe(400);
  });

  it('tag-usage lists tags with count and percentage, limited', async () => {
    const res = await api().get('/api/analytics/tag-usage?limit=3');
    expect(res.status).toBe(200);
    const body = res.json as { tags: Record<string, unknown>[]; total_memories: number; period: string };
    expect(body.tags.length).toBeLessThanOrEqual(3);
    expect(body.period).toBe('all');
    for (const t of body.tags) expect(Object.keys(t).sort()).toEqual(['count', 'growth_rate', 'percentage', 'tag']);
  });

  it('memory-types gives each type with count and percentage', async () => {
    const res = await api().get('/api/analytics/memory-types');
    expect(res.status).toBe(200);
    const body = res.json as { types: { memory_type: string; count: number; percentage: number }[]; total_memories: number };
    expect(body.types.length).toBeGreaterThan(0);
    for (const t of body.types) expect(Object.keys(t).sort()).toEqual(['count', 'memory_type', 'percentage']);
  });
});

describeModes('FastAPI generic answers', USABLE_MODES, (api) => {
  it('an unknown route → 404 {"detail":"Not Found"}', async () => {
    const res = await api().get('/api/definitely-not-a-route');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ detail: 'Not Found' });
  });

  it('a wrong method → 405 {"detail":"Method Not Allowed"}', async () => {
    const res = await api().raw('PATCH', '/api/memories', { headers: api().auth });
    expect(res.status).toBe(405);
    expect(res.json).toEqual({ detail: 'Method Not Allowed' });
  });

  it('a body that is not JSON → 422 json_invalid', async () => {
    const res = await api().raw('POST', '/api/memories', { headers: { ...api().auth, 'content-type': 'application/json' }, raw: '{"content": ' });
    expect(res.status).toBe(422);
    const detail = (res.json as { detail: Record<string, unknown>[] }).detail;
    expect(detail).toHaveLength(1);
    expect(detail[0]).toMatchObject({ type: 'json_invalid', msg: 'JSON decode error' });
    expect((detail[0]?.['loc'] as unknown[])[0]).toBe('body');
  });

  it('a wrongly typed field → 422 naming the field', async () => {
    const res = await api().post('/api/memories', { content: 42 });
    expect(res.status).toBe(422);
    expect(res.json).toEqual({ detail: [{ type: 'string_type', loc: ['body', 'content'], msg: 'Input should be a valid string', input: 42 }] });
  });
});

// §5: the SSE stream — framing, the welcome event, events after store/delete/search, heartbeats.
import { expect, it } from 'vitest';
import { describeModes, USABLE_MODES, type Api } from './harness';
import { createMemory } from './fixtures';
import { openEvents, type SseStream } from './sse-client';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+00:00$/;

/** Browsers' EventSource cannot send headers, so the key goes in ?api_key= as the dashboard does. */
function eventsPath(api: Api): string {
  return api.target.key ? `/api/events?api_key=${encodeURIComponent(api.target.key)}` : '/api/events';
}

describeModes('server-sent events', USABLE_MODES, (api) => {
  let stream: SseStream;

  it('connects with text/event-stream and a connection_established event', async () => {
    stream = await openEvents(api().target.baseUrl, eventsPath(api()));
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(stream.headers['cache-control']).toBe('no-store');
    const hello = await stream.waitFor((e) => e.event === 'connection_established');
    expect(hello.id).toMatch(UUID);
    expect(hello.data.startsWith('{"timestamp"')).toBe(true);
    expect(hello.json['timestamp']).toMatch(ISO_UTC);
    expect(hello.json['message']).toBe('Connected to MCP Memory Service SSE stream');
    expect(hello.json['connection_id']).toBeTypeOf('string');
    expect(hello.json['heartbeat_interval']).toBeTypeOf('number');
  });

  it('a store is announced as memory_stored', async () => {
    const memory = await createMemory(api(), { memory_type: 'note' });
    const event = await stream.waitFor((e) => e.event === 'memory_stored' && e.json['content_hash'] === memory.content_hash);
    expect(event.id).toMatch(UUID);
    expect(event.data.startsWith('{"timestamp"')).toBe(true);
    expect(event.json).toMatchObject({
      content_hash: memory.content_hash,
      content_preview: memory.content,
      tags: memory.tags,
      memory_type: 'note',
      message: 'New memory stored successfully',
    });
  });

  it('long content is previewed as its first 100 characters plus "..."', async () => {
    const content = `${'Long memory for the preview check. '.repeat(5)}${Date.now()}`;
    const memory = await createMemory(api(), { content });
    const event = await stream.waitFor((e) => e.event === 'memory_stored' && e.json['content_hash'] === memory.content_hash);
    expect(event.json['content_preview']).toBe(`${content.slice(0, 100)}...`);
  });

  it('deletes are announced as memory_deleted, failed ones included', async () => {
    const memory = await createMemory(api());
    await api().del(`/api/memories/${memory.content_hash}`);
    const ok = await stream.waitFor((e) => e.event === 'memory_deleted' && e.json['content_hash'] === memory.content_hash);
    expect(ok.json).toMatchObject({ success: true, message: 'Memory deleted successfully' });
    const missing = 'e'.repeat(64);
    await api().del(`/api/memories/${missing}`);
    const failed = await stream.waitFor((e) => e.event === 'memory_deleted' && e.json['content_hash'] === missing);
    expect(failed.json).toMatchObject({ success: false, message: 'Memory deletion failed' });
  });

  it('semantic and tag searches are announced as search_completed', async () => {
    const query = `sse probe ${Date.now()}`;
    await api().post('/api/search', { query, n_results: 2 });
    const semantic = await stream.waitFor((e) => e.event === 'search_completed' && e.json['query'] === query);
    expect(semantic.json).toMatchObject({ search_type: 'semantic' });
    expect(semantic.json['results_count']).toBeTypeOf('number');
    expect(semantic.json['processing_time_ms']).toBeTypeOf('number');
    expect(semantic.json['message']).toBe(`Search completed: ${String(semantic.json['results_count'])} results found`);
    const tag = api().target.runTag;
    await api().post('/api/search/by-tag', { tags: [tag] });
    const byTag = await stream.waitFor((e) => e.event === 'search_completed' && e.json['query'] === `Tags: ${tag} (ANY)`);
    expect(byTag.json['search_type']).toBe('tag');
  });

  it('sends heartbeat events every heartbeat_interval seconds', async (ctx) => {
    const hello = await stream.waitFor((e) => e.event === 'connection_established');
    const interval = hello.json['heartbeat_interval'] as number;
    if (interval > 10) ctx.skip();
    const beat = await stream.waitFor((e) => e.event === 'heartbeat', (interval + 5) * 1000);
    expect(beat.json).toMatchObject({ server_status: 'healthy' });
    expect(beat.json['active_connections']).toBeGreaterThanOrEqual(1);
  });

  it('GET /api/events/stats counts this connection', async () => {
    const res = await api().get('/api/events/stats');
    expect(res.status).toBe(200);
    const stats = res.json as { total_connections: number; heartbeat_interval: number; connections: Record<string, unknown>[] };
    expect(stats.total_connections).toBeGreaterThanOrEqual(1);
    expect(stats.connections.length).toBe(stats.total_connections);
    expect(Object.keys(stats.connections[0] ?? {}).sort()).toEqual([
      'client_ip',
      'connected_duration_seconds',
      'connection_id',
      'last_heartbeat_seconds_ago',
      'user_agent',
    ]);
    stream.close();
  });
});

describeModes('server-sent events need credentials', ['key', 'no-key'], (api) => {
  it('the stream is refused with 401 without credentials', async () => {
    const denied = await openEvents(api().target.baseUrl, '/api/events');
    expect(denied.status).toBe(401);
    denied.close();
  });
});

// Key rotation as it really happens: stop the service, start it on the same data with another key.
import { afterEach, describe, expect, it } from 'vitest';
import { spawnMemoryServer, startMemoryServer, type SpawnedMemoryServer } from '../../memory-server/index';
import { call, tempDir } from './helpers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('restart with a new key', () => {
  it('in-process: the old key is refused, the new key works, the data and port are kept', async () => {
    const dir = tempDir('ms-restart-');
    cleanups.push(() => dir.remove());
    const first = await startMemoryServer({ apiKey: 'old-key', dataDir: dir.path });
    cleanups.push(() => first.stop());
    const created = await call(first.url, 'POST', '/api/memories', { 'X-API-Key': 'old-key' }, { content: 'survives the restart', tags: ['rotation'] });
    expect((created.body as { success: boolean }).success).toBe(true);
    const hash = (created.body as { content_hash: string }).content_hash;
    await first.stop();

    const second = await startMemoryServer({ apiKey: 'new-key', dataDir: dir.path, port: first.port });
    cleanups.push(() => second.stop());
    expect(second.port).toBe(first.port);
    const old = await call(second.url, 'GET', '/api/health/detailed', { 'X-API-Key': 'old-key' });
    expect(old.status).toBe(401);
    const fresh = await call(second.url, 'GET', `/api/memories/${hash}`, { Authorization: 'Bearer new-key' });
    expect(fresh.status).toBe(200);
    expect((fresh.body as { content: string }).content).toBe('survives the restart');
    const tags = await call(second.url, 'GET', '/api/tags', { 'X-API-Key': 'new-key' });
    expect(tags.body).toEqual({ tags: [{ tag: 'rotation', count: 1 }] });
  });

  it('as a process: SIGTERM, restart with another MCP_API_KEY, same data', async () => {
    const dir = tempDir('ms-restart-proc-');
    cleanups.push(() => dir.remove());
    const first = await spawnMemoryServer({ apiKey: 'proc-old', dataDir: dir.path });
    cleanups.push(() => first.stop());
    const created = await call(first.url, 'POST', '/api/memories', { 'X-API-Key': 'proc-old' }, { content: 'process restart memory' });
    const hash = (created.body as { content_hash: string }).content_hash;
    await first.stop();
    expect(await first.exited).toBe(0);

    const second = await spawnMemoryServer({ apiKey: 'proc-new', dataDir: dir.path });
    cleanups.push(() => second.stop());
    expect((await call(second.url, 'GET', `/api/memories/${hash}`, { 'X-API-Key': 'proc-old' })).status).toBe(401);
    expect((await call(second.url, 'GET', `/api/memories/${hash}`, { 'X-API-Key': 'proc-new' })).status).toBe(200);
  });

  it('refuses a second server on a data directory that is in use', async () => {
    const dir = tempDir('ms-lock-');
    cleanups.push(() => dir.remove());
    const running = await startMemoryServer({ dataDir: dir.path, allowAnonymous: true });
    cleanups.push(() => running.stop());
    await expect(startMemoryServer({ dataDir: dir.path, allowAnonymous: true })).rejects.toThrow(/already open/);
  });
});

describe('MCP_API_KEYS (several keys at once, an extension of this service)', () => {
  it('in-process: apiKey and apiKeys are all accepted, anything else refused', async () => {
    const server = await startMemoryServer({ apiKey: 'key-a', apiKeys: ['key-b', 'key-c'] });
    cleanups.push(() => server.stop());
    for (const key of ['key-a', 'key-b', 'key-c']) {
      expect((await call(server.url, 'GET', '/api/health/detailed', { 'X-API-Key': key })).status, key).toBe(200);
      expect((await call(server.url, 'GET', '/api/health/detailed', { Authorization: `Bearer ${key}` })).status, key).toBe(200);
    }
    expect((await call(server.url, 'GET', '/api/health/detailed', { 'X-API-Key': 'key-d' })).status).toBe(401);
    expect((await call(server.url, 'GET', '/api/health/detailed', { Authorization: 'Bearer key-d' })).status).toBe(401);
  });

  it('as a process: MCP_API_KEY plus MCP_API_KEYS from the environment, for a rotation window', async () => {
    let server: SpawnedMemoryServer | undefined = await spawnMemoryServer({ env: { MCP_API_KEY: 'current', MCP_API_KEYS: ' next , also ' } });
    cleanups.push(() => server?.stop());
    for (const key of ['current', 'next', 'also']) {
      expect((await call(server.url, 'GET', '/api/tags', { 'X-API-Key': key })).status, key).toBe(200);
    }
    expect((await call(server.url, 'GET', '/api/tags', { 'X-API-Key': 'nope' })).status).toBe(401);
    await server.stop();
    server = undefined;
  });
});

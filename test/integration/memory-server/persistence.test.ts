// Crash safety: kill -9 in the middle of writes loses nothing acknowledged, a torn journal line is
// cut off, and a crash between "snapshot renamed in" and "journal rewritten" replays nothing twice.
import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnMemoryServer, type SpawnedMemoryServer } from '../../memory-server/index';
import { JOURNAL_FILE, SNAPSHOT_FILE } from '../../memory-server/persistence';
import { MemoryStore } from '../../memory-server/store';
import { contentHash, type MemoryJson } from '../../memory-server/memory-model';
import { call, tempDir } from './helpers';

const KEY = { 'X-API-Key': 'crash-key' };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function memory(content: string, at = 1_700_000_000): MemoryJson {
  return {
    content,
    content_hash: contentHash(content),
    tags: ['t'],
    memory_type: 'note',
    metadata: {},
    created_at: at,
    created_at_iso: new Date(at * 1000).toISOString().replace('.000Z', 'Z'),
    updated_at: at,
    updated_at_iso: new Date(at * 1000).toISOString().replace('.000Z', 'Z'),
  };
}

describe('crash safety', () => {
  it('kill -9 during a stream of writes: every acknowledged memory survives and the store loads', async () => {
    const dir = tempDir('ms-crash-');
    cleanups.push(() => dir.remove());
    const server = await spawnMemoryServer({ apiKey: 'crash-key', dataDir: dir.path });
    cleanups.push(() => server.stop());

    const acknowledged = new Set<string>();
    const deleted = new Set<string>();
    // A delete in flight at the kill may or may not have landed: such memories prove nothing.
    const deleteSent = new Set<string>();
    let attempts = 0;
    let killed = false;
    const writer = async (worker: number): Promise<void> => {
      for (let i = 0; !killed; i++) {
        attempts += 1;
        try {
          const res = await call(server.url, 'POST', '/api/memories', KEY, { content: `crash test ${worker}-${i} ${'x'.repeat(i % 300)}`, tags: ['crash', `w${worker}`] });
          const body = res.body as { success: boolean; content_hash: string };
          if (body.success) acknowledged.add(body.content_hash);
          if (body.success && i % 7 === 0) {
            deleteSent.add(body.content_hash);
            const del = await call(server.url, 'DELETE', `/api/memories/${body.content_hash}`, KEY);
            if ((del.body as { success: boolean }).success) deleted.add(body.content_hash);
          }
        } catch {
          return; // connection refused/reset: the server is gone
        }
      }
    };
    const writers = Array.from({ length: 8 }, (_, w) => writer(w));
    while (acknowledged.size < 400) await new Promise((r) => setTimeout(r, 10));
    server.kill('SIGKILL');
    killed = true;
    await server.exited;
    await Promise.all(writers);

    const restarted = await spawnMemoryServer({ apiKey: 'crash-key', dataDir: dir.path });
    cleanups.push(() => restarted.stop());
    const total = ((await call(restarted.url, 'GET', '/api/memories?tag=crash&page_size=1', KEY)).body as { total: number }).total;
    const alive = [...acknowledged].filter((h) => !deleteSent.has(h));
    expect(total).toBeGreaterThanOrEqual(alive.length);
    expect(total).toBeLessThanOrEqual(attempts);
    for (const hash of alive) {
      const res = await call(restarted.url, 'GET', `/api/memories/${hash}`, KEY);
      expect(res.status, hash).toBe(200);
    }
    for (const hash of deleted) {
      expect((await call(restarted.url, 'GET', `/api/memories/${hash}`, KEY)).status, hash).toBe(404);
    }
  });

  it('a torn last journal line is ignored and cut off; later writes are not glued to it', async () => {
    const dir = tempDir('ms-torn-');
    cleanups.push(() => dir.remove());
    let server: SpawnedMemoryServer = await spawnMemoryServer({ apiKey: 'crash-key', dataDir: dir.path });
    cleanups.push(() => server.stop());
    const first = await call(server.url, 'POST', '/api/memories', KEY, { content: 'before the tear' });
    const firstHash = (first.body as { content_hash: string }).content_hash;
    server.kill('SIGKILL');
    await server.exited;

    const journal = join(dir.path, JOURNAL_FILE);
    const intact = statSync(journal).size;
    expect(intact).toBeGreaterThan(0);
    appendFileSync(journal, '{"s":999,"op":"put","m":{"content":"half a li');

    server = await spawnMemoryServer({ apiKey: 'crash-key', dataDir: dir.path });
    expect(statSync(journal).size).toBe(intact);
    expect((await call(server.url, 'GET', `/api/memories/${firstHash}`, KEY)).status).toBe(200);
    const second = await call(server.url, 'POST', '/api/memories', KEY, { content: 'after the tear' });
    const secondHash = (second.body as { content_hash: string }).content_hash;
    server.kill('SIGKILL');
    await server.exited;

    server = await spawnMemoryServer({ apiKey: 'crash-key', dataDir: dir.path });
    expect((await call(server.url, 'GET', `/api/memories/${firstHash}`, KEY)).status).toBe(200);
    expect((await call(server.url, 'GET', `/api/memories/${secondHash}`, KEY)).status).toBe(200);
    const total = ((await call(server.url, 'GET', '/api/memories', KEY)).body as { total: number }).total;
    expect(total).toBe(2);
  });

  it('refuses a journal damaged in the middle instead of guessing', async () => {
    const dir = tempDir('ms-corrupt-');
    cleanups.push(() => dir.remove());
    writeFileSync(join(dir.path, JOURNAL_FILE), `{"s":1,"op":"del","h":"x"}\ngarbage\n{"s":3,"op":"del","h":"y"}\n`);
    await expect(MemoryStore.open(dir.path)).rejects.toThrow(/corrupt/);
  });
});

describe('snapshot and journal', () => {
  it('compaction folds the journal into the snapshot; reload gives the same state', async () => {
    const dir = tempDir('ms-compact-');
    cleanups.push(() => dir.remove());
    const store = await MemoryStore.open(dir.path, { compactAfterEntries: 1_000_000 });
    for (let i = 0; i < 50; i++) store.create(memory(`compact ${i}`, 1_700_000_000 + i));
    store.delete(contentHash('compact 3'));
    store.recordAccess([contentHash('compact 4')], 'q', 1_800_000_000);
    await store.compact();
    expect(readFileSync(join(dir.path, JOURNAL_FILE), 'utf8')).toBe('');
    store.create(memory('after compaction', 1_700_001_000));
    await store.close();

    const reopened = await MemoryStore.open(dir.path);
    expect(reopened.size).toBe(50);
    expect(reopened.get(contentHash('compact 3'))).toBeUndefined();
    expect(reopened.get(contentHash('compact 4'))?.metadata['access_count']).toBe(1);
    expect(reopened.list({ tags: [], matchAll: false, memoryType: undefined, offset: 0, limit: 1 }).items[0]?.content).toBe('after compaction');
    await reopened.close();
  });

  it('a crash after the new snapshot but before the journal rewrite replays nothing twice', async () => {
    const dir = tempDir('ms-replay-');
    cleanups.push(() => dir.remove());
    const store = await MemoryStore.open(dir.path, { compactAfterEntries: 1_000_000 });
    store.create(memory('counted once'));
    store.recordAccess([contentHash('counted once')], 'first', 1_800_000_000);
    store.recordAccess([contentHash('counted once')], 'second', 1_800_000_001);
    const oldJournal = readFileSync(join(dir.path, JOURNAL_FILE), 'utf8');
    await store.compact();
    await store.close();
    // Put the pre-compaction journal back, as if the rewrite had never happened.
    writeFileSync(join(dir.path, JOURNAL_FILE), oldJournal);
    expect(readFileSync(join(dir.path, SNAPSHOT_FILE), 'utf8')).toContain('counted once');

    const reopened = await MemoryStore.open(dir.path);
    expect(reopened.size).toBe(1);
    expect(reopened.get(contentHash('counted once'))?.metadata['access_count']).toBe(2);
    await reopened.close();
  });

  it('keeps the order of memories with equal created_at across a restart', async () => {
    const dir = tempDir('ms-ties-');
    cleanups.push(() => dir.remove());
    const store = await MemoryStore.open(dir.path);
    for (const c of ['tie one', 'tie two', 'tie three']) store.create(memory(c, 1_750_000_000));
    const before = store.list({ tags: [], matchAll: false, memoryType: undefined, offset: 0, limit: 10 }).items.map((m) => m.content);
    expect(before).toEqual(['tie three', 'tie two', 'tie one']);
    await store.close();
    const reopened = await MemoryStore.open(dir.path);
    expect(reopened.list({ tags: [], matchAll: false, memoryType: undefined, offset: 0, limit: 10 }).items.map((m) => m.content)).toEqual(before);
    await reopened.close();
  });
});

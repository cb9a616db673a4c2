import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeSignal } from '../../../electron/contract';
import { createLiveFollower, type LiveFollower } from '../../../electron/live-updates/live-follower';
import { createMemory } from '../../../electron/memory-service/memory-operations';
import { startMemoryServer, type RunningMemoryServer } from '../../memory-server';

const apiKey = 'live-key-0123456789abcdef0123';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function recorder() {
  const signals: ChangeSignal[] = [];
  const waiters: { test: (s: ChangeSignal) => boolean; resolve: () => void }[] = [];
  return {
    signals,
    emit: (signal: ChangeSignal) => {
      signals.push(signal);
      for (const waiter of [...waiters]) {
        if (waiter.test(signal)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    },
    next: (test: (s: ChangeSignal) => boolean, timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching signal; got ${JSON.stringify(signals)}`)), timeoutMs);
        waiters.push({ test, resolve: () => (clearTimeout(timer), resolve()) });
      }),
  };
}

const isLive = (connected: boolean) => (s: ChangeSignal) => s.kind === 'live-status' && s.connected === connected;
const isChange = (s: ChangeSignal) => s.kind === 'memories-changed';

function follower(baseUrl: () => string, key: string, emit: (s: ChangeSignal) => void): LiveFollower {
  const live = createLiveFollower({
    resolveTarget: async () => ({ baseUrl: baseUrl(), apiKey: key }),
    emit,
    initialBackoffMs: 100,
    maxBackoffMs: 400,
    changeCoalesceMs: 20,
  });
  cleanups.push(() => live.close());
  return live;
}

describe('live follower against the local memory service', () => {
  it('goes live, signals a change when another client stores a memory, and reconnects after a restart', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'live-follower-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    let server: RunningMemoryServer = await startMemoryServer({ apiKey, dataDir });
    cleanups.push(() => server.stop());
    const port = server.port;
    const events = recorder();
    const live = follower(() => server.url, apiKey, events.emit);

    const connected = events.next(isLive(true));
    live.follow('p1');
    await connected;
    expect(live.status()).toMatchObject({ profileId: 'p1', state: 'live', error: null });
    await events.next(isChange);

    const changed = events.next(isChange);
    await createMemory({ baseUrl: server.url, apiKey }, { content: 'Stored by another client', tags: [], metadata: {} });
    await changed;

    const dropped = events.next(isLive(false));
    await server.stop();
    await dropped;
    expect(['retrying', 'connecting']).toContain(live.status().state);

    const back = events.next(isLive(true));
    server = await startMemoryServer({ apiKey, dataDir, port });
    await back;
    expect(live.status().state).toBe('live');
    // Reconnecting announces a change: events sent while away are lost.
    await events.next(isChange);
  });

  it('reports a rejected key and keeps retrying with backoff', async () => {
    const server = await startMemoryServer({ apiKey });
    cleanups.push(() => server.stop());
    const events = recorder();
    const live = follower(() => server.url, 'not-the-key-0000000000', events.emit);
    live.follow('p1');
    const retries: string[] = [];
    for (let i = 0; i < 100 && retries.length < 2; i += 1) {
      const status = live.status();
      if (status.state === 'retrying' && status.retryAt !== null && !retries.includes(status.retryAt)) {
        expect(status.error?.code).toBe('auth-rejected');
        retries.push(status.retryAt);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // It tried again after the first refusal, and never claimed to be live.
    expect(retries).toHaveLength(2);
    expect(events.signals.some(isLive(true))).toBe(false);
  });

  it('sends the key as a Bearer header, never in the URL', async () => {
    const seen: { url: string; auth: string | undefined }[] = [];
    const http = await import('node:http');
    const spy = http.createServer((req, res) => {
      seen.push({ url: req.url ?? '', auth: req.headers.authorization });
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: connection_established\ndata: {}\n\n');
    });
    await new Promise<void>((resolve) => spy.listen(0, '127.0.0.1', () => resolve()));
    cleanups.push(() => new Promise<void>((resolve) => (spy.closeAllConnections(), spy.close(() => resolve()))));
    const port = (spy.address() as { port: number }).port;
    const events = recorder();
    const live = follower(() => `http://127.0.0.1:${port}`, apiKey, events.emit);
    const connected = events.next(isLive(true));
    live.follow('p1');
    await connected;
    expect(seen).toEqual([{ url: '/api/events', auth: `Bearer ${apiKey}` }]);
  });

  it('stops following when asked and when switching profiles', async () => {
    const server = await startMemoryServer({ apiKey });
    cleanups.push(() => server.stop());
    const events = recorder();
    const live = follower(() => server.url, apiKey, events.emit);
    const first = events.next(isLive(true));
    live.follow('p1');
    await first;
    const off = events.next((s) => s.kind === 'live-status' && s.profileId === 'p1' && !s.connected);
    const second = events.next((s) => s.kind === 'live-status' && s.profileId === 'p2' && s.connected);
    live.follow('p2');
    await off;
    await second;
    expect(live.follow(null).state).toBe('off');
  });
});

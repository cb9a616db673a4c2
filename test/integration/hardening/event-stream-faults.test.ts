/**
 * `/api/events` misbehaving: a stream that dies mid-way, a server that drops every connection
 * before answering, a certificate nobody trusted. The live follower reconnects with growing,
 * capped backoff, says so in its status, and never sends the key to a server it should not.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeSignal, LiveStatus } from '../../../electron/contract';
import { createLiveFollower, type LiveFollower } from '../../../electron/live-updates/live-follower';
import type { MemoryServerTarget } from '../../../electron/memory-service/memory-client';
import { selfSigned } from '../diagnostics/support/certs';
import { startDyingEventStream, startHttpsServer, type MisbehavingServer } from '../../support/misbehaving-servers';

const apiKey = 'events-key-0123456789abcdefghijkl';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function follow(target: MemoryServerTarget, signals: ChangeSignal[]): LiveFollower {
  const live = createLiveFollower({
    resolveTarget: async () => target,
    emit: (signal) => signals.push(signal),
    initialBackoffMs: 100,
    maxBackoffMs: 800,
    connectTimeoutMs: 2000,
    changeCoalesceMs: 10,
    // No jitter: the waits are exactly 100, 200, 400, 800, 800 ms.
    random: () => 0.5,
  });
  cleanups.push(() => live.close());
  live.follow('p1');
  return live;
}

async function track<T extends MisbehavingServer>(started: Promise<T>): Promise<T> {
  const server = await started;
  cleanups.push(() => server.stop());
  return server;
}

describe('event stream faults (live follower)', () => {
  it('a stream that dies mid-way is reopened after the first backoff, every time, and each reopening refreshes the memories', async () => {
    const server = await track(startDyingEventStream('mid-stream'));
    const signals: ChangeSignal[] = [];
    const live = follow({ baseUrl: server.url, apiKey }, signals);
    await expect.poll(() => server.attempts.length, { timeout: 5000 }).toBeGreaterThanOrEqual(4);
    // Each attempt opened (the failure count starts over), so each wait is the initial one.
    const gaps = server.attempts.slice(1).map((at, i) => at - (server.attempts[i] ?? 0));
    for (const gap of gaps.slice(0, 3)) {
      expect(gap).toBeGreaterThanOrEqual(100);
      expect(gap).toBeLessThan(1000);
    }
    expect(signals.filter((signal) => signal.kind === 'live-status' && signal.connected).length).toBeGreaterThanOrEqual(3);
    expect(signals.filter((signal) => signal.kind === 'memories-changed').length).toBeGreaterThanOrEqual(3);
    const status: LiveStatus = live.status();
    expect(['live', 'retrying', 'connecting']).toContain(status.state);
    for (const request of server.seen) expect(request.headers.authorization).toBe(`Bearer ${apiKey}`);
  });

  it('connections dropped before any answer: waits grow 100, 200, 400, 800 and stay capped at 800 ms; the stream recovers', async () => {
    const server = await track(startDyingEventStream('before-headers', 5));
    const signals: ChangeSignal[] = [];
    const live = follow({ baseUrl: server.url, apiKey }, signals);
    await expect.poll(() => server.attempts.length, { timeout: 8000 }).toBeGreaterThanOrEqual(6);
    const gaps = server.attempts.slice(1, 6).map((at, i) => at - (server.attempts[i] ?? 0));
    const expected = [100, 200, 400, 800, 800];
    gaps.forEach((gap, i) => {
      expect(gap, `wait ${i + 1}`).toBeGreaterThanOrEqual((expected[i] ?? 0) - 5);
      // Loose above (a loaded CI machine is late), tight below: the waits do grow, and stop at 800.
      expect(gap, `wait ${i + 1}`).toBeLessThan((expected[i] ?? 0) + 700);
    });
    // While it failed, the status said why and when the next try is.
    const retrying = signals.filter((signal) => signal.kind === 'live-status' && !signal.connected);
    expect(retrying.length).toBeGreaterThanOrEqual(5);
    await expect.poll(() => live.status().state, { timeout: 3000 }).toBe('live');
  });

  it('a self-signed event stream is refused unless its own certificate is pinned; no key is sent to it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mc-sse-tls-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const cert = selfSigned(dir, 'events');
    const other = selfSigned(dir, 'other');
    const server = await track(
      startHttpsServer({ cert: readFileSync(cert.certFile), key: readFileSync(cert.keyFile) }, (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(': connected\n\n');
      }),
    );

    for (const pinned of [undefined, `sha256:${other.sha256}`]) {
      const signals: ChangeSignal[] = [];
      const live = follow({ baseUrl: server.url, apiKey, ...(pinned ? { pinnedCertSha256: pinned } : {}) }, signals);
      await expect.poll(() => live.status().state, { timeout: 3000 }).toBe('retrying');
      expect(live.status().error?.code).toBe('tls-untrusted');
      await live.close();
    }
    expect(server.seen).toEqual([]);

    const signals: ChangeSignal[] = [];
    const live = follow({ baseUrl: server.url, apiKey, pinnedCertSha256: `sha256:${cert.sha256}` }, signals);
    await expect.poll(() => live.status().state, { timeout: 3000 }).toBe('live');
    expect(server.seen.at(-1)?.headers.authorization).toBe(`Bearer ${apiKey}`);
  });
});

/**
 * Servers that misbehave on purpose, met through the real memory client and, with a real profile
 * and key, through the dispatcher: each fault is a clear typed error, in bounded time, with no
 * crash, no hang and no key sent where it should not go (DESIGN rule 4, memory-service-api.md §8).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleError, Result } from '../../../electron/contract';
import { ConsoleFailure } from '../../../electron/core/console-failure';
import { sendHttpRequest, TransportFailure } from '../../../electron/memory-service/http-transport';
import { listMemories, type MemoryServerTarget } from '../../../electron/memory-service/memory-client';
import { createMemory, deleteMemory, searchMemories } from '../../../electron/memory-service/memory-operations';
import { selfSigned, type CertFiles } from '../diagnostics/support/certs';
import {
  memoryPageJson,
  refusedUrl,
  sendJson,
  startFixedAnswerServer,
  startFloodServer,
  startHttpServer,
  startHttpsServer,
  startRedirectServer,
  startSilentServer,
  startTruncatingServer,
  type MisbehavingServer,
} from '../../support/misbehaving-servers';
import { startTestCore, type TestCore } from './support/test-core';

const apiKey = 'hardening-key-0123456789abcdefghij';
const query = { page: 1, pageSize: 10, tags: [], tagMatch: 'any' } as const;
const servers: MisbehavingServer[] = [];
let console_: TestCore;

beforeAll(async () => {
  console_ = await startTestCore('faults');
});
afterAll(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
  await console_?.close();
});

async function track<T extends MisbehavingServer>(started: Promise<T>): Promise<T> {
  const server = await started;
  servers.push(server);
  return server;
}

const target = (baseUrl: string, extra: Partial<MemoryServerTarget> = {}): MemoryServerTarget => ({ baseUrl, apiKey, ...extra });

/** The ConsoleFailure a call rejected with, and how long it took. */
async function failureOf(work: () => Promise<unknown>): Promise<{ failure: ConsoleFailure; elapsedMs: number }> {
  const started = performance.now();
  try {
    await work();
  } catch (error) {
    expect(error).toBeInstanceOf(ConsoleFailure);
    return { failure: error as ConsoleFailure, elapsedMs: performance.now() - started };
  }
  throw new Error('expected the call to fail');
}

/** `memories.list` through the dispatcher for a real profile (its key in the keychain) pointing at `baseUrl`. */
async function listThroughDispatcher(baseUrl: string): Promise<ConsoleError> {
  const profileId = await console_.addProfile(baseUrl, apiKey);
  const result: Result<unknown> = await console_.call('memories.list', { profileId });
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(JSON.stringify(result)).not.toContain(apiKey);
  return result.error;
}

describe('faults from servers, through the memory client and the dispatcher', () => {
  it('connection refused → server-unreachable (refused), at once', async () => {
    const url = await refusedUrl();
    const { failure, elapsedMs } = await failureOf(() => listMemories(target(url), query));
    expect(failure.code).toBe('server-unreachable');
    expect(failure.detail).toBe('refused');
    expect(failure.message).toMatch(/refused/i);
    expect(elapsedMs).toBeLessThan(2000);
    expect(await listThroughDispatcher(url)).toMatchObject({ code: 'server-unreachable', detail: 'refused' });
  });

  it('a server that accepts and never answers: the deadline ends the request and closes the connection', async () => {
    const silent = await track(startSilentServer());
    const started = performance.now();
    const error = await sendHttpRequest({ method: 'GET', url: new URL(`${silent.url}/api/memories`), timeoutMs: 400, maxBytes: 1024 }).then(
      () => null,
      (caught: unknown) => caught,
    );
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(TransportFailure);
    expect((error as TransportFailure).kind).toBe('timeout');
    expect(elapsed).toBeGreaterThanOrEqual(380);
    expect(elapsed).toBeLessThan(2000);
    await expect.poll(() => silent.connections().open, { timeout: 2000 }).toBe(0);
  });

  it('a server that never answers: an AbortSignal cancels at once, and so does memories.cancel through the dispatcher', async () => {
    const silent = await track(startSilentServer());
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const { failure, elapsedMs } = await failureOf(() => searchMemories(target(silent.url), { query: 'x', limit: 5, threshold: null }, controller.signal));
    expect(failure).toMatchObject({ code: 'server-unreachable', detail: 'aborted' });
    expect(elapsedMs).toBeLessThan(1500);
    await expect.poll(() => silent.connections().open, { timeout: 2000 }).toBe(0);

    const profileId = await console_.addProfile(silent.url, apiKey);
    const searching = console_.call('memories.search', { profileId, query: 'anything', requestId: 'hardening-1' });
    await expect.poll(() => silent.connections().accepted, { timeout: 2000 }).toBe(2);
    const started = performance.now();
    expect(await console_.call('memories.cancel', { requestId: 'hardening-1' })).toEqual({ ok: true, value: { cancelled: true } });
    const result = await searching;
    expect(performance.now() - started).toBeLessThan(1500);
    expect(result).toMatchObject({ ok: false, error: { code: 'server-unreachable', detail: 'aborted' } });
    await expect.poll(() => silent.connections().open, { timeout: 2000 }).toBe(0);
  });

  it('500 with the service’s JSON body → server-error carrying the server’s words; 500 as HTML → server-error', async () => {
    const json500 = await track(startFixedAnswerServer({ status: 500, contentType: 'application/json', body: '{"detail":"Internal error: database is locked"}' }));
    const { failure } = await failureOf(() => listMemories(target(json500.url), query));
    expect(failure).toMatchObject({ code: 'server-error', detail: 'Internal error: database is locked' });
    expect(failure.message).toContain('500');
    expect(await listThroughDispatcher(json500.url)).toMatchObject({ code: 'server-error' });

    const html500 = await track(startFixedAnswerServer({ status: 502, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' }));
    expect((await failureOf(() => listMemories(target(html500.url), query))).failure).toMatchObject({ code: 'server-error' });
    expect(await listThroughDispatcher(html500.url)).toMatchObject({ code: 'server-error' });
  });

  it('HTML where JSON was expected (HTTP 200) → bad-response naming what came back', async () => {
    const html = await track(startFixedAnswerServer({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>Router login</title>' }));
    const { failure } = await failureOf(() => listMemories(target(html.url), query));
    expect(failure.code).toBe('bad-response');
    expect(failure.message).toContain('text/html');
    expect(await listThroughDispatcher(html.url)).toMatchObject({ code: 'bad-response' });
  });

  it('garbage labelled JSON → bad-response (malformed JSON)', async () => {
    const garbage = await track(startFixedAnswerServer({ status: 200, contentType: 'application/json', body: '\u0000\u00ff{{{not json at all' }));
    const { failure } = await failureOf(() => listMemories(target(garbage.url), query));
    expect(failure.code).toBe('bad-response');
    expect(failure.message).toMatch(/malformed JSON/);
    expect(await listThroughDispatcher(garbage.url)).toMatchObject({ code: 'bad-response' });
  });

  it('valid JSON of the wrong shape → bad-response naming the first wrong field', async () => {
    const wrong = await track(startFixedAnswerServer({ status: 200, contentType: 'application/json', body: JSON.stringify({ memories: [{ content: 1 }], total: -1 }) }));
    const { failure } = await failureOf(() => listMemories(target(wrong.url), query));
    expect(failure.code).toBe('bad-response');
    expect(failure.detail).toMatch(/memories\.0\.content/);
  });

  it('truncated JSON: a complete body that stops mid-value, and a connection dropped before the announced length', async () => {
    const text = JSON.stringify(memoryPageJson(3));
    const cut = await track(startFixedAnswerServer({ status: 200, contentType: 'application/json', body: text.slice(0, Math.floor(text.length / 2)) }));
    expect((await failureOf(() => listMemories(target(cut.url), query))).failure).toMatchObject({ code: 'bad-response' });

    const dropped = await track(startTruncatingServer(text.slice(0, 40), text.length));
    const { failure, elapsedMs } = await failureOf(() => listMemories(target(dropped.url), query));
    expect(failure).toMatchObject({ code: 'server-unreachable', detail: 'reset' });
    expect(elapsedMs).toBeLessThan(2000);
    expect(await listThroughDispatcher(dropped.url)).toMatchObject({ code: 'server-unreachable', detail: 'reset' });
  });

  it('a response of 512 MiB is cut at the 32 MiB cap: fast, with memory bounded', async () => {
    const offered = 512 * 1024 * 1024;
    const flood = await track(startFloodServer(offered));
    global.gc?.();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakExternal = before.external + before.arrayBuffers;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakExternal = Math.max(peakExternal, now.external + now.arrayBuffers);
    }, 5);
    const { failure, elapsedMs } = await failureOf(() => listMemories(target(flood.url), query));
    clearInterval(sampler);
    expect(failure.code).toBe('bad-response');
    expect(failure.message).toMatch(/larger than 32 MiB/);
    // The server could hand the kernel at most the cap plus what socket buffers hold.
    expect(flood.bytesWritten()).toBeLessThan(offered / 4);
    expect(elapsedMs).toBeLessThan(10_000);
    const rssGrowth = peakRss - before.rss;
    const bufferGrowth = peakExternal - (before.external + before.arrayBuffers);
    expect(bufferGrowth).toBeLessThan(96 * 1024 * 1024);
    expect(rssGrowth).toBeLessThan(160 * 1024 * 1024);
    console.info(
      `[figures] capped response: server offered ${offered / 2 ** 20} MiB, wrote ${(flood.bytesWritten() / 2 ** 20).toFixed(1)} MiB before the client hung up; ` +
        `failed after ${elapsedMs.toFixed(0)} ms; peak growth rss ${(rssGrowth / 2 ** 20).toFixed(1)} MiB, buffers ${(bufferGrowth / 2 ** 20).toFixed(1)} MiB`,
    );
    await expect.poll(() => flood.connections().open, { timeout: 2000 }).toBe(0);
  });

  it('HTTP 200 with success:false → the error it is (conflict, not-found), never a success', async () => {
    const server = await track(
      startHttpServer((req, res) => {
        if (req.method === 'POST') sendJson(res, 200, { success: false, message: 'Duplicate content detected', content_hash: 'abc' });
        else if (req.method === 'DELETE') sendJson(res, 200, { success: false, message: 'Memory not found', content_hash: 'abc' });
        else sendJson(res, 200, { success: false, message: 'Something odd' });
      }),
    );
    const created = await failureOf(() => createMemory(target(server.url), { content: 'x', tags: [], metadata: {} }));
    expect(created.failure).toMatchObject({ code: 'conflict', detail: 'Duplicate content detected' });
    const deleted = await failureOf(() => deleteMemory(target(server.url), 'abc'));
    expect(deleted.failure).toMatchObject({ code: 'not-found' });

    const profileId = await console_.addProfile(server.url, apiKey);
    expect(await console_.call('memories.create', { profileId, content: 'hello' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await console_.call('memories.delete', { profileId, contentHash: 'abc' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    // A list answer that is `success:false` instead of a page is a bad response, not an empty list.
    expect(await console_.call('memories.list', { profileId })).toMatchObject({ ok: false, error: { code: 'bad-response' } });
  });

  it('a redirect to another origin is not followed: the other origin receives nothing, least of all the key', async () => {
    const elsewhere = await track(startHttpServer((_req, res) => sendJson(res, 200, memoryPageJson(1))));
    for (const status of [301, 302, 303, 307, 308]) {
      const redirecting = await track(startRedirectServer((req) => `${elsewhere.url}${req.url ?? '/'}`, status));
      const { failure } = await failureOf(() => listMemories(target(redirecting.url), query));
      expect(failure.code, `HTTP ${status}`).toBe('bad-response');
      expect(failure.message).toMatch(/redirect/i);
      // The redirecting server did get the key (it is the configured server); the other origin nothing.
      expect(redirecting.seen[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
    }
    const redirecting = await track(startRedirectServer((req) => `${elsewhere.url}${req.url ?? '/'}`));
    expect(await listThroughDispatcher(redirecting.url)).toMatchObject({ code: 'bad-response' });
    expect(elsewhere.seen.filter((request) => request.headers.authorization !== undefined)).toEqual([]);
    expect(elsewhere.seen).toEqual([]);
  });

  describe('a self-signed certificate', () => {
    let dir: string;
    let cert: CertFiles;
    let other: CertFiles;
    let tlsServer: MisbehavingServer;
    beforeAll(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'mc-tls-'));
      cert = selfSigned(dir, 'server');
      other = selfSigned(dir, 'other');
      tlsServer = await track(
        startHttpsServer({ cert: readFileSync(cert.certFile), key: readFileSync(cert.keyFile) }, (_req, res) => sendJson(res, 200, memoryPageJson(2))),
      );
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('is refused without a pin, reporting its fingerprint, and no request (no key) reaches the server', async () => {
      const { failure } = await failureOf(() => listMemories(target(tlsServer.url), query));
      expect(failure.code).toBe('tls-untrusted');
      expect(failure.message).toMatch(/self-signed/);
      expect(failure.detail).toBe(`sha256:${cert.sha256}`);
      expect(await listThroughDispatcher(tlsServer.url)).toMatchObject({ code: 'tls-untrusted', detail: `sha256:${cert.sha256}` });
      expect(tlsServer.seen).toEqual([]);
    });

    it('is refused when another certificate is pinned, again before any request is sent', async () => {
      const { failure } = await failureOf(() => listMemories(target(tlsServer.url, { pinnedCertSha256: `sha256:${other.sha256}` }), query));
      expect(failure.code).toBe('tls-untrusted');
      expect(failure.message).toMatch(/different certificate/);
      expect(tlsServer.seen).toEqual([]);
    });

    it('is accepted when exactly its fingerprint is pinned (through status.trustCertificate for a profile)', async () => {
      const page = await listMemories(target(tlsServer.url, { pinnedCertSha256: `sha256:${cert.sha256}` }), query);
      expect(page.memories).toHaveLength(2);
      expect(tlsServer.seen.at(-1)?.headers.authorization).toBe(`Bearer ${apiKey}`);

      const profileId = await console_.addProfile(tlsServer.url, apiKey);
      const trusted = await console_.call('status.trustCertificate', { profileId, sha256: cert.sha256 });
      expect(trusted.ok).toBe(true);
      expect(await console_.call('memories.list', { profileId })).toMatchObject({ ok: true, value: { total: 2 } });
    });
  });
});

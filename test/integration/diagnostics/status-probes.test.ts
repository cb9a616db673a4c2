// Every status against a real server: the local memory service in each auth mode, stopped,
// stalled, a host that does not resolve, web servers that are not memory services, proxies that
// answer with the guide's bodies or drop the header, and a redirect to another origin.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StatusReport } from '../../../electron/contract';
import { startMemoryServer, type RunningMemoryServer } from '../../memory-server/index';
import { createHarness, testKey, type DiagnosticsHarness } from './support/harness';
import {
  startGuideProxy,
  startHeaderStrippingProxy,
  startHtmlServer,
  startPortalServer,
  startRecordingServer,
  startRedirectServer,
  startStalledServer,
  type TestServer,
} from './support/servers';

const figures: string[] = [];
let harness: DiagnosticsHarness;
const cleanup: Array<() => Promise<void>> = [];

beforeAll(() => {
  harness = createHarness({ timeoutMs: 2_000 });
});
afterEach(async () => {
  for (const stop of cleanup.splice(0).reverse()) await stop();
});
afterAll(() => {
  harness.remove();
  // Figures for the report (round trips against the local service), never timed assertions.
  console.log(`status probe figures:\n${figures.join('\n')}`);
});

async function memoryServer(options: Parameters<typeof startMemoryServer>[0]): Promise<RunningMemoryServer> {
  const server = await startMemoryServer(options);
  cleanup.push(() => server.stop());
  return server;
}

async function helper<T extends TestServer>(server: Promise<T>): Promise<T> {
  const started = await server;
  cleanup.push(() => started.stop());
  return started;
}

async function check(name: string, baseUrl: string, options: { key?: string; environment?: 'development' | 'staging' | 'production' } = {}): Promise<StatusReport> {
  const profile = await harness.addProfile(`${name} ${Math.random().toString(36).slice(2, 8)}`, baseUrl, options);
  const report = await harness.call('status.check', { profileId: profile.id });
  figures.push(`  ${name.padEnd(34)} ${report.status.kind.padEnd(20)} total ${String(report.durationMs).padStart(5)} ms  [${report.checks.map((c) => `${c.step} ${c.outcome.elapsedMs} ms`).join(', ')}]`);
  if (options.key) {
    // Nothing the renderer receives holds the key.
    expect(JSON.stringify(report)).not.toContain(options.key);
  }
  return report;
}

const steps = (report: StatusReport) => report.checks.map((c) => c.step);
const statuses = (report: StatusReport) => report.checks.map((c) => (c.outcome.kind === 'answered' ? c.outcome.httpStatus : c.outcome.failure));

describe('the local memory service in each auth mode', () => {
  it('with a key, and that key stored: key accepted, with version, backend, count and round trip; a wrong key is refused', async () => {
    const key = testKey('accepted');
    const server = await memoryServer({ apiKey: key, seed: 7 });
    const report = await check('key accepted', server.url, { key });
    expect(report.status).toMatchObject({
      kind: 'key-accepted',
      server: { version: '10.59.0', backend: 'sqlite-vec', memoryCount: 7, scopes: ['read', 'write', 'admin'] },
    });
    expect(report.severity).toBe('ok');
    expect(report.label).toBe('Key accepted');
    expect(steps(report)).toEqual(['health', 'detailed-anonymous', 'detailed-key', 'anonymous-trap']);
    expect(statuses(report)).toEqual([200, 401, 200, 401]);
    expect(report.checks[3]!.meaning).toMatch(/wrong key was refused/);
    expect(report.warnings).toEqual([]);
    expect(report.keyFingerprint).toMatch(/^sha256:[0-9a-f]{12}$/);
    // The curl commands read the key from the user's shell.
    expect(report.checks[2]!.curl).toBe(`curl -sS -i --max-time 2 -H "Authorization: Bearer $MCP_API_KEY" ${server.url}/api/health/detailed`);
    expect(report.checks[0]!.curl).toBe(`curl -sS -i --max-time 2 ${server.url}/api/health`);
    if (report.status.kind === 'key-accepted') expect(report.status.server.roundTripMs).toBeGreaterThanOrEqual(0);
  });

  it('with a key, and another key stored: key rejected (401 invalid_token)', async () => {
    const server = await memoryServer({ apiKey: testKey('server') });
    const stored = testKey('wrong');
    const report = await check('key rejected', server.url, { key: stored });
    expect(report.status).toEqual({ kind: 'key-rejected', reason: 'invalid-token', httpStatus: 401, anonymousOpen: false });
    expect(report.message).toMatch(/differ \(401 invalid_token\)/);
    expect(report.advice.map((a) => a.title)).toContain('401 Unauthorized: wrong API key');
    expect(statuses(report)).toEqual([200, 401, 401]);
  });

  it('with a key, and none stored: no key stored, and nothing credentialed is sent', async () => {
    const server = await memoryServer({ apiKey: testKey('server') });
    const report = await check('no key stored', server.url);
    expect(report.status).toEqual({ kind: 'no-key-stored' });
    expect(steps(report)).toEqual(['health', 'detailed-anonymous']);
    expect(report.checks.every((c) => c.credential === 'none')).toBe(true);
  });

  it('with no key and anonymous access off: the server has no key configured', async () => {
    const server = await memoryServer({});
    const report = await check('server has no key', server.url, { key: testKey('stored') });
    expect(report.status).toEqual({ kind: 'server-has-no-key' });
    expect(report.message).toContain('Set MCP_ALLOW_ANONYMOUS_ACCESS=true');
    expect(report.checks[1]!.outcome).toMatchObject({ kind: 'answered', httpStatus: 401 });
    expect(report.checks[1]!.outcome.kind === 'answered' && report.checks[1]!.outcome.bodyExcerpt).toContain('authorization_required');
  });

  it('with anonymous access: open to anyone — a warning, loud (danger) for production', async () => {
    const server = await memoryServer({ allowAnonymous: true, seed: 3 });
    const dev = await check('open to anyone (development)', server.url);
    expect(dev.status).toMatchObject({ kind: 'open-to-anyone', keyStored: false, server: { memoryCount: 3, scopes: ['read', 'write'] } });
    expect(dev.severity).toBe('warning');
    const production = await check('open to anyone (production)', server.url, { environment: 'production' });
    expect(production.severity).toBe('danger');
    expect(production.warnings.map((w) => w.code)).toEqual(['anonymous-in-production']);
  });

  it('with anonymous access and a key stored that it cannot know: the Bearer key is refused', async () => {
    const server = await memoryServer({ allowAnonymous: true });
    const report = await check('anonymous, key stored', server.url, { key: testKey('stale') });
    expect(report.status).toEqual({ kind: 'key-rejected', reason: 'invalid-token', httpStatus: 401, anonymousOpen: true });
    expect(report.warnings.map((w) => w.code)).toEqual(['anonymous-open']);
  });

  it('with a key AND anonymous access: the anonymous trap (a wrong X-API-Key is accepted)', async () => {
    const key = testKey('trap');
    const server = await memoryServer({ apiKey: key, allowAnonymous: true });
    const report = await check('anonymous trap', server.url, { key });
    expect(report.status.kind).toBe('anonymous-trap');
    expect(report.label).toBe('Key not checked');
    expect(report.message).toMatch(/not actually being checked/);
    expect(statuses(report)).toEqual([200, 200, 200, 200]);
    expect(report.checks[3]!.credential).toBe('wrong-key-x-api-key');
    expect(report.checks[3]!.curl).toContain('-H "X-API-Key: deliberately-wrong-key"');
  });
});

describe('servers that cannot be reached', () => {
  it('stopped: connection refused', async () => {
    const server = await startMemoryServer({ apiKey: testKey('gone') });
    const url = server.url;
    await server.stop();
    const report = await check('stopped (refused)', url, { key: testKey('k') });
    expect(report.status).toEqual({ kind: 'unreachable', reason: 'refused' });
    expect(report.label).toBe('Unreachable: connection refused');
    expect(steps(report)).toEqual(['health']);
    expect(report.advice[0]!.commands).toContain(`curl -v ${url}/api/health`);
  });

  it('stalled (accepts, never answers): timeout after the per-request deadline, one probe only', async () => {
    const stalled = await helper(startStalledServer());
    const started = performance.now();
    const report = await check('stalled (timeout)', stalled.url, { key: testKey('k') });
    const elapsed = performance.now() - started;
    expect(report.status).toEqual({ kind: 'unreachable', reason: 'timeout' });
    expect(report.message).toContain('did not answer within 2 s');
    expect(elapsed).toBeGreaterThanOrEqual(1_900);
    expect(elapsed).toBeLessThan(5_000);
    expect(steps(report)).toEqual(['health']);
  });

  it('a host name that does not resolve: DNS', async () => {
    const report = await check('dns failure', 'http://memory-console-test.invalid:8000', { key: testKey('k') });
    expect(report.status).toEqual({ kind: 'unreachable', reason: 'dns' });
    expect(report.label).toBe('Unreachable: unknown host');
    // Plain http to another machine is flagged even when it cannot be reached.
    expect(report.warnings.map((w) => w.code)).toEqual(['plain-http']);
  });
});

describe('servers that are not memory services', () => {
  it('a web server answering an HTML 404', async () => {
    const web = await helper(startHtmlServer());
    const report = await check('html 404', web.url, { key: testKey('k') });
    expect(report.status).toEqual({ kind: 'not-memory-service', reason: 'not-found', httpStatus: 404 });
    // The key never goes to something that is not a memory service.
    expect(web.seen.map((r) => r.headers.authorization)).toEqual([undefined]);
    expect(report.checks[0]!.outcome).toMatchObject({ kind: 'answered', httpStatus: 404, contentType: 'text/html' });
    expect(report.checks[0]!.outcome.kind === 'answered' && report.checks[0]!.outcome.bodyExcerpt).toContain('404 Not Found');
  });

  it('a login portal answering 200 with HTML', async () => {
    const portal = await helper(startPortalServer());
    const report = await check('html 200', portal.url, { key: testKey('k') });
    expect(report.status).toEqual({ kind: 'not-memory-service', reason: 'html', httpStatus: 200 });
    expect(portal.seen).toHaveLength(1);
  });
});

describe('proxies', () => {
  it('the guide’s bodies: 401 Unauthorized without a key, 403 “Invalid API key” for a wrong one, through with the right one', async () => {
    const key = testKey('proxied');
    const upstream = await memoryServer({ apiKey: key, seed: 2 });
    const proxy = await helper(startGuideProxy({ upstream: upstream.url, key }));

    const none = await check('guide proxy, no key', proxy.url);
    expect(none.status).toEqual({ kind: 'no-key-stored' });
    expect(none.checks[1]!.outcome).toMatchObject({ httpStatus: 401, bodyExcerpt: '{"error":"Unauthorized","message":"Missing or invalid API key"}' });

    const wrong = await check('guide proxy, wrong key (403)', proxy.url, { key: testKey('wrong') });
    expect(wrong.status).toEqual({ kind: 'key-rejected', reason: 'guide-forbidden', httpStatus: 403, anonymousOpen: false });
    expect(wrong.advice[0]!.title).toBe('403 Forbidden: invalid API key');

    const right = await check('guide proxy, right key', proxy.url, { key });
    expect(right.status).toMatchObject({ kind: 'key-accepted', server: { memoryCount: 2 } });
  });

  it('the guide’s 401 for a wrong key, and a proxy that guards even /api/health', async () => {
    const key = testKey('proxied');
    const upstream = await memoryServer({ apiKey: key });
    const proxy = await helper(startGuideProxy({ upstream: upstream.url, key, guardHealth: true, wrongKeyStatus: 401 }));
    const wrong = await check('guide proxy, wrong key (401)', proxy.url, { key: testKey('wrong') });
    expect(wrong.status).toEqual({ kind: 'key-rejected', reason: 'guide-unauthorized', httpStatus: 401, anonymousOpen: false });
    expect(statuses(wrong)).toEqual([401, 401, 401]);
    expect(wrong.checks[0]!.meaning).toMatch(/proxy in front guards everything/);
  });

  it('a proxy that drops the Authorization header: the key did not arrive', async () => {
    const key = testKey('dropped');
    const upstream = await memoryServer({ apiKey: key });
    const proxy = await helper(startHeaderStrippingProxy(upstream.url));
    const report = await check('proxy drops Authorization', proxy.url, { key });
    expect(report.status).toEqual({ kind: 'key-rejected', reason: 'authorization-required', httpStatus: 401, anonymousOpen: false });
    expect(report.fix).toMatch(/pass the Authorization header through/);
  });

  it('a 403 insufficient_scope is "forbidden", not "key rejected"', async () => {
    // The service answers 403 only for a missing scope; a proxy maps /api/health/detailed to an admin route to get one.
    const upstream = await memoryServer({ allowAnonymous: true });
    const key = testKey('scoped');
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => {
      if (req.url === '/api/health/detailed' && req.headers.authorization) {
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end('{"detail":{"error":"insufficient_scope","error_description":"Required scope \'admin\' not granted"}}');
        return;
      }
      void fetch(new URL(req.url ?? '/', upstream.url)).then(async (answer) => {
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? '' });
        res.end(await answer.text());
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => server.close(() => resolve())));
    const port = (server.address() as { port: number }).port;
    const report = await check('403 insufficient_scope', `http://127.0.0.1:${port}`, { key });
    expect(report.status).toEqual({ kind: 'forbidden', httpStatus: 403, scopeError: true });
  });
});

describe('redirects', () => {
  it('a redirect to another origin is not followed: the other origin receives nothing, least of all the key', async () => {
    const other = await helper(startRecordingServer());
    const redirecting = await helper(startRedirectServer((path) => `${other.url}${path}`));
    const key = testKey('redirected');
    const report = await check('redirect to another origin', redirecting.url, { key });
    expect(report.status).toEqual({ kind: 'not-memory-service', reason: 'redirect', httpStatus: 307, location: `${other.url}/api/health` });
    expect(other.seen).toEqual([]);
    // The redirecting server itself got only the credential-free health probe.
    expect(redirecting.seen.map((r) => r.headers.authorization)).toEqual([undefined]);

    // The memory calls behave the same: a redirect on a credentialed call goes nowhere.
    const profile = await harness.addProfile(`redirected memories ${Date.now()}`, redirecting.url, { key });
    const error = await harness.failure('memories.list', { profileId: profile.id });
    expect(error.code).toBe('bad-response');
    expect(error.message).toMatch(/redirected \(307\)/);
    expect(redirecting.seen.at(-1)!.headers.authorization).toBe(`Bearer ${key}`);
    expect(other.seen).toEqual([]);
  });
});

describe('one probe per profile at a time', () => {
  it('ten checks of a stalled server while one is running share it: one connection, one answer', async () => {
    const stalled = await helper(startStalledServer());
    const profile = await harness.addProfile(`pile-up ${Date.now()}`, stalled.url);
    const reports = await Promise.all(Array.from({ length: 10 }, () => harness.call('status.check', { profileId: profile.id })));
    expect(stalled.connections()).toBe(1);
    expect(new Set(reports.map((r) => r.checkedAt)).size).toBe(1);
    // Once it has finished, the next check probes again.
    await harness.call('status.check', { profileId: profile.id });
    expect(stalled.connections()).toBe(2);
  });
});

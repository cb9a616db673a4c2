import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuditLog, type AuditLog } from '../../../electron/diagnostics/audit-log';
import { createStatusService, probeTimeoutFromEnv } from '../../../electron/diagnostics/status-service';
import { TransportFailure, type HttpRequest, type HttpResponse } from '../../../electron/memory-service/http-transport';
import { createProfileStore, type ProfileStore } from '../../../electron/profiles/profile-store';
import { createSessionSecretStore } from '../../../electron/secrets/session-secret-store';

const KEY = 'serviceTestKey-0123456789abcdef0123456789';

let home: string;
let profiles: ProfileStore;
let audit: AuditLog;
let clock: number;
let sent: HttpRequest[];
/** What the fake server answers; swapped per test. */
let server: (request: HttpRequest) => Promise<HttpResponse>;

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function json(status: number, body: unknown): HttpResponse {
  return { status, headers: { 'content-type': 'application/json' }, text: JSON.stringify(body), elapsedMs: 2 };
}

const keyedServer = (request: HttpRequest): Promise<HttpResponse> => {
  if (request.url.pathname === '/api/health') return Promise.resolve(json(200, { status: 'healthy' }));
  const auth = request.headers?.['Authorization'];
  if (auth === `Bearer ${KEY}`) return Promise.resolve(json(200, { status: 'healthy', version: '10.59.0' }));
  if (auth) return Promise.resolve(json(401, { detail: { error: 'invalid_token', error_description: `OAuth is disabled. You sent ${auth}` } }));
  return Promise.resolve(json(401, { detail: { error: 'authorization_required', error_description: 'Authorization required.' } }));
};

beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'mc-status-service-'));
  const secrets = createSessionSecretStore();
  profiles = createProfileStore({ homeDir: home, secrets });
  audit = createAuditLog({ homeDir: home });
  clock = Date.UTC(2026, 0, 1);
  sent = [];
  server = keyedServer;
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function service(options: { repeatFailureAfterMs?: number } = {}) {
  return createStatusService({
    profiles,
    audit,
    timeoutMs: 1_000,
    now: () => new Date(clock),
    send: (request) => {
      sent.push(request);
      return server(request);
    },
    ...options,
  });
}

async function profileWithKey(key: string | null = KEY) {
  const profile = await profiles.create({ name: `Server ${Math.random()}`, baseUrl: 'http://127.0.0.1:8000', environment: 'staging' });
  if (key) await profiles.setKey(profile.id, key, { source: 'pasted' });
  return profile;
}

describe('status service', () => {
  it('sends the key only as a Bearer header, only on the key probe, never in a URL', async () => {
    const profile = await profileWithKey();
    const report = await service().check(profile.id);
    expect(report.status.kind).toBe('key-accepted');
    expect(sent.map((r) => [r.url.pathname + r.url.search, r.headers])).toEqual([
      ['/api/health', {}],
      ['/api/health/detailed', {}],
      ['/api/health/detailed', { Authorization: `Bearer ${KEY}` }],
      ['/api/health/detailed', { 'X-API-Key': expect.stringMatching(/^wrong-[0-9a-f]{24}$/) }],
    ]);
    expect(sent.every((r) => !r.url.href.includes(KEY))).toBe(true);
    expect(sent.every((r) => r.timeoutMs === 1_000)).toBe(true);
  });

  it('never sends an empty Bearer header when no key is stored', async () => {
    const profile = await profileWithKey(null);
    await service().check(profile.id);
    expect(sent.every((r) => !('Authorization' in (r.headers ?? {})))).toBe(true);
  });

  it('a server echoing the key back: the report and the audit log hold no trace of it', async () => {
    const profile = await profileWithKey('anotherKey-abcdefabcdefabcdefabcdef01');
    const report = await service().check(profile.id);
    expect(report.status).toMatchObject({ kind: 'key-rejected', reason: 'invalid-token' });
    const body = report.checks[2]!.outcome;
    expect(body.kind === 'answered' && body.bodyExcerpt).toContain('You sent Bearer [key removed]');
    expect(JSON.stringify(report)).not.toContain('anotherKey-abcdef');
    expect(readFileSync(audit.file, 'utf8')).not.toContain('anotherKey-abcdef');
  });

  it('records a failure once, the same failure again only after the repeat interval, and the recovery', async () => {
    const profile = await profileWithKey();
    const status = service({ repeatFailureAfterMs: 60_000 });
    server = () => Promise.reject(new TransportFailure('refused', 'Connection refused.'));
    await status.check(profile.id);
    clock += 30_000;
    await status.check(profile.id);
    expect((await audit.list({ limit: 10 })).entries.map((e) => e.event)).toEqual(['probe-failed']);
    clock += 31_000;
    await status.check(profile.id);
    server = () => Promise.reject(new TransportFailure('timeout', 'No answer.'));
    await status.check(profile.id);
    server = keyedServer;
    await status.check(profile.id);
    await status.check(profile.id);
    const entries = (await audit.list({ limit: 10 })).entries;
    expect(entries.map((e) => [e.event, e.status])).toEqual([
      ['probe-recovered', 'key-accepted'],
      ['probe-failed', 'unreachable/timeout'],
      ['probe-failed', 'unreachable/refused'],
      ['probe-failed', 'unreachable/refused'],
    ]);
    expect(entries[1]).toMatchObject({ profileId: profile.id, keyFingerprint: expect.stringMatching(/^sha256:[0-9a-f]{12}$/) });
    expect(entries[1]!.detail).toMatch(/^Unreachable: no answer: .* \[health=timeout\]$/);
  });

  it('joins a running probe of the same profile, but not one started with another key', async () => {
    const profile = await profileWithKey();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    server = async (request) => {
      await gate;
      return keyedServer(request);
    };
    const status = service();
    const first = status.check(profile.id);
    const second = status.check(profile.id);
    await waitFor(() => sent.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(status.inFlightCount()).toBe(1);
    expect(sent).toHaveLength(1);
    await profiles.setKey(profile.id, 'replacedKey-0123456789abcdef0123456789', { source: 'pasted' });
    const third = status.check(profile.id);
    await waitFor(() => status.inFlightCount() === 2);
    release();
    const [a, b, c] = await Promise.all([first, second, third]);
    expect(a).toBe(b);
    expect(a.status.kind).toBe('key-accepted');
    expect(c.status).toMatchObject({ kind: 'key-rejected' });
    expect(status.inFlightCount()).toBe(0);
  });
});

describe('probe timeout setting', () => {
  it('reads MEMORY_CONSOLE_PROBE_TIMEOUT_MS within bounds, else 5 s', () => {
    expect(probeTimeoutFromEnv({})).toBe(5_000);
    expect(probeTimeoutFromEnv({ MEMORY_CONSOLE_PROBE_TIMEOUT_MS: '2500' })).toBe(2_500);
    expect(probeTimeoutFromEnv({ MEMORY_CONSOLE_PROBE_TIMEOUT_MS: '10' })).toBe(5_000);
    expect(probeTimeoutFromEnv({ MEMORY_CONSOLE_PROBE_TIMEOUT_MS: 'soon' })).toBe(5_000);
  });
});

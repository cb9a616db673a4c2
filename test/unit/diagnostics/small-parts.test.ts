import { describe, expect, it } from 'vitest';
import type { ServerStatus } from '../../../electron/contract';
import { bodyExcerpt, scrubSecrets } from '../../../electron/diagnostics/body-excerpt';
import { curlCommand, shellWord } from '../../../electron/diagnostics/curl-command';
import { guideAdviceFor } from '../../../electron/diagnostics/guide-advice';
import { isLoopbackHost } from '../../../electron/diagnostics/loopback';
import { describeStatus, statusWarnings } from '../../../electron/diagnostics/status-text';

describe('curl commands', () => {
  it('puts the key in as $MCP_API_KEY inside double quotes, as the guide writes it', () => {
    expect(curlCommand({ url: 'https://memory.example.com:8000/api/health/detailed', credential: 'stored-key-bearer', timeoutMs: 5_000 })).toBe(
      'curl -sS -i --max-time 5 -H "Authorization: Bearer $MCP_API_KEY" https://memory.example.com:8000/api/health/detailed',
    );
    expect(curlCommand({ url: 'http://127.0.0.1:8000/api/health', credential: 'none', timeoutMs: 1_500 })).toBe('curl -sS -i --max-time 2 http://127.0.0.1:8000/api/health');
    expect(curlCommand({ url: 'http://h/api/health/detailed', credential: 'wrong-key-x-api-key', timeoutMs: 5_000 })).toContain('-H "X-API-Key: deliberately-wrong-key"');
  });

  it('single-quotes an address the shell would otherwise interpret', () => {
    expect(shellWord('https://h/memory$(id)/api/health')).toBe(`'https://h/memory$(id)/api/health'`);
    expect(shellWord("https://h/it's/api")).toBe(`'https://h/it'\\''s/api'`);
    expect(shellWord('https://h:8000/api/health')).toBe('https://h:8000/api/health');
  });
});

describe('body excerpts', () => {
  it('removes the key (raw and URL-encoded) before anything else, then shortens to one line', () => {
    const key = 'sEcReT+key/with=chars1234567890';
    const echoed = `{"headers":{"authorization":"Bearer ${key}"},\n "url":"/x?api_key=${encodeURIComponent(key)}"}`;
    const excerpt = bodyExcerpt(echoed, [key]);
    expect(excerpt).not.toContain(key);
    expect(excerpt).not.toContain(encodeURIComponent(key));
    expect(excerpt).toBe('{"headers":{"authorization":"Bearer [key removed]"}, "url":"/x?api_key=[key removed]"}');
    expect(bodyExcerpt('x'.repeat(1000), [])).toHaveLength(301);
    expect(scrubSecrets('abc', ['ab'])).toBe('abc');
  });
});

describe('loopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['localhost', true],
    ['api.localhost', true],
    ['[::1]', true],
    ['[::ffff:7f00:1]', true],
    ['10.0.0.2', false],
    ['192.168.1.10', false],
    ['memory.example.com', false],
    ['localhost.example.com', false],
    ['[::2]', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

const facts = { version: '10.59.0', backend: 'sqlite-vec', memoryCount: 1234, roundTripMs: 4, scopes: ['read', 'write', 'admin'] };
const everyStatus: ServerStatus[] = [
  ...(['dns', 'refused', 'timeout', 'reset', 'other'] as const).map((reason): ServerStatus => ({ kind: 'unreachable', reason })),
  ...(['self-signed', 'expired', 'wrong-host', 'pin-mismatch', 'other'] as const).map((reason): ServerStatus => ({ kind: 'tls-problem', reason, certSha256: 'ab'.repeat(32), trustedCertSha256: null })),
  ...(['not-found', 'html', 'not-json', 'unexpected-health', 'unexpected-answer', 'redirect', 'too-large'] as const).map((reason): ServerStatus => ({ kind: 'not-memory-service', reason, httpStatus: 404 })),
  { kind: 'server-error', httpStatus: 500 },
  { kind: 'no-key-stored' },
  { kind: 'key-accepted', server: facts },
  ...(['invalid-token', 'authorization-required', 'guide-unauthorized', 'guide-forbidden', 'other'] as const).map((reason): ServerStatus => ({ kind: 'key-rejected', reason, httpStatus: 401, anonymousOpen: false })),
  { kind: 'forbidden', httpStatus: 403, scopeError: true },
  { kind: 'server-has-no-key' },
  { kind: 'open-to-anyone', server: facts, keyStored: false },
  { kind: 'anonymous-trap', server: facts },
];

describe('words for every status', () => {
  it.each(everyStatus.map((status) => [JSON.stringify(status).slice(0, 70), status] as const))('%s has a label, a message and (unless fine) a fix', (_name, status) => {
    const words = describeStatus(status, { baseUrl: 'https://memory.example.com', environment: 'staging', timeoutMs: 5_000 });
    expect(words.label.length).toBeGreaterThan(3);
    expect(words.message.length).toBeGreaterThan(20);
    if (status.kind === 'key-accepted') {
      expect(words).toMatchObject({ severity: 'ok', fix: '' });
      expect(words.message).toBe('memory.example.com accepted the stored key (version 10.59.0, sqlite-vec, 1,234 memories).');
    } else {
      expect(words.fix.length).toBeGreaterThan(20);
      expect(words.severity).not.toBe('ok');
    }
    expect(Array.isArray(guideAdviceFor(status, 'https://memory.example.com'))).toBe(true);
  });

  it('distinguishes the three ways of being unreachable and of a TLS problem', () => {
    const labels = (statuses: ServerStatus[]) => new Set(statuses.map((s) => describeStatus(s, { baseUrl: 'http://h:1', environment: 'development', timeoutMs: 5_000 }).label));
    expect(labels(everyStatus.filter((s) => s.kind === 'unreachable').slice(0, 3)).size).toBe(3);
    expect(labels(everyStatus.filter((s) => s.kind === 'tls-problem').slice(0, 4)).size).toBe(4);
  });

  it('flags plain http to anything but this machine, louder for production', () => {
    const ok: ServerStatus = { kind: 'key-accepted', server: facts };
    const warn = (baseUrl: string, environment: 'development' | 'production') => statusWarnings(ok, { baseUrl, environment, timeoutMs: 5_000, keyStored: true });
    expect(warn('http://127.0.0.1:8000', 'production')).toEqual([]);
    expect(warn('http://localhost:8000', 'production')).toEqual([]);
    expect(warn('https://memory.example.com', 'production')).toEqual([]);
    expect(warn('http://memory.example.com', 'development')).toEqual([expect.objectContaining({ code: 'plain-http', severity: 'warning' })]);
    expect(warn('http://10.0.0.5:8000', 'production')).toEqual([expect.objectContaining({ code: 'plain-http', severity: 'danger' })]);
    expect(warn('http://10.0.0.5:8000', 'production')[0]!.message).toMatch(/API key and every memory cross the network unencrypted/);
  });
});

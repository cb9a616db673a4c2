import { describe, expect, it } from 'vitest';
import { classify, type ClassifyContext } from '../../../electron/diagnostics/classify-status';
import type { Observation, ProbeRun } from '../../../electron/diagnostics/observation';

const withKey: ClassifyContext = { keyStored: true, trustedCertSha256: null };
const noKey: ClassifyContext = { keyStored: false, trustedCertSha256: null };

function answer(httpStatus: number, body: unknown, contentType = 'application/json', extra: Partial<Observation> = {}): Observation {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    kind: 'answered',
    httpStatus,
    contentType,
    location: null,
    text,
    json: /json/.test(contentType) ? (() => { try { return JSON.parse(text) as unknown; } catch { return undefined; } })() : undefined,
    elapsedMs: 3,
    ...extra,
  } as Observation;
}

function failed(failure: string, certSha256: string | null = null): Observation {
  return { kind: 'failed', failure, message: failure, certSha256, elapsedMs: 1 };
}

const healthy = answer(200, { status: 'healthy' });
const detailed = answer(200, { status: 'healthy', version: '10.59.0', storage: { backend: 'sqlite-vec', total_memories: 12 } });
const required = answer(401, { detail: { error: 'authorization_required', error_description: 'Authorization required. Provide valid API key via X-API-Key header or api_key query parameter.' } });
const noKeyConfigured = answer(401, { detail: { error: 'authorization_required', error_description: 'Authentication is required. Set MCP_ALLOW_ANONYMOUS_ACCESS=true to enable anonymous access.' } });
const invalidToken = answer(401, { detail: { error: 'invalid_token', error_description: 'OAuth is disabled. Use API key authentication or enable anonymous access.' } });
const guide401 = answer(401, { error: 'Unauthorized', message: 'Missing or invalid API key' });
const guide403 = answer(403, { error: 'Forbidden', message: 'Invalid API key' });
const scope403 = answer(403, { detail: { error: 'insufficient_scope', error_description: "Required scope 'admin' not granted" } });
const cert = `sha256:${'ab'.repeat(32)}`;

describe('classify: which probe next, and the status at the end', () => {
  it('asks for the probes in order and only while they can change the answer', () => {
    expect(classify({}, withKey)).toEqual({ next: 'health' });
    expect(classify({ health: healthy }, withKey)).toEqual({ next: 'detailed-anonymous' });
    expect(classify({ health: healthy, 'detailed-anonymous': required }, withKey)).toEqual({ next: 'detailed-key' });
    expect(classify({ health: healthy, 'detailed-anonymous': required, 'detailed-key': detailed }, withKey)).toEqual({ next: 'anonymous-trap' });
    // Without a key, the key probe is never asked for.
    expect(classify({ health: healthy, 'detailed-anonymous': required }, noKey)).toEqual({ status: { kind: 'no-key-stored' } });
  });

  const cases: Array<[string, ProbeRun, ClassifyContext, unknown]> = [
    ['dns', { health: failed('dns') }, withKey, { kind: 'unreachable', reason: 'dns' }],
    ['refused', { health: failed('refused') }, withKey, { kind: 'unreachable', reason: 'refused' }],
    ['timeout', { health: failed('timeout') }, withKey, { kind: 'unreachable', reason: 'timeout' }],
    ['timeout on a later probe', { health: healthy, 'detailed-anonymous': failed('timeout') }, withKey, { kind: 'unreachable', reason: 'timeout' }],
    ['self-signed', { health: failed('tls-self-signed', cert) }, withKey, { kind: 'tls-problem', reason: 'self-signed', certSha256: 'ab'.repeat(32), trustedCertSha256: null }],
    ['expired', { health: failed('tls-expired', cert) }, withKey, { kind: 'tls-problem', reason: 'expired', certSha256: 'ab'.repeat(32), trustedCertSha256: null }],
    ['wrong host', { health: failed('tls-hostname', cert) }, withKey, { kind: 'tls-problem', reason: 'wrong-host', certSha256: 'ab'.repeat(32), trustedCertSha256: null }],
    ['pin mismatch', { health: failed('tls-pin-mismatch', cert) }, { keyStored: true, trustedCertSha256: 'cd'.repeat(32) }, { kind: 'tls-problem', reason: 'pin-mismatch', certSha256: 'ab'.repeat(32), trustedCertSha256: 'cd'.repeat(32) }],
    ['huge answer', { health: failed('too-large') }, withKey, { kind: 'not-memory-service', reason: 'too-large', httpStatus: null }],
    ['404', { health: answer(404, { detail: 'Not Found' }) }, withKey, { kind: 'not-memory-service', reason: 'not-found', httpStatus: 404 }],
    ['html', { health: answer(200, '<html><body>hi</body></html>', 'text/html') }, withKey, { kind: 'not-memory-service', reason: 'html', httpStatus: 200 }],
    ['html without a content type', { health: answer(200, '<!doctype html><p>x', '') }, withKey, { kind: 'not-memory-service', reason: 'html', httpStatus: 200 }],
    ['plain text', { health: answer(200, 'OK', 'text/plain') }, withKey, { kind: 'not-memory-service', reason: 'not-json', httpStatus: 200 }],
    ['json but broken', { health: answer(200, '{"status":', 'application/json') }, withKey, { kind: 'not-memory-service', reason: 'not-json', httpStatus: 200 }],
    ['health not healthy', { health: answer(200, { status: 'ok' }) }, withKey, { kind: 'not-memory-service', reason: 'unexpected-health', httpStatus: 200 }],
    ['redirect', { health: answer(301, '', 'text/html', { location: 'https://x.example/api/health' }) }, withKey, { kind: 'not-memory-service', reason: 'redirect', httpStatus: 301, location: 'https://x.example/api/health' }],
    ['502 from a proxy', { health: answer(502, '<html>Bad Gateway</html>', 'text/html') }, withKey, { kind: 'server-error', httpStatus: 502 }],
    ['405 on health', { health: answer(405, { detail: 'Method Not Allowed' }) }, withKey, { kind: 'not-memory-service', reason: 'unexpected-answer', httpStatus: 405 }],
    ['server has no key', { health: healthy, 'detailed-anonymous': noKeyConfigured }, withKey, { kind: 'server-has-no-key' }],
    ['open to anyone, no key stored', { health: healthy, 'detailed-anonymous': detailed }, noKey, { kind: 'open-to-anyone', keyStored: false, server: { version: '10.59.0', backend: 'sqlite-vec', memoryCount: 12, roundTripMs: 3, scopes: ['read', 'write'] } }],
    ['detailed 200 that is not detailed health', { health: healthy, 'detailed-anonymous': answer(200, [1, 2]) }, noKey, { kind: 'not-memory-service', reason: 'unexpected-answer', httpStatus: 200 }],
    ['key accepted', { health: healthy, 'detailed-anonymous': required, 'detailed-key': detailed, 'anonymous-trap': required }, withKey, { kind: 'key-accepted', server: { version: '10.59.0', backend: 'sqlite-vec', memoryCount: 12, roundTripMs: 3, scopes: ['read', 'write', 'admin'] } }],
    ['key accepted, trap check failed to connect', { health: healthy, 'detailed-anonymous': required, 'detailed-key': detailed, 'anonymous-trap': failed('reset') }, withKey, expect.objectContaining({ kind: 'key-accepted' })],
    ['anonymous trap', { health: healthy, 'detailed-anonymous': detailed, 'detailed-key': detailed, 'anonymous-trap': detailed }, withKey, expect.objectContaining({ kind: 'anonymous-trap' })],
    ['anonymous on, wrong X-API-Key refused (a proxy)', { health: healthy, 'detailed-anonymous': detailed, 'detailed-key': detailed, 'anonymous-trap': required }, withKey, expect.objectContaining({ kind: 'open-to-anyone', keyStored: true })],
    ['invalid_token', { health: healthy, 'detailed-anonymous': required, 'detailed-key': invalidToken }, withKey, { kind: 'key-rejected', reason: 'invalid-token', httpStatus: 401, anonymousOpen: false }],
    ['key dropped on the way', { health: healthy, 'detailed-anonymous': required, 'detailed-key': required }, withKey, { kind: 'key-rejected', reason: 'authorization-required', httpStatus: 401, anonymousOpen: false }],
    ['guide 401', { health: healthy, 'detailed-anonymous': guide401, 'detailed-key': guide401 }, withKey, { kind: 'key-rejected', reason: 'guide-unauthorized', httpStatus: 401, anonymousOpen: false }],
    ['guide 403', { health: healthy, 'detailed-anonymous': guide401, 'detailed-key': guide403 }, withKey, { kind: 'key-rejected', reason: 'guide-forbidden', httpStatus: 403, anonymousOpen: false }],
    ['anonymous on, Bearer refused', { health: healthy, 'detailed-anonymous': detailed, 'detailed-key': invalidToken }, withKey, { kind: 'key-rejected', reason: 'invalid-token', httpStatus: 401, anonymousOpen: true }],
    ['insufficient scope', { health: healthy, 'detailed-anonymous': required, 'detailed-key': scope403 }, withKey, { kind: 'forbidden', httpStatus: 403, scopeError: true }],
    ['403 from a proxy', { health: healthy, 'detailed-anonymous': required, 'detailed-key': answer(403, { message: 'denied by policy' }) }, withKey, { kind: 'forbidden', httpStatus: 403, scopeError: false }],
    ['auth-guarded health (proxy), no key', { health: guide401, 'detailed-anonymous': guide401 }, noKey, { kind: 'no-key-stored' }],
  ];

  it.each(cases)('%s', (_name, run, context, status) => {
    expect(classify(run, context)).toEqual({ status });
  });
});

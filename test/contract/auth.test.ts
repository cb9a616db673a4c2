// §3 of memory-service-api.md: where credentials are looked for, what each failure looks like.
import { expect, it } from 'vitest';
import { describeModes } from './harness';
import type { HttpResponse } from './http-client';

const A_REQUIRED = {
  detail: {
    error: 'authorization_required',
    error_description: 'Authorization required. Provide valid API key via X-API-Key header or api_key query parameter.',
  },
};
const B_REQUIRED = {
  detail: {
    error: 'authorization_required',
    error_description: 'Authentication is required. Set MCP_ALLOW_ANONYMOUS_ACCESS=true to enable anonymous access.',
  },
};
const INVALID_TOKEN = {
  detail: { error: 'invalid_token', error_description: 'OAuth is disabled. Use API key authentication or enable anonymous access.' },
};
const INSUFFICIENT_SCOPE = { detail: { error: 'insufficient_scope', error_description: "Required scope 'admin' not granted" } };

const PROTECTED = '/api/health/detailed';
const WWW_AUTH = /^Bearer resource_metadata="https?:\/\/[^"\s]+\/\.well-known\/oauth-protected-resource"$/;

function expect401(res: HttpResponse, body: unknown): void {
  expect(res.status).toBe(401);
  expect(res.json).toEqual(body);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.headers['www-authenticate']).toMatch(WWW_AUTH);
}

/** The admin probe: restart with confirm:false never restarts; with admin scope it is a 400. */
const ADMIN_PROBE = { method: 'POST', path: '/api/server/restart', raw: JSON.stringify({ confirm: false }) } as const;
const JSON_HEADERS = { 'content-type': 'application/json' };

describeModes('public routes', ['key', 'anonymous', 'no-key'], (api) => {
  it('GET /api/health needs no credentials and says only {"status":"healthy"}', async () => {
    const res = await api().raw('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'healthy' });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('a wrong Bearer does not break the public health route', async () => {
    const res = await api().raw('GET', '/api/health', { headers: { Authorization: 'Bearer wrong' } });
    expect(res.status).toBe(200);
  });
});

describeModes('auth with an API key (configuration A)', ['key'], (api) => {
  const key = (): string => api().target.key as string;

  it('no credentials → 401 authorization_required with WWW-Authenticate', async () => {
    expect401(await api().raw('GET', PROTECTED), A_REQUIRED);
  });

  it('every kind of route is protected, including writes and the event stream', async () => {
    expect401(await api().raw('GET', '/api/memories'), A_REQUIRED);
    expect401(await api().raw('POST', '/api/memories', { headers: JSON_HEADERS, raw: '{"content":"x"}' }), A_REQUIRED);
    expect401(await api().raw('GET', '/api/events'), A_REQUIRED);
  });

  it('the key without "Bearer ", Basic, or an empty Bearer are ignored → the no-credentials 401', async () => {
    expect401(await api().raw('GET', PROTECTED, { headers: { Authorization: key() } }), A_REQUIRED);
    expect401(await api().raw('GET', PROTECTED, { headers: { Authorization: `Basic ${Buffer.from(`u:${key()}`).toString('base64')}` } }), A_REQUIRED);
    expect401(await api().raw('GET', PROTECTED, { headers: { Authorization: 'Bearer ' } }), A_REQUIRED);
  });

  it('a wrong Bearer → 401 invalid_token', async () => {
    expect401(await api().raw('GET', PROTECTED, { headers: { Authorization: 'Bearer wrong' } }), INVALID_TOKEN);
  });

  it('a wrong X-API-Key or ?api_key → the no-credentials 401', async () => {
    expect401(await api().raw('GET', PROTECTED, { headers: { 'X-API-Key': 'wrong' } }), A_REQUIRED);
    expect401(await api().raw('GET', `${PROTECTED}?api_key=wrong`), A_REQUIRED);
    expect401(await api().raw('GET', PROTECTED, { headers: { 'X-API-Key': `${key()}x` } }), A_REQUIRED);
  });

  it('a wrong Bearer wins over a right X-API-Key', async () => {
    expect401(await api().raw('GET', PROTECTED, { headers: { Authorization: 'Bearer wrong', 'X-API-Key': key() } }), INVALID_TOKEN);
  });

  it('the right key works as Bearer (any case), X-API-Key (any header case, trimmed) and ?api_key', async () => {
    const variants: Record<string, string>[] = [
      { Authorization: `Bearer ${key()}` },
      { Authorization: `bearer ${key()}` },
      { Authorization: `BEARER ${key()}` },
      { 'X-API-Key': key() },
      { 'x-api-key': `  ${key()}  ` },
    ];
    for (const headers of variants) {
      const res = await api().raw('GET', PROTECTED, { headers });
      expect(res.status, JSON.stringify(headers)).toBe(200);
    }
    const viaQuery = await api().raw('GET', `${PROTECTED}?api_key=${encodeURIComponent(key())}`);
    expect(viaQuery.status).toBe(200);
  });

  it('a right X-API-Key is enough even with a wrong ?api_key', async () => {
    const res = await api().raw('GET', `${PROTECTED}?api_key=wrong`, { headers: { 'X-API-Key': key() } });
    expect(res.status).toBe(200);
  });

  it('the key carries the admin scope', async () => {
    const res = await api().raw(ADMIN_PROBE.method, ADMIN_PROBE.path, { headers: { ...JSON_HEADERS, 'X-API-Key': key() }, raw: ADMIN_PROBE.raw });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ detail: "Restart confirmation required. Set 'confirm' to true." });
  });

  it('authentication comes before request validation (401, not 422)', async () => {
    expect401(await api().raw('GET', '/api/memories?page_size=101'), A_REQUIRED);
    expect401(await api().raw('POST', '/api/memories', { headers: JSON_HEADERS, raw: '{}' }), A_REQUIRED);
  });

  it('a body that is not JSON is a 422 even before authentication, as in FastAPI', async () => {
    const res = await api().raw('POST', '/api/memories', { headers: JSON_HEADERS, raw: '{not json' });
    expect(res.status).toBe(422);
    const detail = (res.json as { detail: { type: string; loc: unknown[]; msg: string }[] }).detail;
    expect(detail[0]?.type).toBe('json_invalid');
    expect(detail[0]?.loc[0]).toBe('body');
    expect(detail[0]?.msg).toBe('JSON decode error');
  });
});

describeModes('auth with anonymous access (configuration C)', ['anonymous'], (api) => {
  it('no credentials → read and write work', async () => {
    expect((await api().raw('GET', PROTECTED)).status).toBe(200);
    expect((await api().raw('GET', '/api/memories')).status).toBe(200);
  });

  it('any X-API-Key or ?api_key is ignored (treated as anonymous)', async () => {
    expect((await api().raw('GET', PROTECTED, { headers: { 'X-API-Key': 'whatever' } })).status).toBe(200);
    expect((await api().raw('GET', `${PROTECTED}?api_key=whatever`)).status).toBe(200);
  });

  it('any Bearer breaks anonymous mode → 401 invalid_token', async () => {
    expect401(await api().raw('GET', PROTECTED, { headers: { Authorization: 'Bearer anything' } }), INVALID_TOKEN);
  });

  it('an admin route → 403 insufficient_scope (and no WWW-Authenticate)', async () => {
    const res = await api().raw(ADMIN_PROBE.method, ADMIN_PROBE.path, { headers: JSON_HEADERS, raw: ADMIN_PROBE.raw });
    expect(res.status).toBe(403);
    expect(res.json).toEqual(INSUFFICIENT_SCOPE);
    expect(res.headers['www-authenticate']).toBeUndefined();
    const check = await api().raw('GET', '/api/server/version/check');
    expect(check.status).toBe(403);
    expect(check.json).toEqual(INSUFFICIENT_SCOPE);
  });
});

describeModes('auth with no key and anonymous off (configuration B)', ['no-key'], (api) => {
  it('no credentials → 401 with the "set MCP_ALLOW_ANONYMOUS_ACCESS" description', async () => {
    expect401(await api().raw('GET', PROTECTED), B_REQUIRED);
    expect401(await api().raw('GET', '/api/memories'), B_REQUIRED);
  });

  it('any X-API-Key or ?api_key → the same 401 (there is no key to match)', async () => {
    expect401(await api().raw('GET', PROTECTED, { headers: { 'X-API-Key': 'anything' } }), B_REQUIRED);
    expect401(await api().raw('GET', `${PROTECTED}?api_key=anything`), B_REQUIRED);
  });

  it('any Bearer → 401 invalid_token', async () => {
    expect401(await api().raw('GET', PROTECTED, { headers: { Authorization: 'Bearer anything' } }), INVALID_TOKEN);
  });

  it('admin routes answer 401, not 403, without credentials', async () => {
    expect401(await api().raw(ADMIN_PROBE.method, ADMIN_PROBE.path, { headers: JSON_HEADERS, raw: ADMIN_PROBE.raw }), B_REQUIRED);
  });
});

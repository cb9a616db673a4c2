import http from 'node:http';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeSignal } from '../../../electron/contract';
import { startBrowserHost, type BrowserHost } from '../../../electron/browser-host/browser-host';
import type { ConsoleCore } from '../../../electron/core/console-core';

/** A core that echoes what it was asked, so the tests see exactly what crossed the host. */
function echoCore() {
  const listeners = new Set<(signal: ChangeSignal) => void>();
  const calls: Array<{ method: string; payload: unknown }> = [];
  const core: ConsoleCore = {
    dispatch: async (method, payload) => {
      calls.push({ method, payload });
      return { ok: true, value: { echoed: method } };
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => undefined,
  };
  return { core, calls, emit: (signal: ChangeSignal) => listeners.forEach((l) => l(signal)) };
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(port: number, options: { path?: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: options.path ?? '/', method: options.method ?? 'GET', headers: { Host: `127.0.0.1:${port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('browser-mode host', () => {
  const token = 'test-launch-token-0123456789abcdefghijklmnop';
  let host: BrowserHost;
  let echo: ReturnType<typeof echoCore>;
  let cookie: string;

  beforeAll(async () => {
    const rendererDir = await mkdtemp(path.join(tmpdir(), 'mc-renderer-'));
    await mkdir(path.join(rendererDir, 'assets'));
    await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Memory Console</title>');
    await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(path.join(path.dirname(rendererDir), 'outside-secret.txt'), 'secret');
    echo = echoCore();
    host = await startBrowserHost({ core: echo.core, rendererDir, port: 0, token });
    cookie = `memory_console_${host.port}=${token}`;
  });
  afterAll(() => host.close());

  it('prints a loopback URL carrying the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${token}`);
  });

  it('refuses a request without the token with 401', async () => {
    const res = await request(host.port, { path: '/' });
    expect(res.status).toBe(401);
    expect(res.body).toContain('launch token');
    const rpc = await request(host.port, { path: '/rpc/app.info', method: 'POST', headers: { 'X-Memory-Console': '1' }, body: '{}' });
    expect(rpc.status).toBe(401);
    expect(echo.calls).toHaveLength(0);
  });

  it('refuses a wrong token with 401', async () => {
    expect((await request(host.port, { path: '/?token=wrong' })).status).toBe(401);
    expect((await request(host.port, { headers: { Cookie: `memory_console_${host.port}=wrong` } })).status).toBe(401);
  });

  it('trades the URL token for an HttpOnly SameSite=Strict cookie and drops it from the address', async () => {
    const res = await request(host.port, { path: `/?token=${token}` });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    expect(res.headers['set-cookie']?.[0]).toMatch(/HttpOnly/);
    expect(res.headers['set-cookie']?.[0]).toMatch(/SameSite=Strict/);
  });

  it('serves the renderer with the CSP to a holder of the cookie', async () => {
    const res = await request(host.port, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    expect(res.body).toContain('Memory Console');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-eval');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect((await request(host.port, { path: '/assets/app.js', headers: { Cookie: cookie } })).headers['content-type']).toContain('javascript');
  });

  it('refuses a foreign Host header with 403 even with the token (DNS rebinding)', async () => {
    const res = await request(host.port, { headers: { Host: `evil.example:${host.port}`, Cookie: cookie } });
    expect(res.status).toBe(403);
  });

  it('refuses a foreign Origin with 403 and answers no CORS preflight', async () => {
    const rpc = await request(host.port, {
      path: '/rpc/app.info',
      method: 'POST',
      headers: { Cookie: cookie, Origin: 'http://evil.example', 'X-Memory-Console': '1' },
      body: '{}',
    });
    expect(rpc.status).toBe(403);
    const preflight = await request(host.port, { method: 'OPTIONS', path: '/rpc/app.info', headers: { Cookie: cookie, Origin: `http://127.0.0.1:${host.port}` } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('dispatches RPC calls with the marker header and refuses them without it', async () => {
    const without = await request(host.port, { path: '/rpc/app.info', method: 'POST', headers: { Cookie: cookie }, body: '{}' });
    expect(without.status).toBe(403);
    const ok = await request(host.port, {
      path: '/rpc/profiles.list',
      method: 'POST',
      headers: { Cookie: cookie, 'X-Memory-Console': '1', 'Content-Type': 'application/json' },
      body: '{"a":1}',
    });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ ok: true, value: { echoed: 'profiles.list' } });
    expect(echo.calls.at(-1)).toEqual({ method: 'profiles.list', payload: { a: 1 } });
  });

  it('answers malformed JSON with a typed invalid-input error', async () => {
    const res = await request(host.port, { path: '/rpc/app.info', method: 'POST', headers: { Cookie: cookie, 'X-Memory-Console': '1' }, body: '{"a":' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('never serves files outside the renderer folder', async () => {
    for (const attempt of ['/../outside-secret.txt', '/%2e%2e/outside-secret.txt', '/assets/..%2f..%2foutside-secret.txt', '/..%5coutside-secret.txt']) {
      const res = await request(host.port, { path: attempt, headers: { Cookie: cookie } });
      expect(res.status, attempt).toBe(404);
      expect(res.body).not.toContain('secret');
    }
  });

  it('pushes change signals over /signals', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: host.port, path: '/signals', headers: { Host: `127.0.0.1:${host.port}`, Cookie: cookie } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes(': connected') && !text.includes('event: signal')) echo.emit({ kind: 'memories-changed', profileId: 'demo' });
          if (text.includes('event: signal')) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', reject);
    });
    expect(received).toContain('data: {"kind":"memories-changed","profileId":"demo"}');
  });

  it('listens on 127.0.0.1 only', async () => {
    const other = await new Promise<string>((resolve) => {
      const req = http.get({ host: '::1', port: host.port, path: '/' }, () => resolve('connected'));
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(other).not.toBe('connected');
  });
});

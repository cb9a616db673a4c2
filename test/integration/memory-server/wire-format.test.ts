// Bytes on the wire that a parser would hide: SSE framing as sse-starlette writes it, CORS as
// Starlette's middleware answers it, and FastAPI's slash redirect.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMemoryServer, type RunningMemoryServer } from '../../memory-server/index';
import { call } from './helpers';

let server: RunningMemoryServer;
beforeAll(async () => {
  server = await startMemoryServer({ allowAnonymous: true, heartbeatSeconds: 0.2 });
});
afterAll(() => server.stop());

/** Reads the raw stream until `enough` says so, then hangs up. */
function readStream(path: string, enough: (text: string) => boolean): Promise<{ headers: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (enough(text)) {
          resolve({ headers: res.headers, text });
          req.destroy();
        }
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET') reject(error);
    });
    req.end();
  });
}

describe('wire format', () => {
  it('SSE frames are id/event/data lines ended by CRLF, data in Python json.dumps spelling', async () => {
    const { headers, text } = await readStream('/api/events', (t) => t.includes('event: heartbeat'));
    expect(headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(headers['cache-control']).toBe('no-store');
    expect(headers['x-accel-buffering']).toBe('no');
    const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
    const ts = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?\\+00:00';
    expect(text).toMatch(
      new RegExp(
        `^id: ${uuid}\\r\\nevent: connection_established\\r\\ndata: \\{"timestamp": "${ts}", "connection_id": "${uuid}", ` +
          `"message": "Connected to MCP Memory Service SSE stream", "heartbeat_interval": 0\\.2\\}\\r\\n\\r\\n`,
      ),
    );
    expect(text).toMatch(
      new RegExp(`id: ${uuid}\\r\\nevent: heartbeat\\r\\ndata: \\{"timestamp": "${ts}", "active_connections": 1, "server_status": "healthy"\\}\\r\\n\\r\\n`),
    );
  });

  it('SSE data escapes non-ASCII like Python (ensure_ascii)', async () => {
    const done = readStream('/api/events', (t) => t.includes('event: memory_stored'));
    await new Promise((r) => setTimeout(r, 100));
    await call(server.url, 'POST', '/api/memories', {}, { content: 'Café 東京', tags: ['wire'] });
    const { text } = await done;
    expect(text).toContain('"content_preview": "Caf\\u00e9 \\u6771\\u4eac"');
  });

  it('CORS: an allowed origin gets the Starlette preflight answer; others get 400', async () => {
    const preflight = (origin: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> =>
      new Promise((resolve, reject) => {
        const req = request(
          `${server.url}/api/memories`,
          { method: 'OPTIONS', agent: false, headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'x-api-key,content-type' } },
          (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
          },
        );
        req.on('error', reject);
        req.end();
      });
    const allowed = await preflight('http://localhost:8000');
    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:8000');
    expect(allowed.headers['access-control-allow-headers']).toBe('x-api-key,content-type');
    expect(allowed.headers['access-control-max-age']).toBe('600');
    const refused = await preflight('http://localhost:5173');
    expect(refused.status).toBe(400);
    expect(refused.body).toBe('Disallowed CORS origin');
  });

  it('a trailing slash is redirected (307) to the route without it', async () => {
    const res = await fetch(`${server.url}/api/memories/?page=2`, { redirect: 'manual' });
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toBe(`${server.url}/api/memories?page=2`);
  });
});

import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/** Small real servers for the cases a memory service cannot play itself. All bind 127.0.0.1. */

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
}

export interface TestServer {
  readonly url: string;
  readonly port: number;
  /** Every request that reached this server, in order. */
  readonly seen: SeenRequest[];
  stop(): Promise<void>;
}

async function listen(server: http.Server | net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

function httpServer(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<TestServer> {
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  return listen(server).then((port) => ({
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  }));
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Accepts connections and never answers: the "stalled" server. */
export async function startStalledServer(): Promise<TestServer & { connections(): number }> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen: [],
    connections: () => accepted,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A web server that is not a memory service: nginx's 404 page for everything. */
export function startHtmlServer(): Promise<TestServer> {
  return httpServer((_req, res) => {
    const page = '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
    res.writeHead(404, { 'content-type': 'text/html', server: 'nginx' });
    res.end(page);
  });
}

/** A login portal: 200 with an HTML page for everything. */
export function startPortalServer(): Promise<TestServer> {
  return httpServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Sign in</title><form><input name="user"></form>');
  });
}

/** Answers every request with a redirect to `location`. */
export function startRedirectServer(location: (path: string) => string, status = 307): Promise<TestServer> {
  return httpServer((req, res) => {
    res.writeHead(status, { location: location(req.url ?? '/'), 'content-type': 'text/plain' });
    res.end('Moved');
  });
}

/** Records what arrives and answers like a healthy memory service, so following a redirect here would "work". */
export function startRecordingServer(): Promise<TestServer> {
  return httpServer((_req, res) => json(res, 200, { status: 'healthy', version: '10.59.0', storage: { backend: 'sqlite-vec', total_memories: 1 } }));
}

function forward(upstream: string, req: http.IncomingMessage, res: http.ServerResponse, dropHeaders: readonly string[] = []): void {
  const headers = { ...req.headers };
  delete headers.host;
  for (const name of dropHeaders) delete headers[name];
  const out = http.request(new URL(req.url ?? '/', upstream), { method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  out.on('error', () => json(res, 502, { detail: 'bad gateway' }));
  req.pipe(out);
}

/**
 * A proxy in front of a memory service that checks a key the way the old guide describes:
 * no key → 401 `{"error":"Unauthorized","message":"Missing or invalid API key"}`, a wrong key →
 * 403 `{"error":"Forbidden","message":"Invalid API key"}`, the right one → passed through.
 * `/api/health` stays public unless `guardHealth`.
 */
export function startGuideProxy(options: {
  readonly upstream: string;
  readonly key: string;
  readonly guardHealth?: boolean;
  /** Some proxies answer a wrong key with the guide's 401 body instead of its 403. */
  readonly wrongKeyStatus?: 401 | 403;
}): Promise<TestServer> {
  return httpServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://proxy').pathname;
    if (path === '/api/health' && !options.guardHealth) {
      forward(options.upstream, req, res);
      return;
    }
    const authorization = req.headers.authorization;
    const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined;
    if (bearer === undefined) {
      json(res, 401, { error: 'Unauthorized', message: 'Missing or invalid API key' });
      return;
    }
    if (bearer !== options.key) {
      if (options.wrongKeyStatus === 401) json(res, 401, { error: 'Unauthorized', message: 'Missing or invalid API key' });
      else json(res, 403, { error: 'Forbidden', message: 'Invalid API key' });
      return;
    }
    forward(options.upstream, req, res);
  });
}

/** A proxy that drops the Authorization header on the way (a common misconfiguration). */
export function startHeaderStrippingProxy(upstream: string): Promise<TestServer> {
  return httpServer((req, res) => forward(upstream, req, res, ['authorization']));
}

/** An HTTPS server that records what arrives; with the wrong certificate pinned, nothing may. */
export async function startHttpsRecordingServer(files: { readonly certFile: string; readonly keyFile: string }): Promise<TestServer> {
  const seen: SeenRequest[] = [];
  const server = https.createServer({ cert: readFileSync(files.certFile), key: readFileSync(files.keyFile) }, (req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    json(res, 200, { status: 'healthy' });
  });
  const port = await listen(server);
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    seen,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

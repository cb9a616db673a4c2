import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/**
 * Real servers on 127.0.0.1 that misbehave on purpose, one way each, for the hardening tests.
 * Every one records what reached it (so a test can prove that a key did not) and stops cleanly,
 * destroying whatever connections are still open.
 */

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
}

export interface MisbehavingServer {
  readonly url: string;
  readonly port: number;
  /** Every request that reached this server (parsed HTTP requests only), in order. */
  readonly seen: SeenRequest[];
  /** Connections accepted so far, and how many of them are still open. */
  connections(): { readonly accepted: number; readonly open: number };
  stop(): Promise<void>;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

async function serve(server: http.Server | https.Server | net.Server, scheme: 'http' | 'https', seen: SeenRequest[]): Promise<MisbehavingServer> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  server.on('connection', (socket: net.Socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  // A refused TLS handshake is the client's doing and expected here.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    seen,
    connections: () => ({ accepted, open: sockets.size }),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export function startHttpServer(handler: Handler): Promise<MisbehavingServer> {
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  return serve(server, 'http', seen);
}

export function startHttpsServer(tls: { readonly cert: string | Buffer; readonly key: string | Buffer }, handler: Handler): Promise<MisbehavingServer> {
  const seen: SeenRequest[] = [];
  const server = https.createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  return serve(server, 'https', seen);
}

/** A port nothing listens on: bound once to learn a free number, then closed. */
export async function refusedUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** Accepts the connection, reads the request, and never answers a byte. */
export function startSilentServer(): Promise<MisbehavingServer> {
  const server = net.createServer((socket) => {
    socket.resume();
  });
  return serve(server, 'http', []);
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The same answer to every request. `body` is sent as given (a string is not re-encoded). */
export function startFixedAnswerServer(answer: { readonly status: number; readonly contentType: string; readonly body: string }): Promise<MisbehavingServer> {
  return startHttpServer((_req, res) => {
    res.writeHead(answer.status, { 'content-type': answer.contentType, 'content-length': Buffer.byteLength(answer.body) });
    res.end(answer.body);
  });
}

/** Announces `announced` bytes of JSON, sends `prefix`, then drops the connection. */
export function startTruncatingServer(prefix: string, announced: number): Promise<MisbehavingServer> {
  return startHttpServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': announced });
    res.write(prefix, () => setTimeout(() => res.socket?.destroy(), 20));
  });
}

export interface FloodServer extends MisbehavingServer {
  /** Bytes of body the server managed to hand to the kernel before the client went away. */
  bytesWritten(): number;
}

/**
 * Answers HTTP 200 `application/json` with `totalBytes` of body (no Content-Length, chunked), one
 * reused 1 MiB buffer at a time and only as fast as the client reads, so the server itself holds
 * no more than that buffer however much it offers.
 */
export async function startFloodServer(totalBytes: number): Promise<FloodServer> {
  let written = 0;
  const chunk = Buffer.alloc(1024 * 1024, 'a');
  const server = await startHttpServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"memories":["');
    let left = totalBytes;
    let gone = false;
    res.on('close', () => (gone = true));
    const pump = () => {
      while (!gone && left > 0) {
        const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= piece.length;
        written += piece.length;
        if (!res.write(piece)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!gone) res.end('"]}');
    };
    pump();
  });
  return { ...server, bytesWritten: () => written };
}

/** Redirects every request to `location` (another origin in the tests). */
export function startRedirectServer(location: (req: http.IncomingMessage) => string, status = 307): Promise<MisbehavingServer> {
  return startHttpServer((req, res) => {
    res.writeHead(status, { location: location(req), 'content-length': 0 });
    res.end();
  });
}

/** One memory as the service returns it (memory-service-api.md §2). */
export function memoryJson(content: string, hash: string) {
  return {
    content,
    content_hash: hash,
    tags: ['hardening'],
    memory_type: 'note',
    metadata: {},
    created_at: 1_700_000_000,
    created_at_iso: '2023-11-14T22:13:20Z',
    updated_at: 1_700_000_000,
    updated_at_iso: '2023-11-14T22:13:20Z',
  };
}

export function memoryPageJson(count = 1) {
  const memories = Array.from({ length: count }, (_, i) => memoryJson(`memory ${i}`, `hash${i}`));
  return { memories, total: count, page: 1, page_size: 100, has_more: false };
}

export interface DyingEventStream extends MisbehavingServer {
  /** When each /api/events request arrived (ms since the server started). */
  readonly attempts: number[];
}

/**
 * `/api/events` that misbehaves: `mode: 'mid-stream'` answers like the service (headers, a
 * `connected` comment and one `memory_stored` event) and then drops the connection;
 * `mode: 'before-headers'` drops it as soon as the request arrives. After `healAfter` attempts it
 * answers normally and keeps the stream open.
 */
export async function startDyingEventStream(mode: 'mid-stream' | 'before-headers', healAfter = Number.POSITIVE_INFINITY): Promise<DyingEventStream> {
  const attempts: number[] = [];
  const started = performance.now();
  const server = await startHttpServer((req, res) => {
    if (!req.url?.startsWith('/api/events')) {
      sendJson(res, 404, { detail: 'Not Found' });
      return;
    }
    attempts.push(performance.now() - started);
    const healed = attempts.length > healAfter;
    if (mode === 'before-headers' && !healed) {
      req.socket.destroy();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    res.write(': connected\n\n');
    res.write(`event: memory_stored\ndata: ${JSON.stringify({ content_hash: `h${attempts.length}`, content_preview: 'x' })}\n\n`);
    if (!healed) setTimeout(() => req.socket.destroy(), 30);
  });
  return { ...server, attempts };
}

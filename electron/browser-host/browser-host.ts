import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChangeSignal } from '../contract';
import type { ConsoleCore } from '../core/console-core';
import { contentSecurityPolicy } from '../shell/csp';
import {
  bearerToken,
  isOwnHost,
  isOwnOrigin,
  newLaunchToken,
  readCookie,
  sessionCookieName,
  tokensMatch,
} from './request-guard';
import { readStaticFile } from './static-files';

export interface BrowserHostOptions {
  readonly core: ConsoleCore;
  /** The built renderer (dist/renderer). */
  readonly rendererDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** For tests; a fresh random token otherwise. */
  readonly token?: string;
}

export interface BrowserHost {
  /** The URL to open, with the launch token; the only place the token is ever shown. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const maxRpcBodyBytes = 1024 * 1024;
const signalKeepAliveMs = 15_000;

/** The same console API as Electron's IPC, over loopback HTTP, for browsers (and the e2e tests). */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? newLaunchToken();
  const csp = contentSecurityPolicy();
  const signalStreams = new Set<http.ServerResponse>();
  let port = 0;

  const server = http.createServer((req, res) => {
    setSecurityHeaders(res, csp);
    handle(req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Internal error.');
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!isOwnHost(req.headers.host, port)) return sendText(res, 403, 'Forbidden: unexpected Host header.');
    if (!isOwnOrigin(req.headers.origin, port)) return sendText(res, 403, 'Forbidden: cross-origin request.');
    // No CORS: a preflight is how a foreign page would ask, and the answer is always no.
    if (req.method === 'OPTIONS') return sendText(res, 403, 'Forbidden.');

    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const offered = url.searchParams.get('token');
    if (offered !== null && req.method === 'GET') {
      if (!tokensMatch(offered, token)) return sendText(res, 401, 'This console link is not valid. Open the URL printed in the terminal.');
      // Trade the token in the URL for an HttpOnly cookie, and drop it from the address bar and history.
      url.searchParams.delete('token');
      res.setHeader('Set-Cookie', `${sessionCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      res.setHeader('Location', `${url.pathname}${url.search}`);
      res.writeHead(303).end();
      return;
    }
    const presented = readCookie(req.headers.cookie, sessionCookieName(port)) ?? bearerToken(req.headers.authorization);
    if (!tokensMatch(presented, token)) {
      return sendText(res, 401, 'Unauthorized: this console session needs its launch token. Open the URL printed in the terminal.');
    }

    if (url.pathname.startsWith('/rpc/')) return handleRpc(req, res, url.pathname.slice('/rpc/'.length));
    if (url.pathname === '/signals') return handleSignals(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed.');
    const file = await readStaticFile(options.rendererDir, url.pathname);
    if (!file) return sendText(res, 404, 'Not found.');
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Cache-Control', file.contentType.startsWith('text/html') ? 'no-store' : 'private, max-age=3600');
    res.writeHead(200).end(req.method === 'HEAD' ? undefined : file.body);
  }

  async function handleRpc(req: http.IncomingMessage, res: http.ServerResponse, encodedMethod: string): Promise<void> {
    if (req.method !== 'POST') return sendText(res, 405, 'Method not allowed.');
    // A custom header cannot be sent cross-site without a CORS preflight, which is refused above.
    if (req.headers['x-memory-console'] !== '1') return sendText(res, 403, 'Forbidden: missing X-Memory-Console header.');
    let method: string;
    try {
      method = decodeURIComponent(encodedMethod);
    } catch {
      // Still drain the body, so a keep-alive connection stays usable.
      req.resume();
      return sendJson(res, 400, invalid('The method name in the address is not valid percent-encoding.'));
    }
    const body = await readBody(req, maxRpcBodyBytes);
    if (body === 'too-large') return sendJson(res, 413, invalid('The request body is larger than 1 MiB.'));
    let payload: unknown;
    try {
      payload = body.length === 0 ? {} : (JSON.parse(body) as unknown);
    } catch {
      return sendJson(res, 400, invalid('The request body is not valid JSON.'));
    }
    sendJson(res, 200, await options.core.dispatch(method, payload));
  }

  function handleSignals(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store' });
    res.write(': connected\n\n');
    signalStreams.add(res);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), signalKeepAliveMs);
    req.on('close', () => {
      clearInterval(keepAlive);
      signalStreams.delete(res);
    });
  }

  const unsubscribe = options.core.subscribe((signal: ChangeSignal) => {
    const frame = `event: signal\ndata: ${JSON.stringify(signal)}\n\n`;
    for (const stream of signalStreams) stream.write(frame);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the console is never reachable from another machine.
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    close: async () => {
      unsubscribe();
      for (const stream of signalStreams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function setSecurityHeaders(res: http.ServerResponse, csp: string): void {
  res.setHeader('Content-Security-Policy', csp);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function sendText(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end(`${text}\n`);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(JSON.stringify(value));
}

function invalid(message: string) {
  return { ok: false, error: { code: 'invalid-input', message } } as const;
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

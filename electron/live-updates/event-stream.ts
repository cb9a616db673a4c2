import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { ConsoleFailure } from '../core/console-failure';
import { classifyTransportError, connectVerifiedTls, TransportFailure } from '../memory-service/http-transport';
import { endpointUrl, failureForStatus, failureForTransport, type MemoryServerTarget } from '../memory-service/memory-client';

/**
 * One connection to a server's `GET /api/events`, with the same guarantees as every other call:
 * the key goes in the Authorization header (never `?api_key=`, which lands in access logs), no
 * redirect is followed, TLS is checked (or pinned), and waiting is bounded. Parsing is
 * eventsource-parser's; this module only moves bytes and classifies failures.
 */

export interface EventStreamOptions {
  readonly target: MemoryServerTarget;
  /** Until the server has answered with headers. */
  readonly connectTimeoutMs: number;
  /**
   * Silence after which the connection counts as dead. The server sends a comment ping every
   * 15 s and a heartbeat event every 30 s (MCP_SSE_HEARTBEAT), so a minute of nothing means a
   * half-open connection (a sleeping laptop, a dropped NAT entry) that TCP would not notice.
   */
  readonly idleTimeoutMs: number;
  readonly signal: AbortSignal;
  readonly onOpen: () => void;
  readonly onEvent: (event: EventSourceMessage) => void;
}

/** What ended a stream that had opened. Failures before it opened reject with a ConsoleFailure. */
export type StreamEnd = 'ended' | 'idle' | 'aborted';

const maxErrorBodyBytes = 64 * 1024;
/** One event's data; the server's largest (memory_stored) carries a 100-character preview. */
const maxEventBytes = 1024 * 1024;

export function followEventStream(options: EventStreamOptions): Promise<StreamEnd> {
  const { target } = options;
  const url = endpointUrl(target.baseUrl, '/api/events');
  const headers: Record<string, string> = {
    Accept: 'text/event-stream',
    'Cache-Control': 'no-cache',
    'User-Agent': 'memory-console',
  };
  // Same rule as every call: Bearer when there is a key, nothing at all when there is not.
  if (target.apiKey) headers['Authorization'] = `Bearer ${target.apiKey}`;

  return new Promise<StreamEnd>((resolve, reject) => {
    let settled = false;
    let idleTimer: NodeJS.Timeout | undefined;
    const live: { socket?: TLSSocket; request?: http.ClientRequest } = {};
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(idleTimer);
      options.signal.removeEventListener('abort', onAbort);
      live.request?.destroy();
      live.socket?.destroy();
      action();
    };

    const startRequest = (socket?: TLSSocket) => {
      const requestOptions: https.RequestOptions = socket
        ? { method: 'GET', headers, createConnection: () => socket }
        : { method: 'GET', headers, agent: false };
      const transport = url.protocol === 'https:' ? https : http;
      const req = transport.request(url, requestOptions, onResponse);
      live.request = req;
      req.on('error', (error) => finish(() => reject(failureForTransport(classifyTransportError(error)))));
      req.end();
    };

    const onResponse = (res: http.IncomingMessage) => {
      clearTimeout(connectTimer);
      const status = res.statusCode ?? 0;
      const type = String(res.headers['content-type'] ?? '');
      if (status !== 200) {
        readSmall(res).then(
          (text) => finish(() => reject(failureForAnswer(status, res.headers, text, target))),
          () => finish(() => reject(new ConsoleFailure('server-unreachable', 'The server closed the event stream while refusing it.'))),
        );
        return;
      }
      if (!type.includes('text/event-stream')) {
        res.resume();
        finish(() => reject(new ConsoleFailure('bad-response', `Expected an event stream from ${url.pathname} but got ${type || 'no content type'}.`)));
        return;
      }

      const parser = createParser({
        onEvent: (event) => options.onEvent(event),
        onError: (error) => {
          if (error.type === 'max-buffer-size-exceeded') {
            finish(() => reject(new ConsoleFailure('bad-response', 'The server sent an event larger than the console accepts.')));
          }
        },
        maxBufferSize: maxEventBytes,
      });
      const armIdle = () => {
        clearTimeout(idleTimer);
        idleTimer = setTimeout(() => finish(() => resolve('idle')), options.idleTimeoutMs);
      };
      armIdle();
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        armIdle();
        parser.feed(chunk);
      });
      res.on('end', () => finish(() => resolve('ended')));
      res.on('error', () => finish(() => resolve('ended')));
      res.on('aborted', () => finish(() => resolve('ended')));
      options.onOpen();
    };

    const connectTimer = setTimeout(
      () => finish(() => reject(failureForTransport(new TransportFailure('timeout', `No answer within ${Math.round(options.connectTimeoutMs / 1000)} s.`)))),
      options.connectTimeoutMs,
    );
    const onAbort = () => finish(() => resolve('aborted'));
    if (options.signal.aborted) {
      onAbort();
      return;
    }
    options.signal.addEventListener('abort', onAbort);

    if (url.protocol !== 'https:') {
      startRequest();
      return;
    }
    live.socket = connectVerifiedTls(url, target.pinnedCertSha256, {
      onVerified: (socket) => startRequest(socket),
      onFailure: (failure) => finish(() => reject(failureForTransport(failure))),
    });
  });
}

function readSmall(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxErrorBodyBytes) chunks.push(chunk);
    });
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}

function failureForAnswer(status: number, headers: http.IncomingHttpHeaders, text: string, target: MemoryServerTarget): ConsoleFailure {
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    body = undefined;
  }
  if (status >= 300 && status < 400) {
    return new ConsoleFailure('bad-response', `The server redirected (${status}) instead of answering. The console does not follow redirects with your key.`);
  }
  return failureForStatus({ status, headers, text, elapsedMs: 0 }, body, target.apiKey !== null);
}


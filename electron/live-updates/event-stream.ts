import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import tls, { type TLSSocket } from 'node:tls';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { ConsoleFailure } from '../core/console-failure';
import { certificateFingerprint, judgeCertificate, TransportFailure } from '../memory-service/http-transport';
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
      req.on('error', (error) => finish(() => reject(failureForTransport(transportFailureFor(error)))));
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
    // As in the transport: the handshake first and the certificate judged by the same rule (the
    // system's trust store, or exactly the pinned certificate), before the key is written anywhere.
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const socket = tls.connect({
      host,
      port: Number(url.port || 443),
      ...(isIP(host) === 0 ? { servername: host } : {}),
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    });
    live.socket = socket;
    socket.on('error', (error) => finish(() => reject(failureForTransport(transportFailureFor(error)))));
    socket.once('secureConnect', () => {
      const cert = socket.getPeerX509Certificate();
      const presented = cert ? certificateFingerprint(cert.raw) : undefined;
      const refusal = judgeCertificate(socket, presented, target.pinnedCertSha256);
      if (refusal) finish(() => reject(failureForTransport(refusal)));
      else startRequest(socket);
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

/** Socket and TLS errors in the transport's terms (its own classifier is private to one request). */
function transportFailureFor(error: Error): TransportFailure {
  if (error instanceof TransportFailure) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code === 'ECONNREFUSED') return new TransportFailure('refused', 'Connection refused: nothing is listening at that address and port.');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new TransportFailure('dns', 'The server name could not be resolved (DNS).');
  if (code === 'ECONNRESET' || code === 'EPIPE') return new TransportFailure('reset', 'The server closed the connection.');
  if (code.includes('CERT') || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL')) {
    return new TransportFailure('tls-other', 'The secure connection could not be established.');
  }
  return new TransportFailure('other', 'The request failed before the server answered.');
}

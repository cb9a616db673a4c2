import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import tls, { type TLSSocket } from 'node:tls';

/**
 * One HTTP exchange with a memory server, on node:http/https so that every guarantee is ours:
 * a deadline on every request, a cap on what we read, no redirect is ever followed (so an
 * Authorization header can never travel to another origin), and TLS is never bypassed: a
 * self-signed certificate is accepted only when its SHA-256 fingerprint was pinned by the user.
 */

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Absolute URL, already including the base URL's path prefix. */
  readonly url: URL;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  /** `sha256:<hex>` of a certificate the user chose to trust for this profile. */
  readonly pinnedCertSha256?: string;
  readonly signal?: AbortSignal;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
  readonly elapsedMs: number;
  /** `sha256:<hex>` of the certificate an https server presented (and that was accepted). */
  readonly certSha256?: string;
}

export type TransportFailureKind =
  | 'dns'
  | 'refused'
  | 'timeout'
  | 'reset'
  | 'aborted'
  | 'too-large'
  | 'tls-self-signed'
  | 'tls-expired'
  | 'tls-hostname'
  | 'tls-pin-mismatch'
  | 'tls-other'
  | 'other';

export class TransportFailure extends Error {
  readonly kind: TransportFailureKind;
  /** Fingerprint of the certificate the server presented, for the "trust this certificate" step. */
  readonly certSha256: string | undefined;

  constructor(kind: TransportFailureKind, message: string, certSha256?: string) {
    super(message);
    this.name = 'TransportFailure';
    this.kind = kind;
    this.certSha256 = certSha256;
  }
}

export function certificateFingerprint(raw: Buffer): string {
  return `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

export function sendHttpRequest(request: HttpRequest): Promise<HttpResponse> {
  const { url } = request;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.reject(new TransportFailure('other', `Unsupported protocol ${url.protocol}`));
  }
  const body = request.body === undefined ? undefined : Buffer.from(JSON.stringify(request.body));
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'User-Agent': 'memory-console',
    ...request.headers,
  };
  if (body) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = String(body.length);
  }

  const started = performance.now();
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    let presentedCert: string | undefined;
    // What exists so far, so a deadline or an abort can tear down whichever stage it hits.
    const live: { socket?: TLSSocket; request?: http.ClientRequest } = {};
    const destroy = () => {
      live.request?.destroy();
      live.socket?.destroy();
    };
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      request.signal?.removeEventListener('abort', onAbort);
      action();
    };

    const startRequest = (socket?: TLSSocket) => {
      const options: https.RequestOptions = socket ? { method: request.method, headers, createConnection: () => socket } : { method: request.method, headers, agent: false };
      const transport = url.protocol === 'https:' ? https : http;
      const current = transport.request(url, options, (res) => {
        const chunks: Buffer[] = [];
        let received = 0;
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > request.maxBytes) {
            destroy();
            settle(() => reject(new TransportFailure('too-large', `The answer was larger than ${formatBytes(request.maxBytes)}; the console stopped reading it.`)));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          settle(() =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text: Buffer.concat(chunks).toString('utf8'),
              elapsedMs: performance.now() - started,
              ...(presentedCert ? { certSha256: presentedCert } : {}),
            }),
          ),
        );
        res.on('error', (error) => settle(() => reject(classifyTransportError(error, presentedCert))));
        res.on('aborted', () => settle(() => reject(new TransportFailure('reset', 'The server closed the connection mid-answer.'))));
      });
      live.request = current;
      current.on('error', (error) => settle(() => reject(classifyTransportError(error, presentedCert))));
      current.end(body);
    };

    const deadline = setTimeout(() => {
      destroy();
      settle(() => reject(new TransportFailure('timeout', `No answer within ${formatSeconds(request.timeoutMs)}.`)));
    }, request.timeoutMs);
    const onAbort = () => {
      destroy();
      settle(() => reject(new TransportFailure('aborted', 'The request was cancelled.')));
    };
    request.signal?.addEventListener('abort', onAbort);
    if (request.signal?.aborted) {
      onAbort();
      return;
    }

    if (url.protocol !== 'https:') {
      startRequest();
      return;
    }
    live.socket = connectVerifiedTls(url, request.pinnedCertSha256, {
      onVerified: (socket, presented) => {
        presentedCert = presented;
        startRequest(socket);
      },
      onFailure: (failure) => settle(() => reject(failure)),
    });
  });
}

export interface VerifiedTlsHandlers {
  /** The certificate was accepted: the socket may now carry the request (and its Authorization). */
  readonly onVerified: (socket: TLSSocket, presentedSha256: string | undefined) => void;
  /** The handshake failed or the certificate was refused; the socket is already destroyed. */
  readonly onFailure: (failure: TransportFailure) => void;
}

/**
 * The TLS handshake done before any request exists, with the certificate judged by us: no byte of
 * a request (and so no Authorization header) is written to a socket whose certificate was not
 * accepted. Node's own checkServerIdentity/rejectUnauthorized pair cannot express "this exact
 * certificate": with rejectUnauthorized off it skips the identity check for a self-signed
 * certificate and never refuses anything, so a pin would accept any certificate. Every HTTPS
 * connection to a memory server (requests and the event stream) goes through here.
 */
export function connectVerifiedTls(url: URL, pinnedCertSha256: string | undefined, handlers: VerifiedTlsHandlers): TLSSocket {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const socket = tls.connect({
    host,
    port: Number(url.port || 443),
    ...(isIP(host) === 0 ? { servername: host } : {}),
    rejectUnauthorized: false,
    ALPNProtocols: ['http/1.1'],
  });
  let presented: string | undefined;
  // Kept for the socket's whole life: an 'error' without a listener would crash the process.
  socket.on('error', (error) => handlers.onFailure(classifyTransportError(error, presented)));
  socket.once('secureConnect', () => {
    const cert = socket.getPeerX509Certificate();
    presented = cert ? certificateFingerprint(cert.raw) : undefined;
    const refusal = judgeCertificate(socket, presented, pinnedCertSha256);
    if (refusal) {
      socket.destroy();
      handlers.onFailure(refusal);
      return;
    }
    handlers.onVerified(socket, presented);
  });
  return socket;
}

/**
 * A pinned certificate is trusted by its exact fingerprint alone (it replaces both the CA and the
 * host-name check: a self-signed certificate for "localhost" served on 127.0.0.1 is the usual
 * case). Without a pin, the system's trust store and the host-name check decide, as they would
 * for any HTTPS client.
 */
export function judgeCertificate(socket: TLSSocket, presented: string | undefined, pinned: string | undefined): TransportFailure | undefined {
  if (pinned !== undefined) {
    if (presented !== undefined && presented === normalisePin(pinned)) return undefined;
    return new TransportFailure('tls-pin-mismatch', 'The server presented a different certificate than the one you trusted.', presented);
  }
  if (socket.authorized) return undefined;
  const reason = socket.authorizationError as unknown;
  const code = reason instanceof Error ? ((reason as NodeJS.ErrnoException).code ?? reason.message) : String(reason ?? '');
  return classifyTransportError(Object.assign(new Error(code), { code }), presented);
}

/** Accepts `sha256:<hex>`, bare hex, or colon-separated hex, in any case. */
export function normalisePin(pin: string): string {
  const hex = pin.trim().replace(/^sha256:/i, '').replace(/:/g, '').toLowerCase();
  return `sha256:${hex}`;
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

/** A Node network or TLS error as one of the transport's failure kinds. */
export function classifyTransportError(error: unknown, certSha256?: string): TransportFailure {
  if (error instanceof TransportFailure) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new TransportFailure('dns', 'The server name could not be resolved (DNS).');
    case 'ECONNREFUSED':
      return new TransportFailure('refused', 'Connection refused: nothing is listening at that address and port.');
    case 'ECONNRESET':
    case 'EPIPE':
      return new TransportFailure('reset', 'The server closed the connection.');
    case 'ETIMEDOUT':
      return new TransportFailure('timeout', 'The connection timed out.');
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return new TransportFailure('tls-self-signed', 'The server’s certificate is not signed by an authority this machine trusts (self-signed).', certSha256);
    case 'CERT_HAS_EXPIRED':
    case 'CERT_NOT_YET_VALID':
      return new TransportFailure('tls-expired', 'The server’s certificate has expired or is not yet valid.', certSha256);
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return new TransportFailure('tls-hostname', 'The server’s certificate was issued for a different host name.', certSha256);
    default:
      if (code.startsWith('ERR_TLS') || code.includes('CERT') || code.startsWith('ERR_SSL')) {
        return new TransportFailure('tls-other', 'The secure connection could not be established.', certSha256);
      }
      return new TransportFailure('other', 'The request failed before the server answered.');
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

import type { X509Certificate } from 'node:crypto';
import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';

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
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      request.signal?.removeEventListener('abort', onAbort);
      action();
    };

    const options: https.RequestOptions = { method: request.method, headers, agent: false };
    if (url.protocol === 'https:' && request.pinnedCertSha256) {
      // The chain is not trusted by the OS, but the user pinned this exact certificate. Checking
      // the fingerprint ourselves (and the hostname via the default check) replaces the CA check
      // for this one certificate only; any other certificate is refused.
      const pinned = request.pinnedCertSha256;
      options.rejectUnauthorized = false;
      options.checkServerIdentity = (_host, cert) => {
        const actual = certificateFingerprint(cert.raw);
        return actual === pinned
          ? undefined
          : new TransportFailure('tls-pin-mismatch', 'The server presented a different certificate than the one you trusted.', actual);
      };
    }

    const transport = url.protocol === 'https:' ? https : http;
    const req = transport.request(url, options, (res) => {
      const chunks: Buffer[] = [];
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > request.maxBytes) {
          req.destroy();
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
          }),
        ),
      );
      res.on('error', (error) => settle(() => reject(classify(error, presentedCert))));
      res.on('aborted', () => settle(() => reject(new TransportFailure('reset', 'The server closed the connection mid-answer.'))));
    });

    req.on('socket', (socket) => {
      if (url.protocol !== 'https:') return;
      socket.once('secureConnect', () => {
        const cert = (socket as TLSSocket).getPeerX509Certificate?.();
        if (cert) presentedCert = certificateFingerprint(cert.raw);
      });
    });
    req.on('error', (error) => {
      // A self-signed rejection happens before secureConnect, so read the certificate here.
      const socket = req.socket as TLSSocket | null;
      const cert: X509Certificate | undefined = socket?.getPeerX509Certificate?.();
      if (cert) presentedCert = certificateFingerprint(cert.raw);
      settle(() => reject(classify(error, presentedCert)));
    });

    const deadline = setTimeout(() => {
      req.destroy();
      settle(() => reject(new TransportFailure('timeout', `No answer within ${Math.round(request.timeoutMs / 1000)} s.`)));
    }, request.timeoutMs);
    const onAbort = () => {
      req.destroy();
      settle(() => reject(new TransportFailure('aborted', 'The request was cancelled.')));
    };
    if (request.signal?.aborted) onAbort();
    request.signal?.addEventListener('abort', onAbort);

    req.end(body);
  });
}

function classify(error: unknown, certSha256: string | undefined): TransportFailure {
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

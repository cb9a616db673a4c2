// A bare HTTP client for the contract suite: node:http(s) rather than fetch, so it can send odd
// headers verbatim and trust a self-signed certificate when pointed at a real HTTPS server.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { readFileSync } from 'node:fs';

export interface HttpResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  /** Parsed body, or undefined when it is not JSON. */
  readonly json: unknown;
}

export interface RequestOptions {
  readonly headers?: Readonly<Record<string, string>>;
  /** Serialised as JSON with Content-Type: application/json. */
  readonly json?: unknown;
  /** Sent as is (with the given headers), for malformed-body tests. */
  readonly raw?: string;
  readonly timeoutMs?: number;
}

/** MEMORY_SERVICE_CA_FILE trusts a private CA; MEMORY_SERVICE_INSECURE_TLS=1 trusts anything. */
export function tlsOptions(): { ca?: Buffer; rejectUnauthorized?: boolean } {
  const caFile = process.env['MEMORY_SERVICE_CA_FILE'];
  if (caFile) return { ca: readFileSync(caFile) };
  if (process.env['MEMORY_SERVICE_INSECURE_TLS'] === '1') return { rejectUnauthorized: false };
  return {};
}

export function send(baseUrl: string, method: string, path: string, options: RequestOptions = {}): Promise<HttpResponse> {
  const url = new URL(path, baseUrl);
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] ??= 'application/json';
  } else if (options.raw !== undefined) {
    body = options.raw;
  }
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  const doRequest = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = doRequest(url, { method, headers, agent: false, ...(url.protocol === 'https:' ? tlsOptions() : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text === '' ? undefined : (JSON.parse(text) as unknown);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    req.setTimeout(options.timeoutMs ?? 20_000, () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

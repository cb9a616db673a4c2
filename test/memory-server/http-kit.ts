// The small HTTP toolkit the routes share: FastAPI-shaped errors, JSON answers, body parsing.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { jsonInvalidIssue, type ValidationIssue } from './validation';

/** A FastAPI HTTPException: `{"detail": <detail>}` with the given status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly detail: unknown,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(typeof detail === 'string' ? detail : JSON.stringify(detail));
  }
}

export interface JsonReply {
  readonly status?: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}, head = false): void {
  // FastAPI's JSONResponse: compact separators, UTF-8, no ASCII escaping.
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': String(payload.length) });
  res.end(head ? undefined : payload);
}

export function sendText(res: ServerResponse, status: number, text: string, contentType = 'text/plain; charset=utf-8', headers: Readonly<Record<string, string>> = {}): void {
  const payload = Buffer.from(text, 'utf8');
  res.writeHead(status, { ...headers, 'content-type': contentType, 'content-length': String(payload.length) });
  res.end(payload);
}

const MAX_BODY_BYTES = 64 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, 'Request Entity Too Large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export type ParsedBody = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly issue: ValidationIssue };

/**
 * FastAPI's body handling: no bytes → no body; JSON is parsed when the content type is absent,
 * application/json or application/*+json; any other content type hands the raw text to the model
 * (which then fails with "valid dictionary"); undecodable JSON is a 422 before authentication.
 */
export function parseBody(bytes: Buffer, contentType: string | undefined): ParsedBody {
  if (bytes.length === 0) return { ok: true, value: undefined };
  const text = bytes.toString('utf8');
  const mime = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const isJson = mime === '' || (mime.startsWith('application/') && (mime === 'application/json' || mime.endsWith('+json')));
  if (!isJson) return { ok: true, value: text };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, issue: jsonInvalidIssue(text, error) };
  }
}

import type { z } from 'zod';
import type { Memory, MemoryPage } from '../contract';
import { ConsoleFailure } from '../core/console-failure';
import { sendHttpRequest, TransportFailure, type HttpRequest, type HttpResponse } from './http-transport';
import { fastApiErrorSchema, guideErrorSchema, memoryListSchema } from './server-schemas';

export interface MemoryServerTarget {
  readonly baseUrl: string;
  /** Read from the keychain at call time by the caller; null when the profile has no key. */
  readonly apiKey: string | null;
  readonly pinnedCertSha256?: string;
}

export interface ListMemoriesQuery {
  readonly page: number;
  readonly pageSize: number;
  readonly tags: readonly string[];
  readonly tagMatch: 'any' | 'all';
  readonly memoryType?: string;
}

const defaultTimeoutMs = 15_000;
/** Generous for 100 long memories, small enough that a hostile server cannot fill our memory. */
const defaultMaxBytes = 32 * 1024 * 1024;

export async function listMemories(target: MemoryServerTarget, query: ListMemoriesQuery, signal?: AbortSignal): Promise<MemoryPage> {
  const params = new URLSearchParams({ page: String(query.page), page_size: String(query.pageSize) });
  if (query.tags.length > 0) {
    params.set('tag', query.tags.join(','));
    params.set('tag_match', query.tagMatch);
  }
  if (query.memoryType) params.set('memory_type', query.memoryType);
  const answer = await callJson(target, { method: 'GET', path: '/api/memories', params, signal }, memoryListSchema);
  return {
    memories: answer.memories as readonly Memory[],
    total: answer.total,
    page: answer.page,
    pageSize: answer.page_size,
    hasMore: answer.has_more,
  };
}

interface Call {
  readonly method: HttpRequest['method'];
  readonly path: string;
  readonly params?: URLSearchParams;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

export function endpointUrl(baseUrl: string, path: string, params?: URLSearchParams): URL {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  url.search = params ? params.toString() : '';
  return url;
}

export async function callJson<S extends z.ZodType>(target: MemoryServerTarget, call: Call, schema: S): Promise<z.output<S>> {
  const response = await send(target, call);
  const body = parseJsonBody(response);
  if (response.status < 200 || response.status >= 300) {
    throw failureForStatus(response, body, target.apiKey !== null);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ConsoleFailure('bad-response', 'The server’s answer did not have the shape of a memory service answer.', firstIssue(parsed.error));
  }
  return parsed.data;
}

async function send(target: MemoryServerTarget, call: Call): Promise<HttpResponse> {
  const headers: Record<string, string> = {};
  // Bearer is the guide's form and, unlike X-API-Key, a wrong key is always refused rather than
  // silently treated as anonymous. Never send an empty or stale Bearer: it breaks anonymous mode.
  if (target.apiKey) headers.Authorization = `Bearer ${target.apiKey}`;
  try {
    return await sendHttpRequest({
      method: call.method,
      url: endpointUrl(target.baseUrl, call.path, call.params),
      headers,
      body: call.body,
      timeoutMs: defaultTimeoutMs,
      maxBytes: defaultMaxBytes,
      ...(target.pinnedCertSha256 ? { pinnedCertSha256: target.pinnedCertSha256 } : {}),
      ...(call.signal ? { signal: call.signal } : {}),
    });
  } catch (error) {
    throw failureForTransport(error);
  }
}

export function failureForTransport(error: unknown): ConsoleFailure {
  if (!(error instanceof TransportFailure)) return new ConsoleFailure('server-unreachable', 'The request to the server failed.');
  switch (error.kind) {
    case 'tls-self-signed':
    case 'tls-expired':
    case 'tls-hostname':
    case 'tls-pin-mismatch':
    case 'tls-other':
      return new ConsoleFailure('tls-untrusted', error.message, error.certSha256);
    case 'too-large':
      return new ConsoleFailure('bad-response', error.message);
    case 'dns':
    case 'refused':
    case 'timeout':
    case 'reset':
    case 'aborted':
    case 'other':
      return new ConsoleFailure('server-unreachable', error.message, error.kind);
  }
}

function parseJsonBody(response: HttpResponse): unknown {
  const type = String(response.headers['content-type'] ?? '');
  if (!type.includes('json')) {
    if (response.status >= 300 && response.status < 400) {
      throw new ConsoleFailure('bad-response', `The server redirected (${response.status}) instead of answering. Check the base URL; the console does not follow redirects with your key.`);
    }
    if (response.status >= 500) {
      throw new ConsoleFailure('server-error', `The server failed with HTTP ${response.status}.`);
    }
    throw new ConsoleFailure('bad-response', `Expected JSON from a memory service but got ${type || 'no content type'} (HTTP ${response.status}). Is this the right address?`);
  }
  try {
    return JSON.parse(response.text) as unknown;
  } catch {
    throw new ConsoleFailure('bad-response', `The server sent malformed JSON (HTTP ${response.status}).`);
  }
}

export function failureForStatus(response: HttpResponse, body: unknown, keySent: boolean): ConsoleFailure {
  const explanation = describeErrorBody(body);
  const { status } = response;
  if (status === 401) {
    return keySent
      ? new ConsoleFailure('auth-rejected', 'The server refused the stored API key.', explanation)
      : new ConsoleFailure('auth-missing', 'The server requires an API key and this profile has none.', explanation);
  }
  if (status === 403) {
    // On the real server 403 only means a missing scope; the old guide and some proxies use it for a wrong key.
    const guideWrongKey = guideErrorSchema.safeParse(body);
    if (guideWrongKey.success && /invalid api key/i.test(guideWrongKey.data.message ?? '')) {
      return new ConsoleFailure('auth-rejected', 'The server refused the stored API key.', explanation);
    }
    return new ConsoleFailure('auth-forbidden', 'The credential is valid but lacks the permission (scope) this needs.', explanation);
  }
  if (status === 404) return new ConsoleFailure('not-found', 'Not found on the server.', explanation);
  if (status === 422 || status === 400) return new ConsoleFailure('invalid-input', 'The server refused the request.', explanation);
  if (status >= 500) return new ConsoleFailure('server-error', `The server failed with HTTP ${status}.`, explanation);
  return new ConsoleFailure('bad-response', `Unexpected HTTP ${status} from the server.`, explanation);
}

function describeErrorBody(body: unknown): string | undefined {
  const fastApi = fastApiErrorSchema.safeParse(body);
  if (fastApi.success) {
    const { detail } = fastApi.data;
    if (typeof detail === 'string') return detail;
    if (Array.isArray(detail)) return detail.map((item) => item.msg).join('; ');
    return detail.error_description ? `${detail.error}: ${detail.error_description}` : detail.error;
  }
  const guide = guideErrorSchema.safeParse(body);
  if (guide.success) return guide.data.message ? `${guide.data.error}: ${guide.data.message}` : guide.data.error;
  return undefined;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unknown shape';
  return `${issue.path.map(String).join('.') || 'answer'}: ${issue.message}`;
}

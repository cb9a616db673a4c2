// Authentication exactly as web/oauth/middleware.py::get_current_user behaves with OAuth off:
// Bearer first (a wrong Bearer is final), then X-API-Key, then ?api_key=, then anonymous.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export type Scope = 'read' | 'write' | 'admin';

export type AuthResult =
  | { readonly ok: true; readonly clientId: string; readonly scopes: readonly Scope[]; readonly method: 'api_key' | 'anonymous' }
  | { readonly ok: false; readonly status: 401; readonly error: string; readonly description: string };

export interface AuthSettings {
  readonly apiKeys: readonly string[];
  readonly allowAnonymous: boolean;
}

const MSG_INVALID_TOKEN = 'OAuth is disabled. Use API key authentication or enable anonymous access.';
const MSG_REQUIRED_WITH_KEY =
  'Authorization required. Provide valid API key via X-API-Key header or api_key query parameter.';
const MSG_REQUIRED_NO_KEY =
  'Authentication is required. Set MCP_ALLOW_ANONYMOUS_ACCESS=true to enable anonymous access.';

const KEY_SCOPES: readonly Scope[] = ['read', 'write', 'admin'];
const ANON_SCOPES: readonly Scope[] = ['read', 'write'];

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Constant-time membership test: equal-length digests go through timingSafeEqual and every
 * configured key is compared, so neither the length nor the position of a match leaks.
 */
export function matchesAnyKey(candidate: string, keys: readonly string[]): boolean {
  const got = digest(candidate);
  let match = false;
  for (const key of keys) {
    if (timingSafeEqual(got, digest(key))) match = true;
  }
  return match;
}

/**
 * FastAPI's HTTPBearer(auto_error=False): `scheme, _, credentials = value.partition(" ")`, and
 * anything that is not "<bearer> <non-empty>" counts as no header at all.
 */
export function bearerCredentials(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const space = authorization.indexOf(' ');
  if (space < 0) return undefined;
  const scheme = authorization.slice(0, space);
  const credentials = authorization.slice(space + 1);
  if (scheme === '' || credentials === '' || scheme.toLowerCase() !== 'bearer') return undefined;
  return credentials;
}

function firstHeader(headers: IncomingHttpHeaders, distinct: NodeJS.Dict<string[]> | undefined, name: string): string | undefined {
  const list = distinct?.[name];
  if (list && list.length > 0) return list[0];
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function authenticate(
  headers: IncomingHttpHeaders,
  headersDistinct: NodeJS.Dict<string[]> | undefined,
  query: URLSearchParams,
  settings: AuthSettings,
): AuthResult {
  const keyConfigured = settings.apiKeys.length > 0;

  const bearer = bearerCredentials(firstHeader(headers, headersDistinct, 'authorization'));
  if (bearer !== undefined) {
    if (keyConfigured && matchesAnyKey(bearer, settings.apiKeys)) {
      return { ok: true, clientId: 'api_key_client', scopes: KEY_SCOPES, method: 'api_key' };
    }
    // A Bearer that matches nothing ends the request here, even with a right X-API-Key beside it.
    return { ok: false, status: 401, error: 'invalid_token', description: MSG_INVALID_TOKEN };
  }

  if (keyConfigured) {
    const headerKey = firstHeader(headers, headersDistinct, 'x-api-key');
    if (headerKey !== undefined && headerKey.trim() !== '' && matchesAnyKey(headerKey.trim(), settings.apiKeys)) {
      return { ok: true, clientId: 'api_key_client', scopes: KEY_SCOPES, method: 'api_key' };
    }
    const queryKeys = query.getAll('api_key');
    const queryKey = queryKeys[queryKeys.length - 1];
    if (queryKey !== undefined && queryKey !== '' && matchesAnyKey(queryKey, settings.apiKeys)) {
      return { ok: true, clientId: 'api_key_client', scopes: KEY_SCOPES, method: 'api_key' };
    }
  }

  // A wrong X-API-Key or api_key is not an error when anonymous access is on.
  if (settings.allowAnonymous) {
    return { ok: true, clientId: 'anonymous', scopes: ANON_SCOPES, method: 'anonymous' };
  }

  return {
    ok: false,
    status: 401,
    error: 'authorization_required',
    description: keyConfigured ? MSG_REQUIRED_WITH_KEY : MSG_REQUIRED_NO_KEY,
  };
}

export function insufficientScopeBody(scope: Scope): { detail: { error: string; error_description: string } } {
  return { detail: { error: 'insufficient_scope', error_description: `Required scope '${scope}' not granted` } };
}

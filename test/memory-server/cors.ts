// Starlette's CORSMiddleware as the real server configures it (methods and headers "*", origins
// from MCP_CORS_ORIGINS, credentials unless "*"). It runs before routing and authentication.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendText } from './http-kit';

const ALLOW_METHODS = 'DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT';

/** 'answered' for a preflight, else the headers to add to the real response. */
export function handleCors(
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  origins: readonly string[],
): 'answered' | Record<string, string> {
  const origin = req.headers.origin;
  if (origin === undefined) return {};
  const allowAll = origins.includes('*');
  const allowed = allowAll || origins.includes(origin);
  const requestedMethod = req.headers['access-control-request-method'];

  if (method === 'OPTIONS' && requestedMethod !== undefined) {
    if (!allowed) {
      sendText(res, 400, 'Disallowed CORS origin', 'text/plain; charset=utf-8', { vary: 'Origin' });
      return 'answered';
    }
    const headers: Record<string, string> = {
      vary: 'Origin',
      'access-control-allow-origin': allowAll ? '*' : origin,
      'access-control-allow-methods': ALLOW_METHODS,
      'access-control-max-age': '600',
    };
    if (!allowAll) headers['access-control-allow-credentials'] = 'true';
    const requestedHeaders = req.headers['access-control-request-headers'];
    if (requestedHeaders) headers['access-control-allow-headers'] = requestedHeaders;
    sendText(res, 200, 'OK', 'text/plain; charset=utf-8', headers);
    return 'answered';
  }

  if (!allowed) return {};
  return allowAll
    ? { 'access-control-allow-origin': '*' }
    : { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' };
}

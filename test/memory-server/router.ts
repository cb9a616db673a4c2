// Request dispatch in FastAPI's order: CORS preflight, route match (404/405), JSON decoding (422),
// authentication (401/403), then the handler, whose own validation gives the remaining 422s.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppState, Route, RouteContext } from './app-state';
import { authenticate, insufficientScopeBody } from './auth';
import { handleCors } from './cors';
import { HttpError, parseBody, readBody, sendJson, sendText } from './http-kit';
import { RequestValidationError } from './validation';

interface CompiledRoute {
  readonly route: Route;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), names };
}

export class Router {
  private readonly routes: readonly CompiledRoute[];

  constructor(routes: readonly Route[], private readonly app: AppState) {
    this.routes = routes.map(compile);
  }

  private match(path: string): { route: Route; params: Record<string, string> }[] {
    const found: { route: Route; params: Record<string, string> }[] = [];
    for (const c of this.routes) {
      const m = c.pattern.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      c.names.forEach((name, i) => {
        params[name] = m[i + 1] ?? '';
      });
      found.push({ route: c.route, params });
    }
    return found;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await this.dispatch(req, res);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) sendJson(res, error.status, { detail: error.detail }, error.headers);
      else if (error instanceof RequestValidationError) sendJson(res, 422, { detail: error.issues });
      else {
        process.stderr.write(`memory-server: unhandled error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        // Starlette's ServerErrorMiddleware answers in plain text.
        sendText(res, 500, 'Internal Server Error');
      }
    }
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Prefixing (rather than resolving against a base) keeps "//x" a path, not a host.
    const target = req.url ?? '/';
    const url = new URL(target.startsWith('/') ? `http://local${target}` : target, 'http://local');
    const method = (req.method ?? 'GET').toUpperCase();
    const corsHeaders = handleCors(req, res, method, this.app.config.corsOrigins);
    if (corsHeaders === 'answered') return;
    for (const [name, value] of Object.entries(corsHeaders)) res.setHeader(name, value);

    // Starlette routes on the percent-decoded path.
    let path = url.pathname;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      /* keep the raw path */
    }
    const found = this.match(path);
    if (found.length === 0 && path.length > 1 && path.endsWith('/') && this.match(path.slice(0, -1)).length > 0) {
      // Starlette's redirect_slashes, with an absolute Location like Starlette's.
      const scheme = this.app.config.https ? 'https' : 'http';
      const location = `${scheme}://${req.headers.host ?? 'localhost'}${url.pathname.slice(0, -1)}${url.search}`;
      res.writeHead(307, { location, 'content-length': '0' });
      res.end();
      return;
    }
    if (found.length === 0) throw new HttpError(404, 'Not Found');
    const head = method === 'HEAD';
    const effective = head ? 'GET' : method;
    const hit = found.find((f) => f.route.method === effective);
    if (!hit) {
      const allow = [...new Set(found.map((f) => f.route.method))].join(', ');
      throw new HttpError(405, 'Method Not Allowed', { allow });
    }

    const { route, params } = hit;
    let body: unknown;
    if (route.body) {
      const parsed = parseBody(await readBody(req), req.headers['content-type']);
      if (!parsed.ok) throw new RequestValidationError([parsed.issue]);
      body = parsed.value;
    } else {
      req.resume();
    }

    if (route.access !== 'public') {
      const auth = authenticate(req.headers, req.headersDistinct, url.searchParams, this.app.config);
      if (!auth.ok) {
        throw new HttpError(401, { error: auth.error, error_description: auth.description }, {
          'www-authenticate': `Bearer resource_metadata="${this.app.issuer}/.well-known/oauth-protected-resource"`,
        });
      }
      if (!auth.scopes.includes(route.access)) {
        throw new HttpError(403, insufficientScopeBody(route.access).detail);
      }
    }

    const ctx: RouteContext = { req, res, head, params, query: url.searchParams, body, app: this.app };
    const reply = await route.handle(ctx);
    if (reply === 'streamed') return;
    sendJson(res, reply.status ?? 200, reply.body, reply.headers, head);
  }
}

// Health, server information, the SSE stream and the public documentation stubs.
import { freemem, totalmem, type as osType, version as osVersion } from 'node:os';
import { statfsSync } from 'node:fs';
import { SERVICE_VERSION, type Route, type RouteContext } from '../app-state';
import { HttpError, sendText, type JsonReply } from '../http-kit';
import { isoOffset, nowSeconds } from '../python-format';
import { throwIfIssues, validateBody, type FieldSpec, type ValidationIssue } from '../validation';

const RESTART_DELAY_SECONDS = 3;

const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** server.py::_format_uptime. */
function formatUptime(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} seconds`;
  if (seconds < 3600) return `${(seconds / 60).toFixed(1)} minutes`;
  if (seconds < 86400) return `${(seconds / 3600).toFixed(1)} hours`;
  return `${(seconds / 86400).toFixed(1)} days`;
}

function diskPercent(dir: string): number {
  try {
    const s = statfsSync(dir);
    const used = (s.blocks - s.bfree) * s.bsize;
    const usable = used + s.bavail * s.bsize;
    return usable > 0 ? round((used / usable) * 100, 1) : 0;
  } catch {
    return 0;
  }
}

function platformName(): string {
  const t = osType();
  return t === 'Windows_NT' ? 'Windows' : t;
}

function detailedHealth(ctx: RouteContext): JsonReply {
  const { store, startedAt, config } = ctx.app;
  const uptime = round(nowSeconds() - startedAt, 2);
  const bytes = store.sizeBytes();
  const mb = round(bytes / (1024 * 1024), 2);
  const total = store.size;
  const uniqueTags = store.tagCounts().length;
  const thisWeek = store.countSince(nowSeconds() - 7 * 86400);
  return {
    body: {
      status: 'healthy',
      version: SERVICE_VERSION,
      timestamp: isoOffset(),
      uptime_seconds: uptime,
      storage: {
        backend: 'sqlite-vec',
        status: 'connected',
        accessible: true,
        embedding_model: 'all-MiniLM-L6-v2',
        total_memories: total,
        unique_tags: uniqueTags,
        memories_this_week: thisWeek,
        database_size_bytes: bytes,
        database_size_mb: mb,
        embedding_dimension: 384,
      },
      system: { memory_percent: round((1 - freemem() / totalmem()) * 100, 1), disk_percent: diskPercent(config.dataDir) },
      performance: { uptime_seconds: uptime, uptime_formatted: formatUptime(uptime) },
      statistics: { total_memories: total, unique_tags: uniqueTags, memories_this_week: thisWeek, database_size_mb: mb, backend: 'sqlite-vec' },
    },
  };
}

function serverStatus(ctx: RouteContext): JsonReply {
  const uptime = nowSeconds() - ctx.app.startedAt;
  return {
    body: {
      version: SERVICE_VERSION,
      uptime_seconds: uptime,
      uptime_formatted: formatUptime(uptime),
      pid: process.pid,
      platform: platformName(),
      platform_version: osVersion(),
      // Honest about the runtime: this field is free text and no client should parse it.
      python_version: `n/a (local service on Node ${process.versions.node})`,
      timestamp: isoOffset(),
    },
  };
}

function versionCheck(): JsonReply {
  return {
    body: {
      current_version: SERVICE_VERSION,
      commits_behind: 0,
      update_available: false,
      latest_commits: [],
      check_timestamp: isoOffset(),
      git_available: false,
      error: 'Version checks are not available on the local memory service',
    },
  };
}

const RESTART_MODEL: Readonly<Record<string, FieldSpec>> = { confirm: { kind: 'bool' } };

function restart(ctx: RouteContext): JsonReply {
  const issues: ValidationIssue[] = [];
  const body = validateBody<{ confirm: boolean }>(ctx.body, RESTART_MODEL, issues);
  throwIfIssues(issues);
  if (!body.confirm) throw new HttpError(400, "Restart confirmation required. Set 'confirm' to true.");
  // The process is not re-executed; dropping the event streams is what clients would notice.
  setTimeout(() => ctx.app.sse.closeAll(), RESTART_DELAY_SECONDS * 1000).unref();
  return { body: { status: 'accepted', message: `Server restarting in ${RESTART_DELAY_SECONDS} seconds`, restart_in_seconds: RESTART_DELAY_SECONDS } };
}

function events(ctx: RouteContext): 'streamed' {
  ctx.app.sse.open(ctx.req, ctx.res, ctx.head);
  return 'streamed';
}

const PAGE = (title: string, body: string): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;

function htmlRoute(path: string, title: string, body: string): Route {
  return {
    method: 'GET',
    path,
    access: 'public',
    handle: (ctx) => {
      sendText(ctx.res, 200, PAGE(title, body), 'text/html; charset=utf-8');
      return 'streamed';
    },
  };
}

/** A minimal OpenAPI document: enough for a client probing for the service, not a full schema. */
function openApi(routes: readonly Route[]): JsonReply {
  const paths: Record<string, Record<string, { summary: string }>> = {};
  for (const r of routes) {
    const entry = (paths[r.path] ??= {});
    entry[r.method.toLowerCase()] = { summary: `${r.method} ${r.path} (${r.access})` };
  }
  return {
    body: {
      openapi: '3.1.0',
      info: { title: 'MCP Memory Service', version: SERVICE_VERSION, description: 'Local stand-in for tests and demos' },
      paths,
      components: { securitySchemes: { HTTPBearer: { type: 'http', scheme: 'bearer' } } },
    },
  };
}

export function systemRoutes(allRoutes: () => readonly Route[]): readonly Route[] {
  return [
    { method: 'GET', path: '/api/health', access: 'public', handle: () => ({ body: { status: 'healthy' } }) },
    { method: 'GET', path: '/api/health/detailed', access: 'read', handle: detailedHealth },
    { method: 'GET', path: '/api/server/status', access: 'read', handle: serverStatus },
    { method: 'GET', path: '/api/server/version/check', access: 'admin', handle: versionCheck },
    { method: 'POST', path: '/api/server/restart', access: 'admin', body: true, handle: restart },
    { method: 'GET', path: '/api/events', access: 'read', handle: events },
    { method: 'GET', path: '/api/events/stats', access: 'read', handle: (ctx) => ({ body: ctx.app.sse.stats() }) },
    { method: 'GET', path: '/openapi.json', access: 'public', handle: () => openApi(allRoutes()) },
    htmlRoute('/', 'MCP Memory Service (local)', '<p>Local stand-in for the MCP Memory Service. See <a href="/api/docs">/api/docs</a>.</p>'),
    htmlRoute('/api/docs', 'MCP Memory Service API', '<p>The schema is at <a href="/openapi.json">/openapi.json</a>.</p>'),
    htmlRoute('/api/redoc', 'MCP Memory Service API', '<p>The schema is at <a href="/openapi.json">/openapi.json</a>.</p>'),
  ];
}

// /api/analytics: the four views the console uses, computed over the whole store (the real
// server samples the newest 1000 memories for some of them; exact counts are never worse).
import type { Route, RouteContext } from '../app-state';
import { HttpError, type JsonReply } from '../http-kit';
import { nowSeconds } from '../python-format';
import { queryInt, queryStr, throwIfIssues, type ValidationIssue } from '../validation';

const DAY = 86_400;
const PERIODS: Readonly<Record<string, { days: number; step: number }>> = {
  week: { days: 7, step: 1 },
  month: { days: 30, step: 3 },
  quarter: { days: 90, step: 7 },
  year: { days: 365, step: 30 },
};
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

function overview(ctx: RouteContext): JsonReply {
  const { store } = ctx.app;
  const now = nowSeconds();
  return {
    body: {
      total_memories: store.size,
      memories_this_week: store.countSince(now - 7 * DAY),
      memories_this_month: store.countSince(now - 30 * DAY),
      unique_tags: store.tagCounts().length,
      database_size_mb: round(store.sizeBytes() / (1024 * 1024), 2),
      uptime_seconds: null,
      backend_type: 'unknown',
    },
  };
}

function utcDay(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

function memoryGrowth(ctx: RouteContext): JsonReply {
  const period = queryStr(ctx.query, 'period') ?? 'month';
  const spec = PERIODS[period];
  if (!spec) throw new HttpError(400, 'Invalid period. Use: week, month, quarter, year');
  const { store } = ctx.app;
  const todayStart = Math.floor(nowSeconds() / DAY) * DAY;
  const points: { date: string; count: number; cumulative: number; label: string }[] = [];
  for (let day = todayStart - spec.days * DAY; day <= todayStart; day += spec.step * DAY) {
    const bucketEnd = day + spec.step * DAY;
    const before = store.size - store.countSince(bucketEnd);
    const count = store.countSince(day) - store.countSince(bucketEnd);
    const d = new Date(day * 1000);
    points.push({ date: utcDay(day), count, cumulative: before, label: `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}` });
  }
  return { body: { data_points: points, period } };
}

function tagUsage(ctx: RouteContext): JsonReply {
  const issues: ValidationIssue[] = [];
  const limit = queryInt(ctx.query, 'limit', 20, {}, issues);
  throwIfIssues(issues);
  const period = queryStr(ctx.query, 'period') ?? 'all';
  const total = ctx.app.store.size;
  const tags = ctx.app.store
    .tagCounts()
    .slice(0, Math.max(0, limit))
    .map(({ tag, count }) => ({ tag, count, percentage: total > 0 ? round((count / total) * 100, 1) : 0, growth_rate: null }));
  return { body: { tags, total_memories: total, period } };
}

function memoryTypes(ctx: RouteContext): JsonReply {
  const total = ctx.app.store.size;
  const types = ctx.app.store.typeCounts().map(({ type, count }) => ({
    memory_type: type ?? 'untyped',
    count,
    percentage: total > 0 ? round((count / total) * 100, 1) : 0,
  }));
  return { body: { types, total_memories: total } };
}

export const analyticsRoutes: readonly Route[] = [
  { method: 'GET', path: '/api/analytics/overview', access: 'read', handle: overview },
  { method: 'GET', path: '/api/analytics/memory-growth', access: 'read', handle: memoryGrowth },
  { method: 'GET', path: '/api/analytics/tag-usage', access: 'read', handle: tagUsage },
  { method: 'GET', path: '/api/analytics/memory-types', access: 'read', handle: memoryTypes },
  {
    method: 'GET',
    path: '/api/analytics/search-analytics',
    access: 'read',
    handle: () => ({ body: { total_searches: 0, avg_response_time: null, popular_tags: [], search_types: {} } }),
  },
  {
    method: 'GET',
    path: '/api/analytics/performance',
    access: 'read',
    handle: () => ({ body: { avg_response_time: null, memory_usage_mb: null, storage_latency: null, error_rate: null } }),
  },
];

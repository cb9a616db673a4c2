// /api/search*: lexical search standing in for vector search, tag and time recall. Every answer
// bumps the access counters of what it returns, as the real server does.
import type { Route, RouteContext } from '../app-state';
import { HttpError, type JsonReply } from '../http-kit';
import type { MemoryJson } from '../memory-model';
import { nowSeconds } from '../python-format';
import { parseTimeExpression } from '../time-parser';
import { queryInt, throwIfIssues, validateBody, type FieldSpec, type ValidationIssue } from '../validation';

const SEMANTIC_MODEL: Readonly<Record<string, FieldSpec>> = {
  query: { kind: 'str' },
  n_results: { kind: 'int', optional: true, default: 10, ge: 1, le: 100 },
  similarity_threshold: { kind: 'float', optional: true, nullable: true, ge: 0, le: 1 },
  quality_boost: { kind: 'bool', optional: true, default: false },
  quality_weight: { kind: 'float', optional: true, default: 0.3, ge: 0, le: 1 },
};

const TAG_MODEL: Readonly<Record<string, FieldSpec>> = {
  tags: { kind: 'str_list' },
  match_all: { kind: 'bool', optional: true, default: false },
  time_filter: { kind: 'str', optional: true, nullable: true },
};

const TIME_MODEL: Readonly<Record<string, FieldSpec>> = {
  query: { kind: 'str' },
  n_results: { kind: 'int', optional: true, default: 10, ge: 1, le: 100 },
  semantic_query: { kind: 'str', optional: true, nullable: true },
};

interface SearchResult {
  memory: MemoryJson;
  similarity_score: number | null;
  relevance_reason: string | null;
}

function envelope(results: SearchResult[], query: string, searchType: string, started: number, totalFound = results.length): JsonReply {
  return {
    body: { results, total_found: totalFound, query, search_type: searchType, processing_time_ms: performance.now() - started },
  };
}

/** Stores the access bump and returns the hits with their fresh metadata, order kept. */
function bump(ctx: RouteContext, memories: readonly MemoryJson[], query: string): Map<string, MemoryJson> {
  const updated = ctx.app.store.recordAccess(memories.map((m) => m.content_hash), query, nowSeconds());
  return new Map(updated.map((m) => [m.content_hash, m]));
}

function announce(ctx: RouteContext, query: string, searchType: string, count: number, started: number): void {
  ctx.app.sse.broadcast('search_completed', {
    query,
    search_type: searchType,
    results_count: count,
    processing_time_ms: performance.now() - started,
    message: `Search completed: ${count} results found`,
  });
}

interface SemanticBody {
  query: string;
  n_results: number;
  similarity_threshold: number | null;
  quality_boost: boolean;
  quality_weight: number;
}

function semanticSearch(ctx: RouteContext): JsonReply {
  const started = performance.now();
  const issues: ValidationIssue[] = [];
  const body = validateBody<SemanticBody>(ctx.body, SEMANTIC_MODEL, issues);
  throwIfIssues(issues);
  const fetch = body.quality_boost ? body.n_results * 3 : body.n_results;
  let hits = ctx.app.store.search(body.query, fetch);
  const threshold = body.similarity_threshold;
  // The real filter is `score and score >= threshold`, so a zero score never passes a threshold.
  if (threshold !== null) hits = hits.filter((h) => h.score > 0 && h.score >= threshold);

  const quality = (m: MemoryJson): number => {
    const q = m.metadata['quality_score'];
    return typeof q === 'number' ? q : 0.5;
  };
  const composite = new Map<string, number>();
  if (body.quality_boost) {
    const w = body.quality_weight;
    for (const h of hits) composite.set(h.memory.content_hash, (1 - w) * (h.score || 0.5) + w * quality(h.memory));
    hits = [...hits]
      .sort((a, b) => (composite.get(b.memory.content_hash) ?? 0) - (composite.get(a.memory.content_hash) ?? 0))
      .slice(0, body.n_results);
  }
  const searchType = body.quality_boost ? 'semantic_quality_boost' : 'semantic';
  const fresh = bump(ctx, hits.map((h) => h.memory), body.query);
  const results: SearchResult[] = hits.map((h) => {
    const memory = fresh.get(h.memory.content_hash) ?? h.memory;
    const reason = body.quality_boost
      ? `Composite: ${(composite.get(h.memory.content_hash) ?? 0).toFixed(3)} (semantic: ${h.score.toFixed(3)}, quality: ${quality(memory).toFixed(3)})`
      : h.score
        ? `Semantic similarity: ${h.score.toFixed(3)}`
        : null;
    return { memory, similarity_score: h.score, relevance_reason: reason };
  });
  announce(ctx, body.query, searchType, results.length, started);
  return envelope(results, body.query, searchType, started);
}

interface TagBody {
  tags: string[];
  match_all: boolean;
  time_filter: string | null;
}

function tagSearch(ctx: RouteContext): JsonReply {
  const started = performance.now();
  const issues: ValidationIssue[] = [];
  const body = validateBody<TagBody>(ctx.body, TAG_MODEL, issues);
  throwIfIssues(issues);
  if (body.tags.length === 0) throw new HttpError(400, 'At least one tag must be specified');
  // Only the start of the time filter is applied, like the real server; unparseable means none.
  const since = body.time_filter ? parseTimeExpression(body.time_filter)[0] : null;
  const memories = ctx.app.store.withTags(body.tags, body.match_all, since);
  const matchType = body.match_all ? 'ALL' : 'ANY';
  let query = `Tags: ${body.tags.join(', ')} (${matchType})`;
  if (body.time_filter) query += ` | Time: ${body.time_filter}`;
  const fresh = bump(ctx, memories, query);
  const results: SearchResult[] = memories.map((m) => ({
    memory: fresh.get(m.content_hash) ?? m,
    similarity_score: null,
    relevance_reason: `Tags match (${matchType}): ${body.tags.filter((t) => m.tags.includes(t)).join(', ')}`,
  }));
  announce(ctx, query, 'tag', results.length, started);
  return envelope(results, query, 'tag', started);
}

interface TimeBody {
  query: string;
  n_results: number;
  semantic_query: string | null;
}

function timeSearch(ctx: RouteContext): JsonReply {
  const started = performance.now();
  const issues: ValidationIssue[] = [];
  const body = validateBody<TimeBody>(ctx.body, TIME_MODEL, issues);
  throwIfIssues(issues);
  const [start, end] = parseTimeExpression(body.query);
  if (start === null && end === null) {
    throw new HttpError(400, `Could not parse time query: '${body.query}'. Try 'yesterday', 'last week', 'this month', etc.`);
  }
  const semantic = body.semantic_query?.trim() ?? '';
  const hits = semantic
    ? ctx.app.store.search(semantic, body.n_results, start, end)
    : ctx.app.store.between(start, end, body.n_results).map((memory) => ({ memory, score: null }));
  const fresh = bump(ctx, hits.map((h) => h.memory), semantic || body.query);
  const results: SearchResult[] = hits.map((h) => ({
    memory: fresh.get(h.memory.content_hash) ?? h.memory,
    similarity_score: h.score,
    relevance_reason: `Time match: ${body.query}`,
  }));
  return envelope(results, body.query, 'time', started);
}

/** Faithful to the real bug (§10.2): the hash is used as a search query, so nothing is found. */
function similar(ctx: RouteContext): JsonReply {
  const issues: ValidationIssue[] = [];
  queryInt(ctx.query, 'n_results', 10, { ge: 1, le: 100 }, issues);
  throwIfIssues(issues);
  throw new HttpError(404, 'Memory not found');
}

export const searchRoutes: readonly Route[] = [
  { method: 'POST', path: '/api/search', access: 'read', body: true, handle: semanticSearch },
  { method: 'POST', path: '/api/search/by-tag', access: 'read', body: true, handle: tagSearch },
  { method: 'POST', path: '/api/search/by-time', access: 'read', body: true, handle: timeSearch },
  { method: 'GET', path: '/api/search/similar/{content_hash}', access: 'read', handle: similar },
];

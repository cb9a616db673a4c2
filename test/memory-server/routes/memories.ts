// /api/memories, /api/tags, /api/types: CRUD with the real server's messages and quirks.
import type { Route, RouteContext } from '../app-state';
import { HttpError, type JsonReply } from '../http-kit';
import { contentHash, memoryJson, type MemoryJson } from '../memory-model';
import { ALL_TYPES, isKnownType, unknownTypeWarning } from '../ontology';
import { isoZ, nowSeconds } from '../python-format';
import { queryInt, queryStr, throwIfIssues, validateBody, type FieldSpec, type ValidationIssue } from '../validation';

const CREATE_MODEL: Readonly<Record<string, FieldSpec>> = {
  content: { kind: 'str' },
  tags: { kind: 'str_list', optional: true, default: [] },
  memory_type: { kind: 'str', optional: true, nullable: true },
  metadata: { kind: 'dict', optional: true, default: {} },
  client_hostname: { kind: 'str', optional: true, nullable: true },
  conversation_id: { kind: 'str', optional: true, nullable: true },
};

const UPDATE_MODEL: Readonly<Record<string, FieldSpec>> = {
  tags: { kind: 'str_list', optional: true, nullable: true },
  memory_type: { kind: 'str', optional: true, nullable: true },
  metadata: { kind: 'dict', optional: true, nullable: true },
};

interface CreateBody {
  content: string;
  tags: string[];
  memory_type: string | null;
  metadata: Record<string, unknown>;
  conversation_id: string | null;
}

interface UpdateBody {
  tags: string[] | null;
  memory_type: string | null;
  metadata: Record<string, unknown> | null;
}

/** Tags from the body plus `metadata.tags` (list or comma string), de-duplicated in order. */
function collectTags(tags: readonly string[], metaTags: unknown): string[] {
  const extra = Array.isArray(metaTags)
    ? metaTags.filter((t): t is string => typeof t === 'string')
    : typeof metaTags === 'string'
      ? metaTags.split(',').map((t) => t.trim())
      : [];
  const out: string[] = [];
  for (const tag of [...tags, ...extra]) if (tag !== '' && !out.includes(tag)) out.push(tag);
  return out;
}

export function contentPreview(content: string): string {
  return content.length > 100 ? `${content.slice(0, 100)}...` : content;
}

function parseTagList(raw: string | undefined): string[] {
  return (raw ?? '').split(',').map((t) => t.trim()).filter((t) => t !== '');
}

function listMemories(ctx: RouteContext): JsonReply {
  const issues: ValidationIssue[] = [];
  const page = queryInt(ctx.query, 'page', 1, { ge: 1 }, issues);
  const pageSize = queryInt(ctx.query, 'page_size', 10, { ge: 1, le: 100 }, issues);
  throwIfIssues(issues);
  const tags = parseTagList(queryStr(ctx.query, 'tag'));
  const matchAll = (queryStr(ctx.query, 'tag_match') ?? 'any').toLowerCase() === 'all';
  const memoryType = queryStr(ctx.query, 'memory_type') || undefined;
  const offset = (page - 1) * pageSize;
  const { items, total } = ctx.app.store.list({ tags, matchAll, memoryType, offset, limit: pageSize });
  return { body: { memories: items, total, page, page_size: pageSize, has_more: offset + pageSize < total } };
}

function createMemory(ctx: RouteContext): JsonReply {
  const issues: ValidationIssue[] = [];
  const body = validateBody<CreateBody>(ctx.body, CREATE_MODEL, issues);
  throwIfIssues(issues);

  const { tags: metaTags, type: _metaType, ...metadata } = body.metadata;
  const tags = collectTags(body.tags, metaTags);
  const agentIds = ctx.req.headersDistinct['x-agent-id'];
  const agent = agentIds?.[0]?.trim();
  if (agent) {
    const agentTag = `agent:${agent}`;
    if (!tags.includes(agentTag)) tags.push(agentTag);
  }
  if (body.conversation_id) metadata['conversation_id'] = body.conversation_id;

  let memoryType = body.memory_type || null;
  let warning = '';
  if (memoryType !== null && !isKnownType(memoryType)) {
    warning = ` ${unknownTypeWarning(memoryType)}`;
    memoryType = 'observation';
  }

  const now = nowSeconds();
  const iso = isoZ(now);
  const memory: MemoryJson = memoryJson({
    content: body.content,
    content_hash: contentHash(body.content),
    tags: tags.length > 0 ? tags : ['untagged'],
    memory_type: memoryType,
    metadata,
    created_at: now,
    created_at_iso: iso,
    updated_at: now,
    updated_at_iso: iso,
  });

  if (!ctx.app.store.create(memory)) {
    return { body: { success: false, message: 'Duplicate content detected (exact match)', content_hash: null, memory: null } };
  }
  ctx.app.sse.broadcast('memory_stored', {
    content_hash: memory.content_hash,
    content_preview: contentPreview(memory.content),
    tags: memory.tags,
    memory_type: memory.memory_type,
    message: 'New memory stored successfully',
  });
  return {
    body: { success: true, message: `Memory stored successfully${warning}`, content_hash: memory.content_hash, memory },
  };
}

function getMemory(ctx: RouteContext): JsonReply {
  const memory = ctx.app.store.get(ctx.params['content_hash'] ?? '');
  if (!memory) throw new HttpError(404, 'Memory not found');
  return { body: memory };
}

function updateMemory(ctx: RouteContext): JsonReply {
  const hash = ctx.params['content_hash'] ?? '';
  const issues: ValidationIssue[] = [];
  const body = validateBody<UpdateBody>(ctx.body, UPDATE_MODEL, issues);
  throwIfIssues(issues);
  const current = ctx.app.store.get(hash);
  if (!current) throw new HttpError(404, `Memory with hash ${hash} not found`);

  const fields: string[] = [];
  let next: MemoryJson = current;
  if (body.tags !== null) {
    next = { ...next, tags: collectTags(body.tags, undefined) };
    fields.push('tags');
  }
  if (body.memory_type !== null) {
    next = { ...next, memory_type: body.memory_type };
    fields.push('memory_type');
  }
  if (body.metadata !== null) {
    next = { ...next, metadata: { ...next.metadata, ...body.metadata } };
    fields.push('custom_metadata');
  }
  if (fields.length === 0) {
    return { body: { success: true, message: 'No updates provided - memory unchanged', content_hash: hash, memory: current } };
  }
  const now = nowSeconds();
  next = memoryJson({ ...next, updated_at: now, updated_at_iso: isoZ(now) });
  ctx.app.store.replace(next);
  return { body: { success: true, message: `Updated fields: ${[...fields, 'updated_at'].join(', ')}`, content_hash: hash, memory: next } };
}

function deleteMemory(ctx: RouteContext): JsonReply {
  const hash = ctx.params['content_hash'] ?? '';
  const success = ctx.app.store.delete(hash);
  // The real server announces every delete attempt, failed ones included.
  ctx.app.sse.broadcast('memory_deleted', {
    content_hash: hash,
    success,
    message: success ? 'Memory deleted successfully' : 'Memory deletion failed',
  });
  return {
    body: success
      ? { success: true, message: `Successfully deleted memory ${hash}`, content_hash: hash }
      : { success: false, message: `Memory with hash ${hash} not found`, content_hash: hash },
  };
}

export const memoryRoutes: readonly Route[] = [
  { method: 'GET', path: '/api/memories', access: 'read', handle: listMemories },
  { method: 'POST', path: '/api/memories', access: 'write', body: true, handle: createMemory },
  { method: 'GET', path: '/api/memories/{content_hash}', access: 'read', handle: getMemory },
  { method: 'PUT', path: '/api/memories/{content_hash}', access: 'write', body: true, handle: updateMemory },
  { method: 'DELETE', path: '/api/memories/{content_hash}', access: 'write', handle: deleteMemory },
  { method: 'GET', path: '/api/tags', access: 'read', handle: (ctx) => ({ body: { tags: ctx.app.store.tagCounts() } }) },
  { method: 'GET', path: '/api/types', access: 'read', handle: () => ({ body: ALL_TYPES }) },
];

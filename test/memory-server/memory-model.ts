// The memory object exactly as the real server returns it: nine fields, nothing else.
import { createHash } from 'node:crypto';

export interface MemoryJson {
  readonly content: string;
  readonly content_hash: string;
  readonly tags: readonly string[];
  readonly memory_type: string | null;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly created_at: number;
  readonly created_at_iso: string;
  readonly updated_at: number;
  readonly updated_at_iso: string;
}

/** Python's str.strip() whitespace set (JS trim() differs: it strips U+FEFF, keeps U+001C-1F, U+0085). */
const PY_WS = '[\\t\\n\\v\\f\\r \\u001c-\\u001f\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const PY_STRIP = new RegExp(`^${PY_WS}+|${PY_WS}+$`, 'g');

/** `sha256(content.strip().lower())`: the memory's only identity. */
export function contentHash(content: string): string {
  return createHash('sha256').update(content.replace(PY_STRIP, '').toLowerCase(), 'utf8').digest('hex');
}

/** Rebuilds a memory with the fields in the real server's order (answers compare byte for byte). */
export function memoryJson(m: MemoryJson): MemoryJson {
  return {
    content: m.content,
    content_hash: m.content_hash,
    tags: m.tags,
    memory_type: m.memory_type,
    metadata: m.metadata,
    created_at: m.created_at,
    created_at_iso: m.created_at_iso,
    updated_at: m.updated_at,
    updated_at_iso: m.updated_at_iso,
  };
}

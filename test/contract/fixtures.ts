// Shared helpers: memories tagged with the run tag, and the memory object's exact shape.
import { createHash, randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { Api } from './harness';

export const MEMORY_FIELDS = [
  'content',
  'content_hash',
  'created_at',
  'created_at_iso',
  'memory_type',
  'metadata',
  'tags',
  'updated_at',
  'updated_at_iso',
] as const;

export interface Memory {
  content: string;
  content_hash: string;
  tags: string[];
  memory_type: string | null;
  metadata: Record<string, unknown>;
  created_at: number;
  created_at_iso: string;
  updated_at: number;
  updated_at_iso: string;
}

export interface CreateAnswer {
  success: boolean;
  message: string;
  content_hash: string | null;
  memory: Memory | null;
}

export function nonce(): string {
  return randomBytes(5).toString('hex');
}

/** Content nobody else has written: a run-unique word keeps shared servers from deduplicating. */
export function uniqueContent(label: string): string {
  return `${label} — contract check ${nonce()} ${nonce()}`;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export async function createMemory(
  api: Api,
  body: { content?: string; tags?: string[]; memory_type?: string | null; metadata?: Record<string, unknown> } = {},
  headers: Record<string, string> = {},
): Promise<Memory> {
  const content = body.content ?? uniqueContent('memory');
  const res = await api.post('/api/memories', { ...body, content, tags: [api.target.runTag, ...(body.tags ?? [])] }, { headers });
  expect(res.status).toBe(200);
  const answer = res.json as CreateAnswer;
  expect(answer.success, answer.message).toBe(true);
  expect(answer.memory).not.toBeNull();
  return answer.memory as Memory;
}

/** Exactly the nine fields, with the documented types and spellings. */
export function expectMemoryShape(m: unknown): asserts m is Memory {
  expect(m).toBeTypeOf('object');
  const memory = m as Record<string, unknown>;
  expect(Object.keys(memory).sort()).toEqual([...MEMORY_FIELDS]);
  expect(memory['content']).toBeTypeOf('string');
  expect(memory['content_hash']).toMatch(/^[0-9a-f]{64}$/);
  expect(Array.isArray(memory['tags'])).toBe(true);
  for (const tag of memory['tags'] as unknown[]) expect(tag).toBeTypeOf('string');
  expect(memory['memory_type'] === null || typeof memory['memory_type'] === 'string').toBe(true);
  expect(memory['metadata']).toBeTypeOf('object');
  expect(memory['created_at']).toBeTypeOf('number');
  expect(memory['updated_at']).toBeTypeOf('number');
  expect(memory['created_at_iso']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/);
  expect(memory['updated_at_iso']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/);
  // The float and the ISO string describe the same instant (to the millisecond).
  expect(Math.abs(Date.parse(memory['created_at_iso'] as string) / 1000 - (memory['created_at'] as number))).toBeLessThan(0.001);
}

export async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

import { z } from 'zod';
import { profileId } from './common';

/** Tag names as the server stores them: any non-empty string without commas (the list filter is comma-separated). */
const tagName = z.string().trim().min(1).max(200).refine((tag) => !tag.includes(','), 'a tag cannot contain a comma');

/** The memory object exactly as the service returns it (memory-service-api.md §2). */
export interface Memory {
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

export interface MemoryPage {
  readonly memories: readonly Memory[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly hasMore: boolean;
}

export const memoryMethods = {
  'memories.list': z
    .object({
      profileId,
      page: z.number().int().min(1).max(1_000_000).default(1),
      // The server's maximum is 100 (larger answers 422).
      pageSize: z.number().int().min(1).max(100).default(100),
      tags: z.array(tagName).max(50).default([]),
      tagMatch: z.enum(['any', 'all']).default('any'),
      memoryType: z.string().trim().min(1).max(100).optional(),
    })
    .strict(),
} as const;

export interface MemoryOutputs {
  'memories.list': MemoryPage;
}

import { z } from 'zod';
import { profileId } from './common';

/** Tag names as the server stores them: any non-empty string without commas (the list filter is comma-separated). */
const tagName = z.string().trim().min(1).max(200).refine((tag) => !tag.includes(','), 'a tag cannot contain a comma');

/** SHA-256 hex as the server computes it; other servers' hashes are at least URL-safe. */
const contentHash = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'a content hash is 1-128 letters, digits, - or _');

const memoryType = z.string().trim().min(1).max(100);

/** Free-form metadata as the server stores it (a JSON object). */
const metadata = z.record(z.string().max(200), z.unknown());

/**
 * Lets the renderer cancel a request it no longer needs (a search superseded by the next
 * keystroke) with `memories.cancel`: an AbortSignal cannot cross the bridge, an id can.
 */
const requestId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/).optional();

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

export interface SearchHit {
  readonly memory: Memory;
  /** Similarity 0–1; null for tag and time searches, which do not score. */
  readonly score: number | null;
  readonly reason: string | null;
}

export interface SearchResults {
  readonly hits: readonly SearchHit[];
  /** The server's own count of what it found. */
  readonly totalFound: number;
  /** The server's description of the query (for tag searches, e.g. "Tags: a, b (ANY)"). */
  readonly query: string;
  readonly searchType: string;
  readonly processingMs: number;
}

export interface MemoryCreated {
  readonly memory: Memory;
  /** The server's warning, e.g. an unknown type stored as `observation`. */
  readonly warning: string | null;
}

export interface MemoryUpdated {
  readonly memory: Memory;
  /** The server's message, e.g. "Updated fields: tags, updated_at". */
  readonly message: string;
}

export interface MemoryDeleted {
  readonly contentHash: string;
}

export interface BulkDeleted {
  readonly tag: string;
  readonly deleted: number;
  readonly message: string;
}

export interface TagCount {
  readonly tag: string;
  readonly count: number;
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
      memoryType: memoryType.optional(),
    })
    .strict(),
  'memories.get': z.object({ profileId, contentHash }).strict(),
  'memories.search': z
    .object({
      profileId,
      query: z.string().trim().min(1).max(10_000),
      // The server's range is 1–100.
      limit: z.number().int().min(1).max(100).default(20),
      threshold: z.number().min(0).max(1).nullable().default(null),
      requestId,
    })
    .strict(),
  'memories.searchByTag': z
    .object({
      profileId,
      tags: z.array(tagName).min(1).max(50),
      matchAll: z.boolean().default(false),
      /** Natural language ("last week"); the server applies only its start. */
      timeFilter: z.string().trim().min(1).max(200).optional(),
      requestId,
    })
    .strict(),
  'memories.searchByTime': z
    .object({
      profileId,
      /** Natural language: "yesterday", "3 days ago", "last month"… */
      query: z.string().trim().min(1).max(200),
      limit: z.number().int().min(1).max(100).default(50),
      requestId,
    })
    .strict(),
  'memories.cancel': z.object({ requestId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) }).strict(),
  'memories.create': z
    .object({
      profileId,
      content: z.string().min(1).max(1_000_000).refine((text) => text.trim().length > 0, 'the content cannot be blank'),
      tags: z.array(tagName).max(100).default([]),
      memoryType: memoryType.optional(),
      metadata: metadata.default({}),
    })
    .strict(),
  'memories.update': z
    .object({
      profileId,
      contentHash,
      // Only what is given changes (the content never can: it is the memory's identity).
      tags: z.array(tagName).max(100).optional(),
      memoryType: memoryType.optional(),
      metadata: metadata.optional(),
    })
    .strict(),
  'memories.delete': z.object({ profileId, contentHash }).strict(),
  'memories.bulkDeleteByTag': z
    .object({
      profileId,
      tag: tagName,
      /** The count the user was shown; the server refuses if it no longer matches. */
      confirmCount: z.number().int().min(1).max(100_000_000),
    })
    .strict(),
  'memories.tags': z.object({ profileId }).strict(),
  'memories.types': z.object({ profileId }).strict(),
} as const;

export interface MemoryOutputs {
  'memories.list': MemoryPage;
  'memories.get': Memory;
  'memories.search': SearchResults;
  'memories.searchByTag': SearchResults;
  'memories.searchByTime': SearchResults;
  'memories.cancel': { readonly cancelled: boolean };
  'memories.create': MemoryCreated;
  'memories.update': MemoryUpdated;
  'memories.delete': MemoryDeleted;
  'memories.bulkDeleteByTag': BulkDeleted;
  'memories.tags': readonly TagCount[];
  'memories.types': readonly string[];
}

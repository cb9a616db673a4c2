import { z } from 'zod';

/**
 * What we accept from a memory server. A server is input like any other: an answer that does not
 * match is reported as a bad response, never passed on half-parsed. Unknown extra fields are
 * allowed (newer servers add fields); missing or mistyped known fields are not.
 */

export const memorySchema = z.object({
  content: z.string(),
  content_hash: z.string().min(1),
  tags: z.array(z.string()),
  memory_type: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()).nullable().transform((value) => value ?? {}),
  created_at: z.number(),
  created_at_iso: z.string(),
  updated_at: z.number(),
  updated_at_iso: z.string(),
});

export const memoryListSchema = z.object({
  memories: z.array(memorySchema),
  total: z.number().int().nonnegative(),
  page: z.number().int().positive(),
  page_size: z.number().int().positive(),
  has_more: z.boolean(),
});

/** FastAPI's error envelopes: `{"detail":"text"}`, `{"detail":{error,error_description}}`, `{"detail":[…]}`. */
export const fastApiErrorSchema = z.object({
  detail: z.union([
    z.string(),
    z.object({ error: z.string(), error_description: z.string().optional() }),
    z.array(z.object({ msg: z.string(), loc: z.array(z.union([z.string(), z.number()])).optional() })),
  ]),
});

/** The old guide's shapes, which proxies and older servers may still send. */
export const guideErrorSchema = z.object({ error: z.string(), message: z.string().optional() });

import { z } from 'zod';
import { memorySchema } from './server-schemas';

/**
 * The shapes of the answers behind browse, search and edit (memory-service-api.md §4.4–4.8).
 * As everywhere: unknown extra fields pass, a missing or mistyped known field is a bad response.
 */

export const searchAnswerSchema = z.object({
  results: z.array(
    z.object({
      memory: memorySchema,
      similarity_score: z.number().nullable().optional(),
      relevance_reason: z.string().nullable().optional(),
    }),
  ),
  total_found: z.number().int().nonnegative(),
  query: z.string(),
  search_type: z.string(),
  processing_time_ms: z.number().nullable().optional(),
});

/** POST /api/memories: HTTP 200 whether it stored or not; `success` says which. */
export const createAnswerSchema = z.object({
  success: z.boolean(),
  message: z.string(),
  content_hash: z.string().nullable().optional(),
  memory: memorySchema.nullable().optional(),
});

export const updateAnswerSchema = z.object({
  success: z.boolean(),
  message: z.string(),
  content_hash: z.string().nullable().optional(),
  memory: memorySchema.nullable().optional(),
});

/** DELETE /api/memories/{hash}: always HTTP 200; an unknown hash is `success:false`. */
export const deleteAnswerSchema = z.object({
  success: z.boolean(),
  message: z.string(),
  content_hash: z.string().nullable().optional(),
});

export const bulkDeleteAnswerSchema = z.object({
  success: z.boolean(),
  message: z.string(),
  affected_count: z.number().int().nonnegative(),
  operation: z.string().optional(),
});

export const tagsAnswerSchema = z.object({
  tags: z.array(z.object({ tag: z.string(), count: z.number().int().nonnegative() })),
});

export const typesAnswerSchema = z.array(z.string());

export const growthAnswerSchema = z.object({
  data_points: z.array(
    z.object({
      date: z.string(),
      count: z.number().int().nonnegative(),
      cumulative: z.number().int().nonnegative(),
      label: z.string(),
    }),
  ),
  period: z.string(),
});

export const tagUsageAnswerSchema = z.object({
  tags: z.array(z.object({ tag: z.string(), count: z.number().int().nonnegative(), percentage: z.number() })),
  total_memories: z.number().int().nonnegative(),
});

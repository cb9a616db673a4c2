import { z } from 'zod';
import { profileId } from './common';

export const growthPeriods = ['week', 'month', 'quarter', 'year'] as const;
export type GrowthPeriod = (typeof growthPeriods)[number];

export interface GrowthPoint {
  /** `YYYY-MM-DD`, the start of the bucket (UTC). */
  readonly date: string;
  /** Memories created in the bucket. */
  readonly count: number;
  /** The server's running total for the bucket (its own definition; shown as reported). */
  readonly cumulative: number;
  readonly label: string;
}

export interface MemoryGrowth {
  readonly period: GrowthPeriod;
  readonly points: readonly GrowthPoint[];
}

export interface TagUsage {
  readonly tags: readonly { readonly tag: string; readonly count: number; readonly percentage: number }[];
  readonly totalMemories: number;
}

export const analyticsMethods = {
  'analytics.growth': z.object({ profileId, period: z.enum(growthPeriods).default('month') }).strict(),
  'analytics.tagUsage': z.object({ profileId, limit: z.number().int().min(1).max(100).default(15) }).strict(),
} as const;

export interface AnalyticsOutputs {
  'analytics.growth': MemoryGrowth;
  'analytics.tagUsage': TagUsage;
}

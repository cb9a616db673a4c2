import { queryOptions, useQuery } from '@tanstack/react-query';
import type { GrowthPeriod } from '../../../../electron/contract';
import { callConsole } from '../../../bridge';
import { memoryKeys } from '../../memories/api/memory-keys';

export function growthQueryOptions(profileId: string, period: GrowthPeriod) {
  return queryOptions({
    queryKey: memoryKeys.growth(profileId, period),
    queryFn: () => callConsole('analytics.growth', { profileId, period }),
  });
}

export function useGrowth(profileId: string, period: GrowthPeriod) {
  return useQuery(growthQueryOptions(profileId, period));
}

export function tagUsageQueryOptions(profileId: string, limit: number) {
  return queryOptions({
    queryKey: memoryKeys.tagUsage(profileId, limit),
    queryFn: () => callConsole('analytics.tagUsage', { profileId, limit }),
  });
}

export function useTagUsage(profileId: string, limit: number) {
  return useQuery(tagUsageQueryOptions(profileId, limit));
}

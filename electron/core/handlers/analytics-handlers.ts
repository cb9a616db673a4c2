import { memoryGrowth, tagUsage } from '../../memory-service/memory-operations';
import { targetFor } from './memory-handlers';
import type { FeatureHandlers, Services } from './services';

export function analyticsHandlers({ profiles }: Services): FeatureHandlers<'analytics'> {
  return {
    'analytics.growth': async (input) => memoryGrowth(await targetFor(profiles, input.profileId), input.period),
    'analytics.tagUsage': async (input) => tagUsage(await targetFor(profiles, input.profileId), input.limit),
  };
}

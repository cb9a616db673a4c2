import type { LiveFollower } from '../../live-updates/live-follower';
import type { FeatureHandlers } from './services';

export function liveHandlers(live: LiveFollower): FeatureHandlers<'live'> {
  return {
    'live.follow': async (input) => live.follow(input.profileId),
    'live.status': async () => live.status(),
  };
}

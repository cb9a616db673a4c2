import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import type { ProfileView, StatusReport } from '../../../../electron/contract';
import { callConsole } from '../../../bridge';
import { statusKeys } from './status-keys';

/** How often every server is checked while the console is in front. */
export const statusRefreshMs = 60_000;

export function getStatus(profileId: string): Promise<StatusReport> {
  return callConsole('status.check', { profileId });
}

/**
 * One query per server, shared by the sidebar badge and the fleet view. The timer and window
 * focus never start a check while one is running (TanStack joins it instead), and the privileged
 * side runs at most one probe per server anyway, so a slow server never piles requests up.
 */
export function statusQueryOptions(profile: ProfileView) {
  return queryOptions({
    queryKey: statusKeys.check(profile),
    queryFn: () => getStatus(profile.id),
    staleTime: 20_000,
    refetchInterval: statusRefreshMs,
    refetchOnWindowFocus: true,
    // A failed check is itself the answer (the report says why); retrying would only add load.
    retry: false,
  });
}

export function useServerStatus(profile: ProfileView) {
  return useQuery(statusQueryOptions(profile));
}

export function useFleetStatus(profiles: readonly ProfileView[]) {
  return useQueries({ queries: profiles.map((profile) => statusQueryOptions(profile)) });
}

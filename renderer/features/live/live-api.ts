import { queryOptions, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { callConsole } from '../../bridge';

export const liveKeys = {
  all: ['live'] as const,
  status: () => [...liveKeys.all, 'status'] as const,
};

export function liveStatusQueryOptions() {
  return queryOptions({
    queryKey: liveKeys.status(),
    queryFn: () => callConsole('live.status', {}),
    // `live-status` signals invalidate this; it never goes stale by itself.
    staleTime: Infinity,
  });
}

export function useLiveStatus() {
  return useQuery(liveStatusQueryOptions());
}

/**
 * Asks the privileged side to follow this server's event stream while it is shown. Never unfollows
 * on unmount: in browser mode two calls may overtake each other over HTTP, and a late "follow
 * none" would silently end the stream of the server the user is looking at.
 */
export function useFollowLive(profileId: string): void {
  useEffect(() => {
    void callConsole('live.follow', { profileId }).catch(() => undefined);
  }, [profileId]);
}

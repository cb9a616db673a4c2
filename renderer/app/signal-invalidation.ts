import type { QueryClient, QueryFilters } from '@tanstack/react-query';
import { useEffect } from 'react';
import { onConsoleSignal, type BridgeSignal } from '../bridge';
import { appInfoKeys } from '../features/app-info/api/app-info-keys';
import { liveKeys } from '../features/live/live-api';
import { memoryKeys } from '../features/memories/api/memory-keys';
import { profileKeys } from '../features/servers/api/profile-keys';
import { assertNever } from '../lib/assert-never';

/**
 * Marks answers stale and fetches them again. A fetch already under way may have been answered
 * before the change, and TanStack Query joins an invalidation to a first fetch still in flight
 * rather than restarting it, so that fetch's (older) answer would stand: cancel it first.
 */
async function refresh(client: QueryClient, filters: QueryFilters = {}): Promise<void> {
  await client.cancelQueries(filters);
  await client.invalidateQueries(filters);
}

/** Signals carry no data: each one only says which cached answers are now stale. */
export async function invalidateForSignal(client: QueryClient, signal: BridgeSignal): Promise<void> {
  switch (signal.kind) {
    case 'profiles-changed':
      await refresh(client, { queryKey: profileKeys.all });
      return;
    case 'memories-changed':
      await refresh(client, { queryKey: memoryKeys.profile(signal.profileId) });
      return;
    case 'keychain-changed':
      await Promise.all([refresh(client, { queryKey: appInfoKeys.all }), refresh(client, { queryKey: profileKeys.all })]);
      return;
    case 'live-status':
      await refresh(client, { queryKey: liveKeys.all });
      return;
    case 'resync':
      await refresh(client);
      return;
    default:
      assertNever(signal);
  }
}

export function useChangeSignals(client: QueryClient): void {
  useEffect(
    () =>
      onConsoleSignal((signal) => {
        void invalidateForSignal(client, signal);
      }),
    [client],
  );
}

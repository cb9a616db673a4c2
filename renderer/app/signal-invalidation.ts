import type { QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { onConsoleSignal, type BridgeSignal } from '../bridge';
import { appInfoKeys } from '../features/app-info/api/app-info-keys';
import { liveKeys } from '../features/live/live-api';
import { memoryKeys } from '../features/memories/api/memory-keys';
import { profileKeys } from '../features/servers/api/profile-keys';
import { assertNever } from '../lib/assert-never';

/** Signals carry no data: each one only says which cached answers are now stale. */
export async function invalidateForSignal(client: QueryClient, signal: BridgeSignal): Promise<void> {
  switch (signal.kind) {
    case 'profiles-changed':
      await client.invalidateQueries({ queryKey: profileKeys.all });
      return;
    case 'memories-changed':
      await client.invalidateQueries({ queryKey: memoryKeys.profile(signal.profileId) });
      return;
    case 'keychain-changed':
      await Promise.all([
        client.invalidateQueries({ queryKey: appInfoKeys.all }),
        client.invalidateQueries({ queryKey: profileKeys.all }),
      ]);
      return;
    case 'live-status':
      await client.invalidateQueries({ queryKey: liveKeys.all });
      return;
    case 'resync':
      await client.invalidateQueries();
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

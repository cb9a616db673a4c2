import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { invalidateForSignal } from '../../../../renderer/app/signal-invalidation';
import { appInfoKeys } from '../../../../renderer/features/app-info/api/app-info-keys';
import { memoryKeys } from '../../../../renderer/features/memories/api/memory-keys';
import { profileKeys } from '../../../../renderer/features/servers/api/profile-keys';
import type { BridgeSignal } from '../../../../renderer/bridge';

const keys = {
  appInfo: appInfoKeys.info(),
  profiles: profileKeys.list(),
  localMemories: memoryKeys.list('local', {}),
  prodMemories: memoryKeys.list('prod', {}),
};

/** Which cached queries a signal marks stale. */
async function staleAfter(signal: BridgeSignal): Promise<string[]> {
  const client = new QueryClient();
  for (const key of Object.values(keys)) client.setQueryData(key, 'cached');
  await invalidateForSignal(client, signal);
  return Object.entries(keys)
    .filter(([, key]) => client.getQueryState(key)?.isInvalidated)
    .map(([name]) => name);
}

describe('signal invalidation', () => {
  it('maps each signal to the queries it makes stale', async () => {
    expect(await staleAfter({ kind: 'profiles-changed' })).toEqual(['profiles']);
    expect(await staleAfter({ kind: 'memories-changed', profileId: 'local' })).toEqual(['localMemories']);
    expect(await staleAfter({ kind: 'keychain-changed' })).toEqual(['appInfo', 'profiles']);
    expect(await staleAfter({ kind: 'live-status', profileId: 'local', connected: true })).toEqual([]);
    expect(await staleAfter({ kind: 'resync' })).toEqual(['appInfo', 'profiles', 'localMemories', 'prodMemories']);
  });
});

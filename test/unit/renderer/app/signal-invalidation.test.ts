import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { invalidateForSignal } from '../../../../renderer/app/signal-invalidation';
import { appInfoKeys } from '../../../../renderer/features/app-info/api/app-info-keys';
import { liveKeys } from '../../../../renderer/features/live/live-api';
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

  it('a change signalled while the first fetch is still under way is not lost to that fetch’s older answer', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    let answerFirst: (value: string) => void = () => undefined;
    let calls = 0;
    const observer = new QueryObserver(client, {
      queryKey: liveKeys.status(),
      queryFn: () => {
        calls += 1;
        // The first answer was computed before the change; the server says 'live' from then on.
        return calls === 1 ? new Promise<string>((resolve) => (answerFirst = resolve)) : Promise.resolve('live');
      },
    });
    const unsubscribe = observer.subscribe(() => undefined);
    await Promise.resolve();
    expect(calls).toBe(1);

    const handled = invalidateForSignal(client, { kind: 'live-status', profileId: 'local', connected: true });
    answerFirst('connecting');
    await handled;
    await vi.waitFor(() => expect(client.getQueryData(liveKeys.status())).toBe('live'));
    expect(calls).toBe(2);
    unsubscribe();
  });
});

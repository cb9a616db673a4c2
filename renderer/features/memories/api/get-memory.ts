import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Memory } from '../../../../electron/contract';
import { callConsole } from '../../../bridge';
import { memoryKeys } from './memory-keys';

export function memoryQueryOptions(profileId: string, contentHash: string) {
  return queryOptions({
    queryKey: memoryKeys.detail(profileId, contentHash),
    queryFn: () => callConsole('memories.get', { profileId, contentHash }),
  });
}

/**
 * One memory, shown at once from the row it was opened from and then kept current: after a
 * change signal it is fetched again, so an edit elsewhere shows and a deletion says so.
 */
export function useMemory(profileId: string, contentHash: string, shown: Memory | undefined) {
  return useQuery({
    ...memoryQueryOptions(profileId, contentHash),
    ...(shown ? { placeholderData: shown } : {}),
    retry: false,
  });
}

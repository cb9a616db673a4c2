import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ContractInput } from '../../../../electron/contract';
import { callConsole } from '../../../bridge';
import { memoryKeys } from './memory-keys';

/** Everything shown about the server may have changed; resolves once the visible parts are fresh. */
function refreshProfile(client: QueryClient, profileId: string): Promise<void> {
  return client.invalidateQueries({ queryKey: memoryKeys.profile(profileId) });
}

export function useCreateMemory(profileId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<ContractInput<'memories.create'>, 'profileId'>) => callConsole('memories.create', { profileId, ...input }),
    onSuccess: () => refreshProfile(client, profileId),
  });
}

export function useUpdateMemory(profileId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<ContractInput<'memories.update'>, 'profileId'>) => callConsole('memories.update', { profileId, ...input }),
    onSuccess: (result) => {
      client.setQueryData(memoryKeys.detail(profileId, result.memory.content_hash), result.memory);
      return refreshProfile(client, profileId);
    },
  });
}

export function useDeleteMemory(profileId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (contentHash: string) => callConsole('memories.delete', { profileId, contentHash }),
    onSuccess: (result) => {
      client.removeQueries({ queryKey: memoryKeys.detail(profileId, result.contentHash) });
      return refreshProfile(client, profileId);
    },
  });
}

export function useBulkDeleteByTag(profileId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { readonly tag: string; readonly confirmCount: number }) =>
      callConsole('memories.bulkDeleteByTag', { profileId, ...input }),
    // A refused count means the tag's count changed: refresh it either way.
    onSettled: () => refreshProfile(client, profileId),
  });
}

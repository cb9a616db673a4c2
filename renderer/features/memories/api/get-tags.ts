import { queryOptions, useQuery } from '@tanstack/react-query';
import { callConsole } from '../../../bridge';
import { memoryKeys } from './memory-keys';

export function tagsQueryOptions(profileId: string) {
  return queryOptions({
    queryKey: memoryKeys.tags(profileId),
    queryFn: () => callConsole('memories.tags', { profileId }),
  });
}

export function useTags(profileId: string) {
  return useQuery(tagsQueryOptions(profileId));
}

export function typesQueryOptions(profileId: string) {
  return queryOptions({
    queryKey: memoryKeys.types(profileId),
    queryFn: () => callConsole('memories.types', { profileId }),
    staleTime: 10 * 60_000,
  });
}

export function useMemoryTypes(profileId: string) {
  return useQuery(typesQueryOptions(profileId));
}

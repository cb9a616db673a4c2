import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DuplicateKeys } from '../../../../electron/contract';
import { callConsole } from '../../../bridge';
import { keyQueryKeys } from './key-query-keys';

export function getDuplicateKeys(): Promise<DuplicateKeys> {
  return callConsole('keys.duplicates', {});
}

export function duplicateKeysQueryOptions() {
  return queryOptions({
    queryKey: keyQueryKeys.duplicates(),
    queryFn: getDuplicateKeys,
  });
}

export function useDuplicateKeys() {
  return useQuery(duplicateKeysQueryOptions());
}

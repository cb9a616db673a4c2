import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { SearchResults } from '../../../../electron/contract';
import { callConsole } from '../../../bridge';
import { memoryKeys, type SearchParams } from '../../memories/api/memory-keys';

let nextRequest = 0;

/** Unique per page load; the privileged side only uses it to find the request to cancel. */
function newRequestId(): string {
  nextRequest += 1;
  return `s-${Date.now().toString(36)}-${nextRequest}`;
}

/**
 * Runs a search that TanStack Query can cancel: when the query text changes, the old query loses
 * its observer and its signal aborts, which cancels the request in the privileged side (an
 * AbortSignal cannot cross the bridge; a request id can) and settles this promise at once.
 */
export function runSearch(profileId: string, params: SearchParams, signal: AbortSignal): Promise<SearchResults> {
  const requestId = newRequestId();
  const call = (): Promise<SearchResults> => {
    switch (params.kind) {
      case 'semantic':
        return callConsole('memories.search', { profileId, query: params.query, limit: params.limit, threshold: params.threshold, requestId });
      case 'tag':
        return callConsole('memories.searchByTag', {
          profileId,
          tags: [...params.tags],
          matchAll: params.matchAll,
          ...(params.timeFilter ? { timeFilter: params.timeFilter } : {}),
          requestId,
        });
      case 'time':
        return callConsole('memories.searchByTime', { profileId, query: params.query, limit: params.limit, requestId });
    }
  };
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<SearchResults>((resolve, reject) => {
    const onAbort = () => {
      void callConsole('memories.cancel', { requestId }).catch(() => undefined);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    call().then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

export function searchQueryOptions(profileId: string, params: SearchParams) {
  return queryOptions({
    queryKey: memoryKeys.search(profileId, params),
    queryFn: ({ signal }) => runSearch(profileId, params, signal),
    // Searching bumps access counters on the server: do not repeat it just because time passed.
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

/**
 * `null` params: no search (the browse list shows). While a refined query runs, the previous
 * query's answer stays on screen marked as updating (`isPlaceholderData`), never mixed into the new
 * one. A search started from the browse list shows no placeholder: the answer of whatever was
 * searched before the list came back belongs to another question (and mounting that stale list
 * would hold up the keystroke that started the new search).
 */
export function useSearch(profileId: string, params: SearchParams | null) {
  const [previous, setPrevious] = useState(params);
  const [refining, setRefining] = useState(false);
  if (previous !== params) {
    setPrevious(params);
    setRefining(previous !== null && params !== null);
  }
  return useQuery({
    ...searchQueryOptions(profileId, params ?? { kind: 'semantic', query: '', limit: 1, threshold: null }),
    enabled: params !== null,
    ...(refining ? { placeholderData: keepPreviousData } : {}),
  });
}

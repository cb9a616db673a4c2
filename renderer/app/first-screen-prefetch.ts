import type { QueryClient } from '@tanstack/react-query';
import { getMemoryPage, memoryPagesQueryOptions } from '../features/memories/api/get-memory-pages';
import { getProfiles, profilesQueryOptions } from '../features/servers/api/get-profiles';
import type { EarlyStart } from './early-start';

/** The in-flight request the first time, a fresh fetch after that (retries, refetches). */
function adoptOnce<T>(early: Promise<T>, fetch: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = early;
  return () => {
    const adopted = pending;
    pending = null;
    return adopted ?? fetch();
  };
}

/**
 * Hands the requests started by early-start.ts to the query client as soon as it exists, under the
 * keys the components use: they join these requests instead of starting their own from the effects
 * of the first and second renders, and the first page does not queue behind the status, tag and
 * type requests the memory panel starts when it mounts. Nothing is fetched twice.
 */
export function prefetchFirstScreen(client: QueryClient, early: EarlyStart): void {
  // Answers already in go straight into the cache: the first render shows them.
  const { profiles, firstPage } = early.arrived;
  if (profiles !== undefined) client.setQueryData(profilesQueryOptions().queryKey, profiles);
  else void client.prefetchQuery({ ...profilesQueryOptions(), queryFn: adoptOnce(early.profiles, getProfiles) });
  if (firstPage) {
    client.setQueryData(memoryPagesQueryOptions(firstPage.profileId).queryKey, { pages: [firstPage.page], pageParams: [1] });
    return;
  }
  void early.firstPage.then((first) => {
    if (first === null) return undefined;
    const { profileId } = first;
    const firstPage = adoptOnce(first.page, () => getMemoryPage({ profileId, page: 1 }));
    return client.prefetchInfiniteQuery({
      ...memoryPagesQueryOptions(profileId),
      queryFn: ({ pageParam }) => (pageParam === 1 ? firstPage() : getMemoryPage({ profileId, page: pageParam })),
    });
  });
}

import { useCallback } from 'react';
import type { ProfileView } from '../../../../electron/contract';
import { useNow } from '../../../lib/use-now';
import { ErrorPanel } from '../../../ui/error-panel';
import { StatusMessage } from '../../../ui/status-message';
import { EnvironmentLabel } from '../../servers/components/environment-label';
import { formatHost } from '../../servers/format-host';
import { memoryPageSize, useMemoryPages } from '../api/get-memory-pages';
import { MemoryCount } from './memory-count';
import { MemoryList } from './memory-list';
import './memories.css';

/** The selected server's newest memories, with every state the list can be in. */
export function MemoryPanel({ profile }: { readonly profile: ProfileView }) {
  const query = useMemoryPages(profile.id);
  const now = useNow();
  const { data, hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = query;
  const host = formatHost(profile.baseUrl);

  const loadMore = useCallback(() => {
    void fetchNextPage();
  }, [fetchNextPage]);

  return (
    <section className="memory-panel" aria-labelledby="memory-panel-heading">
      <header className="memory-panel__header">
        <h1 id="memory-panel-heading" className="memory-panel__title">
          {profile.name}
        </h1>
        <span className="memory-panel__host">{host}</span>
        <EnvironmentLabel environment={profile.environment} customEnvironment={profile.customEnvironment} />
        {data !== undefined && <MemoryCount loaded={data.memories.length} total={data.total} />}
      </header>

      {data === undefined && query.isPending && (
        <StatusMessage title={`Loading memories from ${host}…`} busy />
      )}
      {data === undefined && query.isError && <ErrorPanel error={query.error} onRetry={() => void query.refetch()} />}

      {data !== undefined && query.isError && !isFetchNextPageError && (
        <ErrorPanel error={query.error} onRetry={() => void query.refetch()} compact />
      )}
      {data !== undefined && data.memories.length === 0 && (
        <StatusMessage title="No memories on this server yet">
          <p>Memories appear here as Claude or your agents store them on {host}.</p>
        </StatusMessage>
      )}
      {data !== undefined && data.memories.length > 0 && (
        <MemoryList
          memories={data.memories}
          total={data.total}
          label={`Memories on ${profile.name}`}
          canLoadMore={hasNextPage && !isFetchingNextPage && !isFetchNextPageError}
          onNearEnd={loadMore}
          now={now}
        />
      )}

      {isFetchingNextPage && (
        <p className="memory-panel__footer" role="status">
          Loading {memoryPageSize} more…
        </p>
      )}
      {isFetchNextPageError && <ErrorPanel error={query.error} onRetry={loadMore} compact />}
    </section>
  );
}

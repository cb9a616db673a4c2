import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Memory, ProfileView } from '../../../../electron/contract';
import { isConsoleApiError } from '../../../bridge';
import { useNow } from '../../../lib/use-now';
import { ErrorPanel } from '../../../ui/error-panel';
import { StatusMessage } from '../../../ui/status-message';
import type { ExportSource } from '../../export/export-dialog';
import { useFollowLive } from '../../live/live-api';
import { LiveIndicator } from '../../live/live-indicator';
import { SearchBar } from '../../search/components/search-bar';
import { searchQueryOptions, useSearch } from '../../search/api/search-memories';
import { initialDraft, searchParamsFor, type SearchDraft } from '../../search/search-params';
import { useSearchDraft } from '../../search/use-search-draft';
import { EnvironmentLabel } from '../../servers/components/environment-label';
import { formatHost } from '../../servers/format-host';
import { globalShortcutFor } from '../../shortcuts/shortcuts';
import { ThemeSwitch } from '../../theme/theme-switch';
import { memoryPageSize, useMemoryPages } from '../api/get-memory-pages';
import type { MemoryListFilter } from '../api/memory-keys';
import { describeView } from '../view-description';
import { DeleteMemoryDialog } from './delete-memory-dialog';
import { FilterBar } from './filter-bar';
import { MemoryCount } from './memory-count';
import { MemoryDetail } from './memory-detail';
import { MemoryList } from './memory-list';
import { TagSidebar } from './tag-sidebar';
import './memories.css';

const OverviewPanel = lazy(() => import('../../overview/components/overview-panel'));
// Dialogs load when first opened, so the first screen evaluates less code before it shows rows.
const CreateMemoryDialog = lazy(() => import('./create-memory-dialog').then((module) => ({ default: module.CreateMemoryDialog })));
const BulkDeleteDialog = lazy(() => import('./bulk-delete-dialog').then((module) => ({ default: module.BulkDeleteDialog })));
const ExportDialog = lazy(() => import('../../export/export-dialog').then((module) => ({ default: module.ExportDialog })));
const ShortcutHelp = lazy(() => import('../../shortcuts/shortcut-help').then((module) => ({ default: module.ShortcutHelp })));

/** Typing pauses this long before a search runs; a pasted query runs at once. */
const searchDebounceMs = 250;

type Dialog =
  | { readonly kind: 'create' }
  | { readonly kind: 'delete'; readonly memory: Memory }
  | { readonly kind: 'bulk' }
  | { readonly kind: 'export' }
  | { readonly kind: 'help' };

const countFormat = new Intl.NumberFormat();

/** The selected server: browse, search, edit, overview. Every state the lists can be in is shown. */
export function MemoryPanel({ profile }: { readonly profile: ProfileView }) {
  const [tab, setTab] = useState<'memories' | 'overview'>('memories');
  const [filter, setFilter] = useState<MemoryListFilter>({});
  const queryClient = useQueryClient();
  // The search request leaves from the event that settles the search (a paste, Enter, the end of
  // a typing pause), before React renders the new draft; the results view then joins it.
  const startSearch = useCallback(
    (settled: SearchDraft) => {
      const params = searchParamsFor(settled);
      if (params !== null) void queryClient.prefetchQuery(searchQueryOptions(profile.id, params));
    },
    [queryClient, profile.id],
  );
  const [draft, settledDraft, setDraft] = useSearchDraft(initialDraft, searchDebounceMs, startSearch);
  const [open, setOpen] = useState<{ readonly hash: string; readonly shown: Memory | undefined } | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const listArea = useRef<HTMLDivElement>(null);
  const now = useNow();
  const host = formatHost(profile.baseUrl);
  useFollowLive(profile.id);

  const searchParams = useMemo(() => searchParamsFor(settledDraft), [settledDraft]);
  const typedParams = searchParamsFor(draft);
  const browse = useMemoryPages(profile.id, filter);
  const search = useSearch(profile.id, searchParams);
  const searching = searchParams !== null;

  const { fetchNextPage } = browse;
  const loadMore = useCallback(() => {
    void fetchNextPage();
  }, [fetchNextPage]);

  const openMemory = useCallback((memory: Memory) => setOpen({ hash: memory.content_hash, shown: memory }), []);
  const askDelete = useCallback((memory: Memory) => setDialog({ kind: 'delete', memory }), []);
  const toggleTag = useCallback(
    (tag: string) => {
      setFilter((current) => {
        const tags = current.tags ?? [];
        return { ...current, tags: tags.includes(tag) ? tags.filter((item) => item !== tag) : [...tags, tag] };
      });
      // A tag click shows that tag's memories: the browse list, not a search.
      setDraft((current) => ({ ...current, text: '' }));
      setTab('memories');
    },
    [setDraft],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (dialog !== null || event.defaultPrevented) return;
      const action = globalShortcutFor(event);
      switch (action) {
        case null:
          return;
        case 'focus-search':
          event.preventDefault();
          setTab('memories');
          searchInput.current?.focus();
          return;
        case 'help':
          event.preventDefault();
          setDialog({ kind: 'help' });
          return;
        case 'new-memory':
          event.preventDefault();
          setDialog({ kind: 'create' });
          return;
        case 'focus-list': {
          const row = listArea.current?.querySelector<HTMLElement>('[data-testid="memory-row"][tabindex="0"]');
          if (row && !listArea.current?.contains(document.activeElement)) {
            event.preventDefault();
            row.focus();
          }
          return;
        }
        case 'escape':
          if (open !== null) setOpen(null);
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog, open]);

  const timeError =
    searching && searchParams.kind === 'time' && search.isError && isConsoleApiError(search.error) && search.error.code === 'invalid-input'
      ? search.error.message
      : null;
  const view = describeView(filter, searchParams);
  const exportSource: ExportSource =
    searching && search.data ? { kind: 'search', memories: search.data.hits.map((hit) => hit.memory) } : { kind: 'list', filter };
  const scores = useMemo(
    () => new Map(search.data?.hits.map((hit) => [hit.memory.content_hash, hit.score]) ?? []),
    [search.data],
  );

  return (
    <section className="memory-panel" aria-labelledby="memory-panel-heading">
      <header className="memory-panel__header">
        <h1 id="memory-panel-heading" className="memory-panel__title">
          {profile.name}
        </h1>
        <span className="memory-panel__host">{host}</span>
        <EnvironmentLabel environment={profile.environment} customEnvironment={profile.customEnvironment} />
        <LiveIndicator profileId={profile.id} />
        <div className="memory-panel__actions">
          <button type="button" className="button button--primary" onClick={() => setDialog({ kind: 'create' })} aria-keyshortcuts="n">
            New memory
          </button>
          <button type="button" className="button" onClick={() => setDialog({ kind: 'export' })} disabled={searching && !search.data}>
            Export…
          </button>
          <button type="button" className="button" onClick={() => setDialog({ kind: 'bulk' })}>
            Bulk delete…
          </button>
          <ThemeSwitch />
          <button type="button" className="button" onClick={() => setDialog({ kind: 'help' })} aria-keyshortcuts="?" aria-label="Keyboard shortcuts">
            ?
          </button>
        </div>
      </header>

      <div className="memory-panel__tabs" role="tablist" aria-label="Views">
        <button type="button" role="tab" id="tab-memories" aria-selected={tab === 'memories'} aria-controls="panel-memories" onClick={() => setTab('memories')}>
          Memories
        </button>
        <button type="button" role="tab" id="tab-overview" aria-selected={tab === 'overview'} aria-controls="panel-overview" onClick={() => setTab('overview')}>
          Overview
        </button>
      </div>

      {tab === 'overview' ? (
        <div role="tabpanel" id="panel-overview" aria-labelledby="tab-overview" className="memory-panel__tabpanel">
          <Suspense fallback={<StatusMessage title="Loading the overview…" busy />}>
            <OverviewPanel profileId={profile.id} onPickTag={(tag) => toggleTag(tag)} />
          </Suspense>
        </div>
      ) : (
        <div role="tabpanel" id="panel-memories" aria-labelledby="tab-memories" className="memory-panel__tabpanel">
          <div className="memory-panel__toolbar">
            <SearchBar draft={draft} onChange={setDraft} inputRef={searchInput} fieldError={timeError} busy={searching && search.isFetching} />
            {!searching && typedParams === null && <FilterBar profileId={profile.id} filter={filter} onChange={setFilter} />}
          </div>
          <div className={open ? 'memory-panel__body memory-panel__body--detail' : 'memory-panel__body'}>
            <div className="memory-panel__list" ref={listArea}>
              {searching ? (
                <SearchResultsView
                  search={search}
                  label={view}
                  now={now}
                  openHash={open?.hash ?? null}
                  onOpen={openMemory}
                  onDelete={askDelete}
                  scores={scores}
                  timeError={timeError}
                />
              ) : (
                <BrowseView
                  browse={browse}
                  host={host}
                  label={`${filterActive(filter) ? view : 'Memories'} on ${profile.name}`}
                  filtered={filterActive(filter)}
                  now={now}
                  openHash={open?.hash ?? null}
                  onOpen={openMemory}
                  onDelete={askDelete}
                  loadMore={loadMore}
                />
              )}
            </div>
            {open && (
              <MemoryDetail
                key={open.hash}
                profileId={profile.id}
                contentHash={open.hash}
                shown={open.shown}
                now={now}
                onClose={() => setOpen(null)}
                onDelete={askDelete}
              />
            )}
            {/* After the list in the DOM (first on screen): a long tag list must not stand between Tab and the memories. */}
            <TagSidebar profileId={profile.id} selected={filter.tags ?? noTags} onToggle={toggleTag} />
          </div>
        </div>
      )}

      <Suspense fallback={null}>
        {dialog?.kind === 'create' && <CreateMemoryDialog profileId={profile.id} onClose={() => setDialog(null)} />}
        {dialog?.kind === 'delete' && (
          <DeleteMemoryDialog
            profileId={profile.id}
            memory={dialog.memory}
            onClose={() => setDialog(null)}
            onDeleted={(memory) => {
              setDialog(null);
              if (open?.hash === memory.content_hash) setOpen(null);
            }}
          />
        )}
        {dialog?.kind === 'bulk' && (
          <BulkDeleteDialog profileId={profile.id} initialTag={filter.tags?.length === 1 ? (filter.tags[0] ?? null) : null} onClose={() => setDialog(null)} />
        )}
        {dialog?.kind === 'export' && (
          <ExportDialog profileId={profile.id} serverName={profile.name} view={view} source={exportSource} onClose={() => setDialog(null)} />
        )}
        {dialog?.kind === 'help' && <ShortcutHelp onClose={() => setDialog(null)} />}
      </Suspense>
    </section>
  );
}

interface ListViewProps {
  readonly label: string;
  readonly now: number;
  readonly openHash: string | null;
  readonly onOpen: (memory: Memory) => void;
  readonly onDelete: (memory: Memory) => void;
}

function BrowseView({
  browse,
  host,
  filtered,
  loadMore,
  ...list
}: ListViewProps & {
  readonly browse: ReturnType<typeof useMemoryPages>;
  readonly host: string;
  readonly filtered: boolean;
  readonly loadMore: () => void;
}) {
  const { data, hasNextPage, isFetching, isFetchingNextPage, isFetchNextPageError } = browse;
  return (
    <>
      <div className="memory-panel__status">{data !== undefined && <MemoryCount loaded={data.memories.length} total={data.total} />}</div>
      {data === undefined && browse.isPending && <StatusMessage title={`Loading memories from ${host}…`} busy />}
      {data === undefined && browse.isError && <ErrorPanel error={browse.error} onRetry={() => void browse.refetch()} />}
      {data !== undefined && browse.isError && !isFetchNextPageError && (
        <ErrorPanel error={browse.error} onRetry={() => void browse.refetch()} compact />
      )}
      {data !== undefined && data.memories.length === 0 && (
        <StatusMessage title={filtered ? 'No memories match these filters' : 'No memories on this server yet'}>
          <p>{filtered ? 'Remove a tag or the type filter to see more.' : `Memories appear here as Claude or your agents store them on ${host}.`}</p>
        </StatusMessage>
      )}
      {data !== undefined && data.memories.length > 0 && (
        <MemoryList
          memories={data.memories}
          total={data.total}
          // Not while any fetch of the list runs: a refresh (a change signal) cancels a next-page
          // fetch under way, and the list asks again once the refresh has settled.
          canLoadMore={hasNextPage && !isFetching && !isFetchNextPageError}
          onNearEnd={loadMore}
          {...list}
        />
      )}
      {isFetchingNextPage && (
        <p className="memory-panel__footer" role="status">
          Loading {memoryPageSize} more…
        </p>
      )}
      {data !== undefined && !hasNextPage && data.memories.length > 0 && (
        <p className="memory-panel__footer" data-testid="end-of-list">
          All {countFormat.format(data.memories.length)} loaded.
        </p>
      )}
      {isFetchNextPageError && <ErrorPanel error={browse.error} onRetry={loadMore} compact />}
    </>
  );
}

function SearchResultsView({
  search,
  timeError,
  scores,
  ...list
}: ListViewProps & {
  readonly search: ReturnType<typeof useSearch>;
  readonly timeError: string | null;
  readonly scores: ReadonlyMap<string, number | null>;
}) {
  const { data } = search;
  // The same array while the answer is the same, so the memoized list skips keystroke renders.
  const memories = useMemo(() => data?.hits.map((hit) => hit.memory) ?? [], [data]);
  if (timeError !== null) return null;
  const stale = search.isPlaceholderData;
  return (
    <>
      <div className="memory-panel__status">
        {data !== undefined && (
          <p className="memory-count" data-testid="search-count" aria-live="polite">
            {stale ? 'Updating… ' : ''}
            {countFormat.format(data.hits.length)} {data.hits.length === 1 ? 'result' : 'results'}
            {data.totalFound !== data.hits.length ? ` of ${countFormat.format(data.totalFound)} found` : ''}
          </p>
        )}
      </div>
      {data === undefined && search.isPending && <StatusMessage title="Searching…" busy />}
      {search.isError && <ErrorPanel error={search.error} onRetry={() => void search.refetch()} compact={data !== undefined} />}
      {data !== undefined && data.hits.length === 0 && !stale && (
        <StatusMessage title="Nothing found">
          <p>Try other words, fewer tags, or a lower minimum similarity.</p>
        </StatusMessage>
      )}
      {data !== undefined && data.hits.length > 0 && (
        <div className={stale ? 'memory-panel__results memory-panel__results--stale' : 'memory-panel__results'} aria-busy={stale || undefined}>
          <MemoryList
            memories={memories}
            total={data.hits.length}
            canLoadMore={false}
            onNearEnd={noop}
            scores={scores}
            {...list}
          />
        </div>
      )}
    </>
  );
}

function noop(): void {}

const noTags: readonly string[] = [];

function filterActive(filter: MemoryListFilter): boolean {
  return (filter.tags?.length ?? 0) > 0 || filter.memoryType !== undefined;
}

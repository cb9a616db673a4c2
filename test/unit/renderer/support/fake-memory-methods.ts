import type {
  ConsoleError,
  ContractInput,
  ContractMethod,
  ContractOutput,
  LiveStatus,
  Memory,
  Result,
  SearchResults,
} from '../../../../electron/contract';
import type { FakeCall } from './fake-console';

/**
 * The browse, search, edit, live and export methods of the fake console, over the same in-memory
 * lists as `memories.list`. `respondWith` replaces one method's behaviour (a slow answer, an
 * answer out of order) for a test.
 */

type Method = Extract<ContractMethod, `memories.${string}` | `analytics.${string}` | `live.${string}` | `export.${string}`>;
type Responder<M extends Method> = (input: ContractInput<M>) => Promise<Result<ContractOutput<M>>>;

interface Shared {
  readonly memories: Map<string, Memory[]>;
  readonly calls: FakeCall[];
  readonly failures: Map<ContractMethod, ConsoleError>;
}

class FakeFailure extends Error {
  constructor(readonly error: ConsoleError) {
    super(error.message);
  }
}

export function createMemoryFakes({ memories, calls, failures }: Shared) {
  const overrides = new Map<Method, (input: unknown) => Promise<Result<unknown>>>();
  let live: LiveStatus = { profileId: null, state: 'off', since: new Date(0).toISOString(), error: null, retryAt: null };

  function handle<M extends Method>(method: M, compute: (input: ContractInput<M>) => ContractOutput<M>): Responder<M> {
    return (input) => {
      calls.push({ method, input });
      const override = overrides.get(method);
      if (override) return override(input) as Promise<Result<ContractOutput<M>>>;
      const failure = failures.get(method);
      if (failure) return Promise.resolve({ ok: false, error: failure });
      try {
        return Promise.resolve({ ok: true, value: compute(input) });
      } catch (error) {
        if (error instanceof FakeFailure) return Promise.resolve({ ok: false, error: error.error });
        throw error;
      }
    };
  }

  const listOf = (profileId: string) => memories.get(profileId) ?? [];
  const find = (profileId: string, hash: string): Memory => {
    const memory = listOf(profileId).find((item) => item.content_hash === hash);
    if (!memory) throw new FakeFailure({ code: 'not-found', message: 'That memory is not on the server any more.' });
    return memory;
  };
  const results = (hits: readonly Memory[], query: string, searchType: string, score: (m: Memory) => number | null): SearchResults => ({
    hits: hits.map((memory) => ({ memory, score: score(memory), reason: null })),
    totalFound: hits.length,
    query,
    searchType,
    processingMs: 1,
  });

  const methods = {
    'memories.get': handle('memories.get', (input) => find(input.profileId, input.contentHash)),
    'memories.search': handle('memories.search', (input) => {
      const words = input.query.toLowerCase().split(/\s+/).filter(Boolean);
      const hits = listOf(input.profileId).filter((memory) => words.some((word) => memory.content.toLowerCase().includes(word)));
      return results(hits.slice(0, input.limit ?? 20), input.query, 'semantic', () => 0.5);
    }),
    'memories.searchByTag': handle('memories.searchByTag', (input) => {
      const match = (memory: Memory) =>
        input.matchAll ? input.tags.every((tag) => memory.tags.includes(tag)) : input.tags.some((tag) => memory.tags.includes(tag));
      return results(listOf(input.profileId).filter(match), `Tags: ${input.tags.join(', ')}`, 'tag', () => null);
    }),
    'memories.searchByTime': handle('memories.searchByTime', (input) => {
      if (!/day|week|month|year|ago/.test(input.query)) {
        throw new FakeFailure({ code: 'invalid-input', message: `Could not parse time query: '${input.query}'.` });
      }
      return results(listOf(input.profileId).slice(0, input.limit ?? 50), input.query, 'time', () => null);
    }),
    'memories.cancel': handle('memories.cancel', () => ({ cancelled: true })),
    'memories.create': handle('memories.create', (input) => {
      const list = listOf(input.profileId);
      if (list.some((memory) => memory.content.trim().toLowerCase() === input.content.trim().toLowerCase())) {
        throw new FakeFailure({ code: 'conflict', message: 'A memory with this content is already stored; nothing was added.' });
      }
      const now = Date.now() / 1000;
      const iso = new Date(now * 1000).toISOString();
      const memory: Memory = {
        content: input.content,
        content_hash: `hash-new-${list.length}`,
        tags: input.tags && input.tags.length > 0 ? input.tags : ['untagged'],
        memory_type: input.memoryType ?? null,
        metadata: input.metadata ?? {},
        created_at: now,
        created_at_iso: iso,
        updated_at: now,
        updated_at_iso: iso,
      };
      memories.set(input.profileId, [memory, ...list]);
      return { memory, warning: null };
    }),
    'memories.update': handle('memories.update', (input) => {
      const current = find(input.profileId, input.contentHash);
      const next: Memory = {
        ...current,
        ...(input.tags ? { tags: input.tags } : {}),
        ...(input.memoryType ? { memory_type: input.memoryType } : {}),
        metadata: { ...current.metadata, ...(input.metadata ?? {}) },
      };
      memories.set(input.profileId, listOf(input.profileId).map((memory) => (memory === current ? next : memory)));
      return { memory: next, message: 'Updated fields' };
    }),
    'memories.delete': handle('memories.delete', (input) => {
      find(input.profileId, input.contentHash);
      memories.set(input.profileId, listOf(input.profileId).filter((memory) => memory.content_hash !== input.contentHash));
      return { contentHash: input.contentHash };
    }),
    'memories.bulkDeleteByTag': handle('memories.bulkDeleteByTag', (input) => {
      const list = listOf(input.profileId);
      const doomed = list.filter((memory) => memory.tags.includes(input.tag));
      if (doomed.length !== input.confirmCount) {
        throw new FakeFailure({ code: 'conflict', message: 'The number of memories with this tag changed.' });
      }
      memories.set(input.profileId, list.filter((memory) => !memory.tags.includes(input.tag)));
      return { tag: input.tag, deleted: doomed.length, message: `Deleted ${doomed.length}` };
    }),
    'memories.tags': handle('memories.tags', (input) => {
      const counts = new Map<string, number>();
      for (const memory of listOf(input.profileId)) for (const tag of memory.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
      return [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count);
    }),
    'memories.types': handle('memories.types', () => ['observation', 'decision', 'learning', 'note']),
    'analytics.growth': handle('analytics.growth', (input) => ({ period: input.period ?? 'month', points: [] })),
    'analytics.tagUsage': handle('analytics.tagUsage', () => ({ tags: [], totalMemories: 0 })),
    'live.follow': handle('live.follow', (input) => {
      live = { ...live, profileId: input.profileId, state: input.profileId === null ? 'off' : 'live' };
      return live;
    }),
    'live.status': handle('live.status', () => live),
    'export.save': handle('export.save', (input) => ({ saved: true as const, fileName: input.suggestedName, bytes: input.content.length })),
  };

  return {
    methods,
    control: {
      respondWith<M extends Method>(method: M, responder: Responder<M> | null) {
        if (responder === null) overrides.delete(method);
        else overrides.set(method, responder as (input: unknown) => Promise<Result<unknown>>);
      },
      setLive(status: Partial<LiveStatus>) {
        live = { ...live, ...status };
      },
    },
  };
}

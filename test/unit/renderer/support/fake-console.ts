import type {
  ChangeSignal,
  ConsoleError,
  ContractMethod,
  KeychainStatus,
  Memory,
  ProfileView,
  Result,
} from '../../../../electron/contract';
import type { PreloadApi } from '../../../../renderer/bridge';
import { createMemoryFakes } from './fake-memory-methods';
import { createRotationFakes } from './fake-rotation-methods';
import { createStatusFakes } from './fake-status-methods';

export interface FakeCall {
  readonly method: ContractMethod;
  readonly input: unknown;
}

export interface FakeConsoleOptions {
  readonly profiles?: readonly ProfileView[];
  readonly activeId?: string | null;
  readonly memories?: Readonly<Record<string, readonly Memory[]>>;
  readonly keychain?: KeychainStatus;
}

/** A stand-in for the privileged side, shaped exactly like the preload's `window.memoryConsole`. */
export function createFakeConsole(options: FakeConsoleOptions = {}) {
  const profiles = options.profiles ?? [];
  const memories = new Map<string, Memory[]>(
    Object.entries(options.memories ?? {}).map(([id, list]) => [id, [...list]]),
  );
  const failures = new Map<ContractMethod, ConsoleError>();
  const listeners = new Set<(signal: ChangeSignal) => void>();
  const calls: FakeCall[] = [];
  let keychain: KeychainStatus = options.keychain ?? { state: 'available', backend: 'fake' };
  const memoryFakes = createMemoryFakes({ memories, calls, failures });
  const statusFakes = createStatusFakes({ calls, failures });
  const rotationFakes = createRotationFakes({ calls, failures });

  const answer = <T>(method: ContractMethod, input: unknown, value: () => T): Promise<Result<T>> => {
    calls.push({ method, input });
    const failure = failures.get(method);
    return Promise.resolve(failure ? { ok: false, error: failure } : { ok: true, value: value() });
  };

  const unfaked = (method: ContractMethod, input: unknown): Promise<Result<never>> => {
    calls.push({ method, input });
    return Promise.resolve({ ok: false, error: { code: 'internal', message: `${method} is not faked in this test` } });
  };

  const api: PreloadApi = {
    'app.info': (input) => answer('app.info', input, () => ({ version: '0.1.0', mode: 'browser' as const, keychain })),
    'profiles.list': (input) =>
      answer('profiles.list', input, () => ({ profiles, activeId: options.activeId ?? null, problems: [] })),
    'memories.list': (input) =>
      answer('memories.list', input, () => {
        const all = memories.get(input.profileId) ?? [];
        const page = input.page ?? 1;
        const pageSize = input.pageSize ?? 100;
        const start = (page - 1) * pageSize;
        return {
          memories: all.slice(start, start + pageSize),
          total: all.length,
          page,
          pageSize,
          hasMore: start + pageSize < all.length,
        };
      }),
    // Methods a test has not faked answer like a server error, so a test relying on one fails loudly.
    'profiles.create': (input) => unfaked('profiles.create', input),
    'profiles.update': (input) => unfaked('profiles.update', input),
    'profiles.delete': (input) => unfaked('profiles.delete', input),
    'profiles.reorder': (input) => unfaked('profiles.reorder', input),
    'profiles.setActive': (input) => unfaked('profiles.setActive', input),
    'profiles.checkBaseUrl': (input) => unfaked('profiles.checkBaseUrl', input),
    'keys.set': (input) => unfaked('keys.set', input),
    'keys.check': (input) => unfaked('keys.check', input),
    'keys.generate': (input) => unfaked('keys.generate', input),
    'keys.reveal': (input) => unfaked('keys.reveal', input),
    'keys.findCandidates': (input) => unfaked('keys.findCandidates', input),
    'keys.import': (input) => unfaked('keys.import', input),
    'keys.remove': (input) => unfaked('keys.remove', input),
    'keys.duplicates': (input) => unfaked('keys.duplicates', input),
    ...memoryFakes.methods,
    ...statusFakes.methods,
    ...rotationFakes.methods,
    onSignal: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  return {
    api,
    calls,
    callsTo: (method: ContractMethod) => calls.filter((call) => call.method === method),
    fail: (method: ContractMethod, error: ConsoleError | null) => {
      if (error === null) failures.delete(method);
      else failures.set(method, error);
    },
    /** Stores a memory the way the server does: newest first. */
    store: (profileId: string, memory: Memory) => {
      memories.set(profileId, [memory, ...(memories.get(profileId) ?? [])]);
    },
    setKeychain: (status: KeychainStatus) => {
      keychain = status;
    },
    emit: (signal: ChangeSignal) => {
      for (const listener of listeners) listener(signal);
    },
    listenerCount: () => listeners.size,
    /** Browse, search and edit controls: replace a method's answer, set the live status. */
    memory: memoryFakes.control,
    /** Status reports per profile, held checks, audit entries. */
    status: statusFakes.control,
    /** Rotation views per profile, reminders, and answers for the wizard's calls. */
    rotation: rotationFakes.control,
  };
}

export type FakeConsole = ReturnType<typeof createFakeConsole>;

const baseTime = Date.UTC(2026, 10, 29, 12, 0, 0) / 1000;

/** The i-th newest memory of a generated server. */
export function makeMemory(index: number, overrides: Partial<Memory> = {}): Memory {
  const created = baseTime - index * 60;
  const iso = new Date(created * 1000).toISOString();
  return {
    content: `Memory number ${index}: decided something worth remembering`,
    content_hash: `hash-${String(index).padStart(8, '0')}`,
    tags: ['project:demo', `batch-${index % 5}`],
    memory_type: index % 3 === 0 ? 'decision' : 'observation',
    metadata: {},
    created_at: created,
    created_at_iso: iso,
    updated_at: created,
    updated_at_iso: iso,
    ...overrides,
  };
}

export function makeMemories(count: number): Memory[] {
  return Array.from({ length: count }, (_, index) => makeMemory(index));
}

export function makeProfile(overrides: Partial<ProfileView> & Pick<ProfileView, 'id' | 'name'>): ProfileView {
  return {
    baseUrl: 'http://127.0.0.1:8000',
    environment: 'development',
    key: null,
    ...overrides,
  };
}

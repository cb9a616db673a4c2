import { listMemories, type MemoryServerTarget } from '../../memory-service/memory-client';
import {
  bulkDeleteByTag,
  createMemory,
  deleteMemory,
  getMemory,
  listTags,
  listTypes,
  searchByTag,
  searchByTime,
  searchMemories,
  updateMemory,
} from '../../memory-service/memory-operations';
import type { ProfileStore } from '../../profiles/profile-store';
import type { SignalHub } from '../signal-hub';
import type { FeatureHandlers, Services } from './services';

/** The key is read from the keychain at call time and goes no further than the request header. */
export async function targetFor(profiles: ProfileStore, profileId: string): Promise<MemoryServerTarget> {
  // One read of the profile, then the keychain: not profiles.get followed by readKey, which read
  // the profile file a second time.
  const { profile, apiKey } = await profiles.readProfileAndKey(profileId);
  return {
    baseUrl: profile.baseUrl,
    apiKey,
    // A certificate the user trusted for this profile (status.trustCertificate): that one only.
    ...(profile.trustedCertSha256 ? { pinnedCertSha256: `sha256:${profile.trustedCertSha256}` } : {}),
  };
}

/**
 * Requests the renderer may cancel by id. An AbortSignal cannot cross IPC or HTTP, so a search
 * superseded by the next keystroke is cancelled with `memories.cancel { requestId }`.
 */
export function createCancellableRequests() {
  const inFlight = new Map<string, AbortController>();
  return {
    async run<T>(requestId: string | undefined, work: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> {
      if (requestId === undefined) return work(undefined);
      inFlight.get(requestId)?.abort();
      const controller = new AbortController();
      inFlight.set(requestId, controller);
      try {
        return await work(controller.signal);
      } finally {
        if (inFlight.get(requestId) === controller) inFlight.delete(requestId);
      }
    },
    cancel(requestId: string): boolean {
      const controller = inFlight.get(requestId);
      if (controller === undefined) return false;
      inFlight.delete(requestId);
      controller.abort();
      return true;
    },
  };
}

/** Every window hears about a change the console itself made (PUT and bulk delete are not evented by the server). */
async function changing<T>(signals: SignalHub, profileId: string, change: Promise<T>): Promise<T> {
  const result = await change;
  signals.emit({ kind: 'memories-changed', profileId });
  return result;
}

export function memoryHandlers({ profiles, signals }: Services): FeatureHandlers<'memories'> {
  const requests = createCancellableRequests();
  const target = (profileId: string) => targetFor(profiles, profileId);
  return {
    'memories.list': async (input) =>
      listMemories(await target(input.profileId), {
        page: input.page,
        pageSize: input.pageSize,
        tags: input.tags,
        tagMatch: input.tagMatch,
        ...(input.memoryType ? { memoryType: input.memoryType } : {}),
      }),
    'memories.get': async (input) => getMemory(await target(input.profileId), input.contentHash),
    'memories.search': async (input) => {
      const server = await target(input.profileId);
      return requests.run(input.requestId, (signal) =>
        searchMemories(server, { query: input.query, limit: input.limit, threshold: input.threshold }, signal),
      );
    },
    'memories.searchByTag': async (input) => {
      const server = await target(input.profileId);
      return requests.run(input.requestId, (signal) =>
        searchByTag(server, { tags: input.tags, matchAll: input.matchAll, ...(input.timeFilter ? { timeFilter: input.timeFilter } : {}) }, signal),
      );
    },
    'memories.searchByTime': async (input) => {
      const server = await target(input.profileId);
      return requests.run(input.requestId, (signal) => searchByTime(server, { query: input.query, limit: input.limit }, signal));
    },
    'memories.cancel': async (input) => ({ cancelled: requests.cancel(input.requestId) }),
    'memories.create': async (input) =>
      changing(
        signals,
        input.profileId,
        createMemory(await target(input.profileId), {
          content: input.content,
          tags: input.tags,
          metadata: input.metadata,
          ...(input.memoryType ? { memoryType: input.memoryType } : {}),
        }),
      ),
    'memories.update': async (input) =>
      changing(
        signals,
        input.profileId,
        updateMemory(await target(input.profileId), input.contentHash, {
          ...(input.tags ? { tags: input.tags } : {}),
          ...(input.memoryType ? { memoryType: input.memoryType } : {}),
          ...(input.metadata ? { metadata: input.metadata } : {}),
        }),
      ),
    'memories.delete': async (input) =>
      changing(signals, input.profileId, deleteMemory(await target(input.profileId), input.contentHash)),
    'memories.bulkDeleteByTag': async (input) =>
      changing(signals, input.profileId, bulkDeleteByTag(await target(input.profileId), input.tag, input.confirmCount)),
    'memories.tags': async (input) => listTags(await target(input.profileId)),
    'memories.types': async (input) => listTypes(await target(input.profileId)),
  };
}

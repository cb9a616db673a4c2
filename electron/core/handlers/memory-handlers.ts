import { listMemories, type MemoryServerTarget } from '../../memory-service/memory-client';
import type { ProfileStore } from '../../profiles/profile-store';
import type { FeatureHandlers, Services } from './services';

/** The key is read from the keychain at call time and goes no further than the request header. */
export async function targetFor(profiles: ProfileStore, profileId: string): Promise<MemoryServerTarget> {
  const profile = await profiles.get(profileId);
  return { baseUrl: profile.baseUrl, apiKey: await profiles.readKey(profile.id) };
}

export function memoryHandlers({ profiles }: Services): FeatureHandlers<'memories'> {
  return {
    'memories.list': async (input) =>
      listMemories(await targetFor(profiles, input.profileId), {
        page: input.page,
        pageSize: input.pageSize,
        tags: input.tags,
        tagMatch: input.tagMatch,
        ...(input.memoryType ? { memoryType: input.memoryType } : {}),
      }),
  };
}

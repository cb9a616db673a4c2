import { profileKeys } from '../../servers/api/profile-keys';

/**
 * Rotation answers hold fingerprints and progress, never a key. They live under the profiles'
 * root so the `profiles-changed` signal every rotation step sends refreshes them too.
 */
export const rotationKeys = {
  all: [...profileKeys.all, 'rotation'] as const,
  view: (profileId: string) => [...rotationKeys.all, 'view', profileId] as const,
  reminders: () => [...rotationKeys.all, 'reminders'] as const,
  /** The recipe with placeholders only (the revealed one is never a query). */
  recipe: (profileId: string, deployment: string, params: object) => [...rotationKeys.all, 'recipe', profileId, deployment, params] as const,
};

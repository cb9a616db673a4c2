import { profileKeys } from '../../servers/api/profile-keys';

/**
 * Only facts about keys are ever cached, never a key. Kept under the profiles' root so that the
 * `profiles-changed` and `keychain-changed` signals refresh them too.
 */
export const keyQueryKeys = {
  duplicates: () => [...profileKeys.all, 'duplicate-keys'] as const,
};

import { useState } from 'react';
import type { ProfileList, ProfileView } from '../../../electron/contract';

/**
 * The server being viewed: the user's pick while it still exists, else the settings' active one,
 * else the first. Derived rather than synced so a deleted or late-loading profile needs no effect.
 */
export function pickSelectedProfile(list: ProfileList | undefined, chosenId: string | null): ProfileView | null {
  if (list === undefined) return null;
  const byId = (id: string | null) => (id === null ? undefined : list.profiles.find((profile) => profile.id === id));
  return byId(chosenId) ?? byId(list.activeId) ?? list.profiles[0] ?? null;
}

// No `profiles.setActive` in the contract yet, so the choice lives in this window only.
export function useSelectedProfile(list: ProfileList | undefined) {
  const [chosenId, setChosenId] = useState<string | null>(null);
  return [pickSelectedProfile(list, chosenId), setChosenId] as const;
}

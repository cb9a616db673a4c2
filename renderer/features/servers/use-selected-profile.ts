import { useState } from 'react';
import type { ProfileList, ProfileView } from '../../../electron/contract';
import { useSetActiveProfile } from './api/profile-mutations';

/**
 * The server being viewed: the user's pick while it still exists, else the settings' active one,
 * else the first. Derived rather than synced so a deleted or late-loading profile needs no effect.
 */
export function pickSelectedProfile(list: ProfileList | undefined, chosenId: string | null): ProfileView | null {
  if (list === undefined) return null;
  const byId = (id: string | null) => (id === null ? undefined : list.profiles.find((profile) => profile.id === id));
  return byId(chosenId) ?? byId(list.activeId) ?? list.profiles[0] ?? null;
}

/**
 * Selecting a server shows it at once in this window and saves it as the active one, which the
 * console opens on next time. A failed save leaves the selection: it only affects the next start.
 */
export function useSelectedProfile(list: ProfileList | undefined) {
  const [chosenId, setChosenId] = useState<string | null>(null);
  const { mutate: saveActive } = useSetActiveProfile();
  const select = (id: string) => {
    setChosenId(id);
    if (list?.activeId !== id) saveActive(id);
  };
  return [pickSelectedProfile(list, chosenId), select] as const;
}

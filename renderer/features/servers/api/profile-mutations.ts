import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ContractInput, ProfileList } from '../../../../electron/contract';
import { callConsole } from '../../../bridge';
import { profileKeys } from './profile-keys';

// Each mutation refreshes the list itself: the change signal does too, but in browser mode it can
// arrive after the dialog has closed, and the user should see the result at once.
const refreshProfiles = (client: QueryClient) => client.invalidateQueries({ queryKey: profileKeys.all });

export type NewProfile = ContractInput<'profiles.create'>;
export type ProfilePatch = ContractInput<'profiles.update'>['patch'];

export function useCreateProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NewProfile) => callConsole('profiles.create', input),
    onSuccess: () => refreshProfiles(client),
  });
}

export function useUpdateProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { readonly profileId: string; readonly patch: ProfilePatch }) => callConsole('profiles.update', input),
    onSuccess: () => refreshProfiles(client),
  });
}

export function useDeleteProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (profileId: string) => callConsole('profiles.delete', { profileId }),
    onSuccess: () => refreshProfiles(client),
  });
}

/** Moves one profile up or down at once, and puts it back if the settings could not be saved. */
export function useReorderProfiles() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ids: readonly string[]) => callConsole('profiles.reorder', { ids: [...ids] }),
    onMutate: async (ids) => {
      await client.cancelQueries({ queryKey: profileKeys.list() });
      const previous = client.getQueryData<ProfileList>(profileKeys.list());
      if (previous) {
        const byId = new Map(previous.profiles.map((profile) => [profile.id, profile]));
        const reordered = ids.flatMap((id) => byId.get(id) ?? []);
        const rest = previous.profiles.filter((profile) => !ids.includes(profile.id));
        client.setQueryData<ProfileList>(profileKeys.list(), { ...previous, profiles: [...reordered, ...rest] });
      }
      return { previous };
    },
    onError: (_error, _ids, context) => {
      if (context?.previous) client.setQueryData(profileKeys.list(), context.previous);
    },
    onSettled: () => refreshProfiles(client),
  });
}

/** The server the console opens on next time. */
export function useSetActiveProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (profileId: string | null) => callConsole('profiles.setActive', { profileId }),
    onSuccess: (list) => client.setQueryData(profileKeys.list(), list),
  });
}

/** Where `id` would go one step `direction`; null at either end. */
export function moveId(ids: readonly string[], id: string, direction: 'up' | 'down'): readonly string[] | null {
  const from = ids.indexOf(id);
  const to = direction === 'up' ? from - 1 : from + 1;
  if (from < 0 || to < 0 || to >= ids.length) return null;
  const next = [...ids];
  next[from] = ids[to]!;
  next[to] = id;
  return next;
}

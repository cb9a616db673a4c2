import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { KeyCandidateRef, KeyFormat, KeySetResult } from '../../../../electron/contract';
import { callConsole } from '../../../bridge';
import { profileKeys } from '../../servers/api/profile-keys';

/**
 * Every call here carries a key in its input or its answer, so none is a query (a query would
 * keep the answer in the cache, keyed by the input). A mutation keeps its variables and data only
 * while a component observes it; `gcTime: 0` drops them from the mutation cache as soon as the
 * dialog that used them closes, and components `reset()` them earlier where they can.
 */
const forgetAtOnce = { gcTime: 0 } as const;

const refreshProfiles = (client: QueryClient) => client.invalidateQueries({ queryKey: profileKeys.all });

/** What the user chose to store as a profile's key. */
export type KeyToStore =
  | { readonly kind: 'paste'; readonly key: string }
  | { readonly kind: 'generate'; readonly format: KeyFormat }
  | { readonly kind: 'import'; readonly ref: KeyCandidateRef };

export interface StoredKey {
  readonly result: KeySetResult;
  /** Only for a generated key, to be shown once. */
  readonly generatedKey: string | null;
}

export function storeKey(profileId: string, choice: KeyToStore): Promise<StoredKey> {
  switch (choice.kind) {
    case 'paste':
      return callConsole('keys.set', { profileId, key: choice.key }).then((result) => ({ result, generatedKey: null }));
    case 'generate':
      // The one answer that brings a key back: shown once, then forgotten.
      return callConsole('keys.generate', { profileId, format: choice.format }).then(({ key, result }) => ({ result, generatedKey: key }));
    case 'import':
      return callConsole('keys.import', { profileId, ref: choice.ref }).then((result) => ({ result, generatedKey: null }));
  }
}

export function useStoreKey() {
  const client = useQueryClient();
  return useMutation({
    ...forgetAtOnce,
    mutationFn: ({ profileId, choice }: { readonly profileId: string; readonly choice: KeyToStore }) => storeKey(profileId, choice),
    onSuccess: () => refreshProfiles(client),
  });
}

/** The policy check for a key being pasted; the answer holds messages only. */
export function useCheckKey() {
  return useMutation({
    ...forgetAtOnce,
    mutationFn: (key: string) => callConsole('keys.check', { key }),
  });
}

/** Only on the user's explicit reveal or copy. */
export function useRevealKey() {
  return useMutation({
    ...forgetAtOnce,
    mutationFn: (profileId: string) => callConsole('keys.reveal', { profileId }).then(({ key }) => key),
  });
}

export function useRemoveKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (profileId: string) => callConsole('keys.remove', { profileId }),
    onSuccess: () => refreshProfiles(client),
  });
}

/** A scan on demand (it reads files on this machine); its answer has fingerprints, never keys. */
export function useFindKeyCandidates() {
  return useMutation({
    mutationFn: (extraPaths: readonly string[]) =>
      callConsole('keys.findCandidates', extraPaths.length > 0 ? { extraPaths: [...extraPaths] } : {}),
  });
}

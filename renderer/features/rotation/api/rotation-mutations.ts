import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ContractInput, ContractOutput, RotationView } from '../../../../electron/contract';
import { callConsole } from '../../../bridge';
import { profileKeys } from '../../servers/api/profile-keys';
import { rotationKeys } from './rotation-keys';

type ViewMethod =
  | 'rotation.start'
  | 'rotation.back'
  | 'rotation.applyServerFile'
  | 'rotation.serverUpdated'
  | 'rotation.verifyNewKey'
  | 'rotation.cancelVerify'
  | 'rotation.updateClients'
  | 'rotation.clientsDone'
  | 'rotation.checkOldKey'
  | 'rotation.checklist';

/**
 * A wizard action whose answer is the rotation as it now is: put straight into the cache (the
 * wizard moves on without waiting for a refetch), then everything under the profiles refreshed.
 */
export function useRotationStep<M extends ViewMethod>(method: M) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ContractInput<M>) => callConsole(method, input),
    onSuccess: (view: ContractOutput<M>) => {
      const rotation = view as RotationView;
      client.setQueryData(rotationKeys.view(rotation.profileId), rotation);
      return client.invalidateQueries({ queryKey: rotationKeys.all });
    },
  });
}

/**
 * Step 1. The answer may hold a generated key (shown once): `gcTime: 0` drops it from the
 * mutation cache as soon as the component that shows it goes, and the component resets it earlier.
 * The pasted key in the variables goes the same way.
 */
export function useStoreNewKey() {
  const client = useQueryClient();
  return useMutation({
    gcTime: 0,
    mutationFn: (input: ContractInput<'rotation.newKey'>) => callConsole('rotation.newKey', input),
    onSuccess: (answer) => {
      client.setQueryData(rotationKeys.view(answer.rotation.profileId), answer.rotation);
      return client.invalidateQueries({ queryKey: rotationKeys.all });
    },
  });
}

/** Step 2's explicit reveal: the steps with the key filled in. Never a query, never kept. */
export function useRevealRecipe() {
  return useMutation({
    gcTime: 0,
    mutationFn: (input: Omit<ContractInput<'rotation.serverRecipe'>, 'reveal'>) => callConsole('rotation.serverRecipe', { ...input, reveal: true }),
  });
}

export function usePreviewServerFile() {
  return useMutation({ mutationFn: (input: ContractInput<'rotation.previewServerFile'>) => callConsole('rotation.previewServerFile', input) });
}

export function useScanClients() {
  return useMutation({ mutationFn: (input: ContractInput<'rotation.scanClients'>) => callConsole('rotation.scanClients', input) });
}

export function useLeakScan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ContractInput<'rotation.leakScan'>) => callConsole('rotation.leakScan', input),
    onSuccess: () => client.invalidateQueries({ queryKey: rotationKeys.all }),
  });
}

/** Commit and rollback change keychain items: the profiles (fingerprints, badges) refresh too. */
export function useCommitRotation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (profileId: string) => callConsole('rotation.commit', { profileId }),
    onSuccess: (_result, profileId) => {
      client.setQueryData(rotationKeys.view(profileId), null);
      return client.invalidateQueries({ queryKey: profileKeys.all });
    },
  });
}

export function useRollbackRotation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { readonly profileId: string; readonly force: boolean }) => callConsole('rotation.rollback', input),
    onSuccess: (_result, input) => {
      client.setQueryData(rotationKeys.view(input.profileId), null);
      return client.invalidateQueries({ queryKey: profileKeys.all });
    },
  });
}

export function useSetSchedule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ContractInput<'rotation.setSchedule'>) => callConsole('rotation.setSchedule', input),
    onSuccess: (reminders) => client.setQueryData(rotationKeys.reminders(), reminders),
  });
}

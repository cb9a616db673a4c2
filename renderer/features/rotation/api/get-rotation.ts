import { queryOptions, useQuery } from '@tanstack/react-query';
import type { KeyReminder, RotationView, ServerDeployment } from '../../../../electron/contract';
import { callConsole } from '../../../bridge';
import { rotationKeys } from './rotation-keys';

/** How often the wizard asks for progress while the privileged side polls the server. */
export const progressRefreshMs = 1_000;

export function rotationQueryOptions(profileId: string) {
  return queryOptions({
    queryKey: rotationKeys.view(profileId),
    queryFn: () => callConsole('rotation.get', { profileId }),
    refetchInterval: (query) => (isBusy(query.state.data) ? progressRefreshMs : false),
  });
}

export function isBusy(view: RotationView | null | undefined): boolean {
  return view !== null && view !== undefined && (view.verification.state === 'polling' || view.step === 'committing' || view.step === 'rolling-back');
}

export function useRotation(profileId: string) {
  return useQuery(rotationQueryOptions(profileId));
}

/** Key age and rotations in progress for every server: one query shared by every badge. */
export function useReminders() {
  return useQuery({
    queryKey: rotationKeys.reminders(),
    queryFn: () => callConsole('rotation.reminders', {}),
    staleTime: 60_000,
    refetchInterval: 10 * 60_000,
    // A console without the rotation feature (or a failed read) simply shows no badges.
    retry: false,
  });
}

export function useReminder(profileId: string): KeyReminder | null {
  return useReminders().data?.reminders.find((reminder) => reminder.profileId === profileId) ?? null;
}

export interface RecipeParams {
  readonly file?: string;
  readonly secretPath?: string;
  readonly vaultName?: string;
  readonly container?: string;
}

/** Step 2's steps with a placeholder where the key goes: safe to cache. */
export function useRecipe(profileId: string, deployment: ServerDeployment, params: RecipeParams) {
  return useQuery({
    queryKey: rotationKeys.recipe(profileId, deployment, params),
    queryFn: () => callConsole('rotation.serverRecipe', { profileId, deployment, reveal: false, ...params }),
    staleTime: Infinity,
  });
}

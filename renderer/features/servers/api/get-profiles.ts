import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ProfileList } from '../../../../electron/contract';
import { callConsole } from '../../../bridge';
import { profileKeys } from './profile-keys';

export function getProfiles(): Promise<ProfileList> {
  return callConsole('profiles.list', {});
}

export function profilesQueryOptions() {
  return queryOptions({
    queryKey: profileKeys.list(),
    queryFn: getProfiles,
  });
}

export function useProfiles() {
  return useQuery(profilesQueryOptions());
}

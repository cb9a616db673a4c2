import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AppInfo } from '../../../../electron/contract';
import { callConsole } from '../../../bridge';
import { appInfoKeys } from './app-info-keys';

export function getAppInfo(): Promise<AppInfo> {
  return callConsole('app.info', {});
}

export function appInfoQueryOptions() {
  return queryOptions({
    queryKey: appInfoKeys.info(),
    queryFn: getAppInfo,
  });
}

export function useAppInfo() {
  return useQuery(appInfoQueryOptions());
}

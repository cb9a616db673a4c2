import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AuditList } from '../../../../electron/contract';
import { callConsole } from '../../../bridge';
import { auditKeys } from './status-keys';

export const auditPageSize = 200;

export function getAuditLog(profileId: string | null): Promise<AuditList> {
  return callConsole('audit.list', { limit: auditPageSize, ...(profileId ? { profileId } : {}) });
}

export function auditLogQueryOptions(profileId: string | null) {
  return queryOptions({
    queryKey: auditKeys.list(profileId),
    queryFn: () => getAuditLog(profileId),
    staleTime: 0,
    refetchInterval: 60_000,
  });
}

export function useAuditLog(profileId: string | null, enabled: boolean) {
  return useQuery({ ...auditLogQueryOptions(profileId), enabled });
}

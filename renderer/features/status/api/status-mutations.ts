import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { CertificateTrust } from '../../../../electron/contract';
import { callConsole } from '../../../bridge';
import { profileKeys } from '../../servers/api/profile-keys';
import { auditKeys, statusKeys } from './status-keys';

/** "Check now" for one server: joins a check already running instead of starting a second one. */
export function refreshStatus(client: QueryClient, profileId: string): Promise<void> {
  return client.refetchQueries({ queryKey: statusKeys.profile(profileId), type: 'active' }, { cancelRefetch: false });
}

export function refreshAllStatuses(client: QueryClient): Promise<void> {
  return client.refetchQueries({ queryKey: statusKeys.all, type: 'active' }, { cancelRefetch: false });
}

async function afterTrustChange(client: QueryClient, profileId: string): Promise<void> {
  // The profile's trusted certificate is part of the status key, so the new profile list brings a fresh check.
  await Promise.all([
    client.invalidateQueries({ queryKey: profileKeys.all }),
    client.invalidateQueries({ queryKey: statusKeys.profile(profileId) }),
    client.invalidateQueries({ queryKey: auditKeys.all }),
  ]);
}

export function useTrustCertificate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { readonly profileId: string; readonly sha256: string }): Promise<CertificateTrust> =>
      callConsole('status.trustCertificate', { profileId: input.profileId, sha256: input.sha256 }),
    onSuccess: (_result, input) => afterTrustChange(client, input.profileId),
  });
}

export function useDistrustCertificate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (profileId: string): Promise<CertificateTrust> => callConsole('status.distrustCertificate', { profileId }),
    onSuccess: (_result, profileId) => afterTrustChange(client, profileId),
  });
}

import type { ProfileView } from '../../../../electron/contract';

/**
 * Query keys for server status, general → specific. The last parts are what a probe depends on
 * (address, key fingerprint, trusted certificate): when one changes, the key changes and the status
 * is fetched anew, so a renamed or reordered profile does not re-probe anyone.
 */
export const statusKeys = {
  all: ['status'] as const,
  profile: (profileId: string) => [...statusKeys.all, profileId] as const,
  check: (profile: ProfileView) =>
    [...statusKeys.profile(profile.id), profile.baseUrl, profile.key?.fingerprint ?? null, profile.trustedCertSha256 ?? null] as const,
};

export const auditKeys = {
  all: ['audit'] as const,
  list: (profileId: string | null) => [...auditKeys.all, profileId ?? 'all'] as const,
};

import type { DuplicateKeyGroup, Environment } from '../contract';

export type { DuplicateKeyGroup } from '../contract';

export interface KeyedProfile {
  readonly id: string;
  readonly name: string;
  readonly environment: Environment;
  readonly baseUrl: string;
  /** The comparison value from keys/key-fingerprint.ts; profiles without a key are left out. */
  readonly keyHash: string;
}

/**
 * The guide: "Different keys for different environments/deployments". Profiles that point at the
 * very same server are not a reuse problem (two names for one server), so a group whose members
 * all share one base URL is not reported.
 */
export function findDuplicateKeys(profiles: readonly KeyedProfile[]): readonly DuplicateKeyGroup[] {
  const byHash = new Map<string, KeyedProfile[]>();
  for (const profile of profiles) {
    const group = byHash.get(profile.keyHash);
    if (group) group.push(profile);
    else byHash.set(profile.keyHash, [profile]);
  }
  const groups: DuplicateKeyGroup[] = [];
  for (const members of byHash.values()) {
    if (members.length < 2 || new Set(members.map((member) => member.baseUrl)).size < 2) continue;
    const names = members.map((member) => member.name);
    const listed = quoteList(names);
    const production = members.some((member) => member.environment === 'production');
    groups.push({
      profileIds: members.map((member) => member.id),
      profileNames: names,
      severity: production ? 'danger' : 'warning',
      message: production
        ? `${listed} use the same API key, and a production server is among them: whoever has the key for one can reach production. Give each environment its own key.`
        : `${listed} use the same API key. Use a different key for each server and environment, so one leak or rotation does not affect the others.`,
    });
  }
  return groups;
}

function quoteList(names: readonly string[]): string {
  const quoted = names.map((name) => `"${name}"`);
  return quoted.length <= 2 ? quoted.join(' and ') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

import { z } from 'zod';
import { environments, profileId, type ProfileView } from './common';

export interface ProfileList {
  readonly profiles: readonly ProfileView[];
  readonly activeId: string | null;
  /** Problems found in the settings files (kept aside, never silently replaced). */
  readonly problems: readonly string[];
}

export interface ProfileDeleted {
  readonly deleted: ProfileView;
  readonly keyRemoved: boolean;
  /** Set when the profile is gone but its keychain item could not be removed. */
  readonly keyProblem?: string;
}

/** The address as it would be stored, for live feedback while typing it. */
export type BaseUrlCheck =
  | { readonly ok: true; readonly url: string; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly message: string };

// Shapes only: the profile store checks the meaning (URL normalisation, unique names) and says
// what is wrong in the user's words.
const profileFields = {
  name: z.string().max(500),
  baseUrl: z.string().max(4096),
  environment: z.enum(environments),
  customEnvironment: z.string().max(500).optional(),
  notes: z.string().max(10_000).optional(),
};

export const profileMethods = {
  'profiles.list': z.object({}).strict(),
  'profiles.create': z.object(profileFields).strict(),
  'profiles.update': z
    .object({
      profileId,
      patch: z
        .object({
          name: profileFields.name.optional(),
          baseUrl: profileFields.baseUrl.optional(),
          environment: profileFields.environment.optional(),
          customEnvironment: z.string().max(500).nullable().optional(),
          notes: z.string().max(10_000).nullable().optional(),
        })
        .strict(),
    })
    .strict(),
  'profiles.delete': z.object({ profileId }).strict(),
  'profiles.reorder': z.object({ ids: z.array(profileId).max(200) }).strict(),
  'profiles.setActive': z.object({ profileId: profileId.nullable() }).strict(),
  'profiles.checkBaseUrl': z.object({ baseUrl: profileFields.baseUrl }).strict(),
} as const;

export interface ProfileOutputs {
  'profiles.list': ProfileList;
  'profiles.create': ProfileView;
  'profiles.update': ProfileView;
  'profiles.delete': ProfileDeleted;
  'profiles.reorder': ProfileList;
  'profiles.setActive': ProfileList;
  'profiles.checkBaseUrl': BaseUrlCheck;
}

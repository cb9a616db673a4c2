import { z } from 'zod';
import { profileId, type ProfileView } from './common';

export interface KeyIssue {
  readonly code: string;
  readonly message: string;
}

export interface DuplicateKeyGroup {
  readonly profileIds: readonly string[];
  readonly profileNames: readonly string[];
  /** `danger` when a production profile shares its key. */
  readonly severity: 'warning' | 'danger';
  readonly message: string;
}

export interface KeySetResult {
  readonly profile: ProfileView;
  readonly warnings: readonly KeyIssue[];
  readonly notes: readonly KeyIssue[];
  readonly duplicates: readonly DuplicateKeyGroup[];
}

export const keyMethods = {
  /** A key the user pasted; it travels renderer → privileged side once and never back. */
  'keys.set': z.object({ profileId, key: z.string().max(20_000) }).strict(),
} as const;

export interface KeyOutputs {
  'keys.set': KeySetResult;
}

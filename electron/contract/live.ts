import { z } from 'zod';
import type { ErrorCode } from './common';
import { profileId } from './common';

/**
 * The privileged side follows one server's event stream (`/api/events`) at a time: the one the
 * renderer shows. What the renderer learns is only this status and data-free change signals.
 */
export type LiveState =
  /** Opening the stream (first try or after a change of profile, key or address). */
  | 'connecting'
  /** The server confirmed the stream: changes appear as they happen. */
  | 'live'
  /** The stream failed or ended; another try is scheduled (`retryAt`). */
  | 'retrying'
  /** Not following anything (no profile chosen, or the profile is gone). */
  | 'off';

export interface LiveStatus {
  readonly profileId: string | null;
  readonly state: LiveState;
  /** ISO time of the last change of state. */
  readonly since: string;
  /** Why the last attempt failed, when it did. */
  readonly error: { readonly code: ErrorCode; readonly message: string } | null;
  /** ISO time of the next attempt while `retrying`. */
  readonly retryAt: string | null;
}

export const liveMethods = {
  /** Follow this profile's server (null: follow none). Replaces whatever was followed before. */
  'live.follow': z.object({ profileId: profileId.nullable() }).strict(),
  'live.status': z.object({}).strict(),
} as const;

export interface LiveOutputs {
  'live.follow': LiveStatus;
  'live.status': LiveStatus;
}

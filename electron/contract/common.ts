import { z } from 'zod';

/** Shared by every feature's part of the contract. Free of Node and DOM APIs. */

// Errors cross the boundary as values with a closed set of codes.

export const errorCodes = [
  'invalid-input',
  'keychain-unavailable',
  'server-unreachable',
  'auth-missing',
  'auth-rejected',
  'auth-forbidden',
  'tls-untrusted',
  'server-error',
  'bad-response',
  'not-found',
  'conflict',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ConsoleError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly detail?: string;
}

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: ConsoleError };

// ---------------------------------------------------------------------------------------------
// Shared value shapes.

export const profileId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'profile id must be 1-64 characters of a-z, 0-9 and -');

export const environments = ['development', 'staging', 'production', 'custom'] as const;
export type Environment = (typeof environments)[number];

export type KeySource = 'pasted' | 'generated' | 'imported';
/** What the renderer may know about a stored key: never the key itself. */
export interface KeyView {
  /** First 8 characters followed by an ellipsis, as the service guide's test script prints it. */
  readonly prefix: string;
  /** Short SHA-256 based fingerprint, stable for the same key. */
  readonly fingerprint: string;
  readonly source: KeySource;
  /** Where an imported key was found, e.g. `~/.mcp_memory_service/service_config.json`. */
  readonly importedFrom?: string;
  readonly addedAt: string;
  readonly rotatedAt?: string;
  /** Set when a guided rotation installed this key: the fingerprint of the key it replaced. */
  readonly rotatedFrom?: string;
  /** True when the keychain was unavailable and the key lives only in this process's memory. */
  readonly sessionOnly: boolean;
}

export interface ProfileView {
  readonly id: string;
  readonly name: string;
  readonly baseUrl: string;
  readonly environment: Environment;
  readonly customEnvironment?: string;
  readonly notes?: string;
  readonly key: KeyView | null;
  /** SHA-256 (64 hex digits) of the one certificate the user trusted for this server, if any. */
  readonly trustedCertSha256?: string;
}

export type KeychainStatus =
  | { readonly state: 'available'; readonly backend: string }
  | {
      readonly state: 'unavailable';
      readonly reason: string;
      readonly message: string;
      readonly fix: string;
    };


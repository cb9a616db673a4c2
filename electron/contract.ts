/**
 * THE console API: the single source of truth shared by the privileged side (which validates
 * every input with the schemas below), the two transports (Electron IPC, browser-mode HTTP) and
 * the renderer (which imports types only).
 *
 * This file must stay free of Node and DOM APIs: it is compiled into both worlds.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
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

const profileId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'profile id must be 1-64 characters of a-z, 0-9 and -');

/** Tag names as the server stores them: any non-empty string without commas (the list filter is comma-separated). */
const tagName = z.string().trim().min(1).max(200).refine((tag) => !tag.includes(','), 'a tag cannot contain a comma');

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
}

export type KeychainStatus =
  | { readonly state: 'available'; readonly backend: string }
  | {
      readonly state: 'unavailable';
      readonly reason: string;
      readonly message: string;
      readonly fix: string;
    };

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

export interface ProfileDeleted {
  readonly deleted: ProfileView;
  readonly keyRemoved: boolean;
  /** Set when the profile is gone but its keychain item could not be removed. */
  readonly keyProblem?: string;
}

export interface AppInfo {
  readonly version: string;
  readonly mode: 'electron' | 'browser';
  readonly keychain: KeychainStatus;
}

export interface ProfileList {
  readonly profiles: readonly ProfileView[];
  readonly activeId: string | null;
  /** Problems found in the settings files (kept aside, never silently replaced). */
  readonly problems: readonly string[];
}

/** The memory object exactly as the service returns it (memory-service-api.md §2). */
export interface Memory {
  readonly content: string;
  readonly content_hash: string;
  readonly tags: readonly string[];
  readonly memory_type: string | null;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly created_at: number;
  readonly created_at_iso: string;
  readonly updated_at: number;
  readonly updated_at_iso: string;
}

export interface MemoryPage {
  readonly memories: readonly Memory[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly hasMore: boolean;
}

// Shapes only: the profile store checks the meaning (URL normalisation, unique names) and says
// what is wrong in the user's words.
const profileFields = {
  name: z.string().max(500),
  baseUrl: z.string().max(4096),
  environment: z.enum(environments),
  customEnvironment: z.string().max(500).optional(),
  notes: z.string().max(10_000).optional(),
};

// ---------------------------------------------------------------------------------------------
// The methods. Each entry is the input schema; the output type is in `ContractOutputs`.

export const contract = {
  'app.info': z.object({}).strict(),
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
  /** A key the user pasted; it travels renderer → privileged side once and never back. */
  'keys.set': z.object({ profileId, key: z.string().max(20_000) }).strict(),
  'memories.list': z
    .object({
      profileId,
      page: z.number().int().min(1).max(1_000_000).default(1),
      // The server's maximum is 100 (larger answers 422).
      pageSize: z.number().int().min(1).max(100).default(100),
      tags: z.array(tagName).max(50).default([]),
      tagMatch: z.enum(['any', 'all']).default('any'),
      memoryType: z.string().trim().min(1).max(100).optional(),
    })
    .strict(),
} as const;

export interface ContractOutputs {
  'app.info': AppInfo;
  'profiles.list': ProfileList;
  'profiles.create': ProfileView;
  'profiles.update': ProfileView;
  'profiles.delete': ProfileDeleted;
  'profiles.reorder': ProfileList;
  'profiles.setActive': ProfileList;
  'keys.set': KeySetResult;
  'memories.list': MemoryPage;
}

export type ContractMethod = keyof typeof contract;
export const contractMethods = Object.keys(contract) as readonly ContractMethod[];

/** What a caller passes (defaults may be omitted). */
export type ContractInput<M extends ContractMethod> = z.input<(typeof contract)[M]>;
/** What a handler receives after validation (defaults filled in). */
export type ValidatedInput<M extends ContractMethod> = z.output<(typeof contract)[M]>;
export type ContractOutput<M extends ContractMethod> = ContractOutputs[M];

/** The API as the renderer sees it: `window.memoryConsole` in Electron, HTTP in browser mode. */
export type ConsoleApi = {
  readonly [M in ContractMethod]: (input: ContractInput<M>) => Promise<Result<ContractOutput<M>>>;
};

// ---------------------------------------------------------------------------------------------
// Push from the privileged side carries no data, only "something changed" signals.

export type ChangeSignal =
  | { readonly kind: 'profiles-changed' }
  | { readonly kind: 'keychain-changed' }
  | { readonly kind: 'memories-changed'; readonly profileId: string }
  | { readonly kind: 'live-status'; readonly profileId: string; readonly connected: boolean };

/**
 * What the renderer finds on `window.memoryConsole` in Electron: one function per method (never a
 * generic invoke) plus a subscription to change signals that returns its unsubscribe function.
 */
export type MemoryConsoleBridge = ConsoleApi & {
  readonly onSignal: (listener: (signal: ChangeSignal) => void) => () => void;
};

export function isContractMethod(name: string): name is ContractMethod {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

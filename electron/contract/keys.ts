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

/** The guide's policy applied to a key being pasted: never the key itself. */
export interface KeyCheckResult {
  /** Block saving (too short, several lines, non-ASCII…). */
  readonly errors: readonly KeyIssue[];
  readonly warnings: readonly KeyIssue[];
  /** Facts worth saying, e.g. that surrounding whitespace will be removed. */
  readonly notes: readonly KeyIssue[];
}

/** The generator's formats (electron/keys/key-generator.ts; the handler's types keep the two in step). */
export const keyFormats = ['base64-32', 'base64-48', 'hex-32', 'base64url-32', 'mcp-hex'] as const;
export type KeyFormat = (typeof keyFormats)[number];

/**
 * The one answer that carries a key to the renderer as a matter of course: a newly generated key,
 * shown once so the user can put it on the server. Never cache it.
 */
export interface GeneratedKey {
  readonly key: string;
  readonly result: KeySetResult;
}

/** Only on an explicit reveal or copy by the user. Never cache it. */
export interface RevealedKey {
  readonly key: string;
}

export const keyFileKinds = ['service-config', 'dotenv', 'systemd-unit', 'launchd-plist'] as const;
export type KeyFileKind = (typeof keyFileKinds)[number];

/** Identifies one found key without containing it; the renderer hands it back to import it. */
export interface KeyCandidateRef {
  readonly path: string;
  readonly kind: KeyFileKind;
  readonly field: string;
  readonly fingerprint: string;
}

export interface KeyCandidate {
  readonly ref: KeyCandidateRef;
  /** With the home directory shown as `~`. */
  readonly displayPath: string;
  readonly kind: KeyFileKind;
  /** `api_key`, `MCP_API_KEY`, `environment.MCP_API_KEY`. */
  readonly field: string;
  readonly prefix: string;
  readonly fingerprint: string;
  readonly plaintextWarning: string;
  /** Set when group or others can read the file. */
  readonly permissionWarning?: string;
  /** Policy errors and warnings for the found key (messages only). */
  readonly issues: readonly KeyIssue[];
}

export interface KeyScanProblem {
  readonly path: string;
  readonly displayPath: string;
  readonly kind: KeyFileKind;
  readonly message: string;
}

export interface KeyScan {
  readonly candidates: readonly KeyCandidate[];
  readonly problems: readonly KeyScanProblem[];
}

export interface DuplicateKeys {
  readonly groups: readonly DuplicateKeyGroup[];
}

const keyText = z.string().max(20_000);

export const keyCandidateRefSchema = z
  .object({
    path: z.string().min(1).max(4096),
    kind: z.enum(keyFileKinds),
    field: z.string().min(1).max(100),
    fingerprint: z.string().regex(/^sha256:[0-9a-f]{12}$/, 'a fingerprint from a scan'),
  })
  .strict();

export const keyMethods = {
  /** A key the user pasted; it travels renderer → privileged side once and never back. */
  'keys.set': z.object({ profileId, key: keyText }).strict(),
  /** Live feedback while pasting; the answer never contains the key. */
  'keys.check': z.object({ key: keyText }).strict(),
  'keys.generate': z.object({ profileId, format: z.enum(keyFormats) }).strict(),
  'keys.reveal': z.object({ profileId }).strict(),
  /** Looks where the memory service keeps its key (plus files the user names); answers without keys. */
  'keys.findCandidates': z.object({ extraPaths: z.array(z.string().min(1).max(4096)).max(20).optional() }).strict(),
  'keys.import': z.object({ profileId, ref: keyCandidateRefSchema }).strict(),
  'keys.remove': z.object({ profileId }).strict(),
  'keys.duplicates': z.object({}).strict(),
} as const;

export interface KeyOutputs {
  'keys.set': KeySetResult;
  'keys.check': KeyCheckResult;
  'keys.generate': GeneratedKey;
  'keys.reveal': RevealedKey;
  'keys.findCandidates': KeyScan;
  'keys.import': KeySetResult;
  'keys.remove': ProfileView;
  'keys.duplicates': DuplicateKeys;
}

import { z } from 'zod';
import { environments, profileId, type Environment, type ProfileView } from './common';
import { keyFormats } from './keys';

/**
 * Guided API key rotation (issue 7): the service guide's "Updating API Keys", "Zero-Downtime
 * Rotation" and "Emergency Rotation" as a wizard whose progress is persisted after every step.
 *
 * Keys cross to the renderer in two answers only: `rotation.newKey` for a generated key (shown
 * once), and `rotation.serverRecipe` with `reveal: true` (an explicit reveal or copy of the steps
 * that put the key on the server). Everything else carries fingerprints and prefixes.
 */

export const rotationModes = ['scheduled', 'emergency'] as const;
export type RotationMode = (typeof rotationModes)[number];

/**
 * The persisted position. `committing` and `rolling-back` are the two finishing moves; a crash
 * during either is completed on the next start.
 */
export type RotationStep =
  | 'new-key'
  | 'update-server'
  | 'verify'
  | 'update-clients'
  | 'retire-old'
  | 'ready-to-commit'
  | 'committing'
  | 'rolling-back';

/** How the server is deployed: each has its own exact steps (server-recipes.ts). */
export const serverDeployments = [
  'systemd-user',
  'systemd-system',
  'service-config',
  'launchd',
  'windows-service',
  'dotenv',
  'docker',
  'compose',
  'export',
  'vault',
  'aws-secrets-manager',
  'azure-key-vault',
  'gateway-two-keys',
] as const;
export type ServerDeployment = (typeof serverDeployments)[number];

/** Server files on this machine the console may change itself, after a redacted diff. */
export const localServerFileKinds = ['dotenv', 'service-config', 'systemd-user'] as const;
export type LocalServerFileKind = (typeof localServerFileKinds)[number];

export type ConfigFormat =
  | 'dotenv'
  | 'service-config'
  | 'systemd-unit'
  | 'launchd-plist'
  | 'claude-desktop'
  | 'claude-hooks'
  | 'json'
  | 'text';

export interface KeyFacts {
  readonly fingerprint: string;
  readonly prefix: string;
}

export interface NewKeyFacts extends KeyFacts {
  readonly source: 'generated' | 'pasted' | 'recovered';
  readonly storedAt: string;
}

/** One line of a diff, with every key replaced by `‹old key sha256:…›` / `‹new key sha256:…›`. */
export interface DiffLine {
  readonly kind: 'removed' | 'added' | 'gap';
  /** 1-based line in the file before (removed) or after (added) the change. */
  readonly line: number | null;
  readonly text: string;
}

export interface FilePreview {
  readonly path: string;
  /** With the home directory shown as `~`. */
  readonly displayPath: string;
  readonly format: ConfigFormat;
  /** Where the old key sits, e.g. `mcpServers.memory.env.MCP_MEMORY_API_KEY`. */
  readonly fields: readonly string[];
  /** SHA-256 of the file as previewed; applying refuses when the file changed since. */
  readonly sha256: string;
  readonly diff: readonly DiffLine[];
}

export interface FileProblem {
  readonly path: string;
  readonly displayPath: string;
  readonly message: string;
}

export type FileChangeState =
  /** The console was writing it when it stopped; settled on the next start. */
  | 'writing'
  | 'written'
  | 'restored'
  /** Changed by someone else after the console wrote it: left alone, backup kept. */
  | 'changed-since';

export interface FileChangeView {
  readonly path: string;
  readonly displayPath: string;
  readonly format: ConfigFormat;
  readonly fields: readonly string[];
  readonly state: FileChangeState;
  readonly at: string;
}

export const keyVerdicts = ['accepted', 'rejected', 'unreachable', 'tls-problem', 'server-has-no-key', 'not-memory-service', 'server-error', 'forbidden'] as const;
export type KeyVerdict = (typeof keyVerdicts)[number];

export type VerificationView =
  | { readonly state: 'idle' }
  | {
      readonly state: 'polling';
      readonly attempts: number;
      readonly startedAt: string;
      readonly deadline: string;
      readonly last: KeyVerdict | null;
      readonly lastMessage: string;
    }
  | { readonly state: 'accepted'; readonly acceptedAt: string; readonly overlap: boolean }
  | { readonly state: 'timed-out'; readonly attempts: number; readonly last: KeyVerdict | null; readonly lastMessage: string }
  | { readonly state: 'cancelled'; readonly attempts: number };

export const checklistItems = ['audit-logs', 'notify', 'review'] as const;
export type ChecklistItem = (typeof checklistItems)[number];

export interface ChecklistEntry {
  readonly item: ChecklistItem;
  readonly label: string;
  readonly doneAt: string | null;
}

export interface OldKeyCheck {
  readonly checkedAt: string;
  readonly verdict: KeyVerdict;
  readonly message: string;
}

export interface LeakScanSummary {
  readonly at: string;
  readonly folders: number;
  readonly filesScanned: number;
  readonly findings: number;
}

export interface RotationView {
  readonly profileId: string;
  readonly profileName: string;
  readonly baseUrl: string;
  readonly environment: Environment;
  readonly mode: RotationMode;
  readonly step: RotationStep;
  /** 1–6 as the wizard numbers its steps. */
  readonly stepNumber: number;
  readonly startedAt: string;
  readonly updatedAt: string;
  /** The key in use when the rotation started; it stays the profile's key until commit. */
  readonly activeKey: KeyFacts | null;
  readonly newKey: NewKeyFacts | null;
  readonly deployment: ServerDeployment | null;
  readonly serverChanges: readonly FileChangeView[];
  readonly verification: VerificationView;
  /** Known once the new key was accepted: true when the old key was still accepted too. */
  readonly overlap: boolean | null;
  readonly clientChanges: readonly FileChangeView[];
  readonly clientsSkipped: boolean;
  readonly oldKeyCheck: OldKeyCheck | null;
  readonly checklist: readonly ChecklistEntry[];
  readonly leakScans: readonly LeakScanSummary[];
  /** Things the user must know about (a key missing from the keychain, a file changed since…). */
  readonly problems: readonly string[];
}

export interface NewKeyAnswer {
  readonly rotation: RotationView;
  /** Only for a generated key: shown once, for copying. Never cache it. */
  readonly key: string | null;
}

export interface RecipeStep {
  readonly title: string;
  /** The command or file content to copy. Holds the key only in a revealed recipe. */
  readonly text: string;
  readonly note?: string;
  /** True when `text` needs the key (placeholder unless revealed). */
  readonly withKey: boolean;
}

export interface ServerRecipe {
  readonly deployment: ServerDeployment;
  readonly title: string;
  readonly summary: string;
  readonly steps: readonly RecipeStep[];
  /** True when the steps hold the real key (an explicit reveal). */
  readonly revealed: boolean;
  /** Set when the console can make the file change itself on this machine. */
  readonly localFile: { readonly kind: LocalServerFileKind; readonly defaultPath: string | null } | null;
}

export interface ClientScan {
  readonly files: readonly FilePreview[];
  readonly problems: readonly FileProblem[];
  /** Every place looked at, for "not found here" feedback. */
  readonly searched: readonly string[];
}

export interface LeakFinding {
  readonly path: string;
  readonly displayPath: string;
  readonly line: number;
  readonly column: number;
  /** The line around the match, the key replaced by `‹old key sha256:…›`; null in a binary file. */
  readonly excerpt: string | null;
}

export interface LeakScanResult {
  readonly findings: readonly LeakFinding[];
  readonly filesScanned: number;
  readonly skipped: readonly FileProblem[];
  /** True when limits (files, findings) stopped the scan early. */
  readonly truncated: boolean;
}

export interface CommitResult {
  readonly profile: ProfileView;
  readonly previousFingerprint: string | null;
  readonly newFingerprint: string;
}

export interface RollbackResult {
  readonly restored: readonly string[];
  /** Files changed by someone else since the console wrote them: left alone, their backups kept. */
  readonly keptBackups: readonly { readonly path: string; readonly backupPath: string }[];
}

/** Days between rotations per environment; null means "no schedule" (as needed). */
export type RotationSchedule = Readonly<Record<Environment, number | null>>;

export type ReminderState = 'no-key' | 'no-schedule' | 'ok' | 'due-soon' | 'overdue';

export interface KeyReminder {
  readonly profileId: string;
  readonly state: ReminderState;
  /** When the key was added or last rotated. */
  readonly since: string | null;
  readonly ageDays: number | null;
  readonly intervalDays: number | null;
  /** Negative when overdue. */
  readonly dueInDays: number | null;
  readonly rotation: { readonly step: RotationStep; readonly stepNumber: number; readonly mode: RotationMode } | null;
}

export interface Reminders {
  readonly schedule: RotationSchedule;
  readonly reminders: readonly KeyReminder[];
}

const pathText = z.string().min(1).max(4096);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 from a preview');
const intervalDays = z.number().int().min(1).max(3650).nullable();

const newKeySource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('generate'), format: z.enum(keyFormats) }).strict(),
  z.object({ kind: z.literal('paste'), key: z.string().max(20_000) }).strict(),
]);

export const rotationMethods = {
  'rotation.get': z.object({ profileId }).strict(),
  'rotation.start': z.object({ profileId, mode: z.enum(rotationModes) }).strict(),
  /** Step 1: stores the new key as pending beside the active one. */
  'rotation.newKey': z.object({ profileId, source: newKeySource }).strict(),
  /** One step back where that loses nothing (verify → update-server → new-key). */
  'rotation.back': z.object({ profileId }).strict(),
  'rotation.serverRecipe': z
    .object({
      profileId,
      deployment: z.enum(serverDeployments),
      reveal: z.boolean(),
      file: pathText.optional(),
      secretPath: z.string().min(1).max(500).optional(),
      vaultName: z.string().min(1).max(200).optional(),
      container: z.string().min(1).max(200).optional(),
    })
    .strict(),
  'rotation.previewServerFile': z.object({ profileId, kind: z.enum(localServerFileKinds), path: pathText.optional() }).strict(),
  'rotation.applyServerFile': z.object({ profileId, kind: z.enum(localServerFileKinds), path: pathText, sha256 }).strict(),
  /** The user says the server was changed (and restarted): on to verification, which starts at once. */
  'rotation.serverUpdated': z.object({ profileId, deployment: z.enum(serverDeployments), timeoutSeconds: z.number().int().min(5).max(3600).default(300) }).strict(),
  'rotation.verifyNewKey': z.object({ profileId, timeoutSeconds: z.number().int().min(5).max(3600).default(300) }).strict(),
  'rotation.cancelVerify': z.object({ profileId }).strict(),
  'rotation.scanClients': z.object({ profileId, extraPaths: z.array(pathText).max(50).default([]) }).strict(),
  'rotation.updateClients': z.object({ profileId, files: z.array(z.object({ path: pathText, sha256 }).strict()).min(1).max(200) }).strict(),
  'rotation.clientsDone': z.object({ profileId, skipped: z.boolean().default(false) }).strict(),
  /** Step 5: the old key must be refused (401) before the rotation may be committed. */
  'rotation.checkOldKey': z.object({ profileId }).strict(),
  'rotation.commit': z.object({ profileId }).strict(),
  /** `force` drops the new key even though the server may not accept the old one any more. */
  'rotation.rollback': z.object({ profileId, force: z.boolean().default(false) }).strict(),
  'rotation.checklist': z.object({ profileId, item: z.enum(checklistItems), done: z.boolean() }).strict(),
  'rotation.leakScan': z.object({ profileId, folders: z.array(pathText).min(1).max(20) }).strict(),
  'rotation.reminders': z.object({}).strict(),
  'rotation.setSchedule': z.object({ schedule: z.object(Object.fromEntries(environments.map((env) => [env, intervalDays])) as Record<Environment, typeof intervalDays>).strict() }).strict(),
} as const;

export interface RotationOutputs {
  'rotation.get': RotationView | null;
  'rotation.start': RotationView;
  'rotation.newKey': NewKeyAnswer;
  'rotation.back': RotationView;
  'rotation.serverRecipe': ServerRecipe;
  'rotation.previewServerFile': FilePreview;
  'rotation.applyServerFile': RotationView;
  'rotation.serverUpdated': RotationView;
  'rotation.verifyNewKey': RotationView;
  'rotation.cancelVerify': RotationView;
  'rotation.scanClients': ClientScan;
  'rotation.updateClients': RotationView;
  'rotation.clientsDone': RotationView;
  'rotation.checkOldKey': RotationView;
  'rotation.commit': CommitResult;
  'rotation.rollback': RollbackResult;
  'rotation.checklist': RotationView;
  'rotation.leakScan': LeakScanResult;
  'rotation.reminders': Reminders;
  'rotation.setSchedule': Reminders;
}

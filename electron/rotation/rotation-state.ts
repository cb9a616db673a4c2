import { z } from 'zod';
import { checklistItems, keyVerdicts, rotationModes, serverDeployments, type RotationStep } from '../contract/rotation';

/**
 * The rotation as persisted in `rotations/<profileId>.json`: fingerprints, prefixes, paths and
 * times, never a key. The pending key lives in the keychain under its own account
 * (rotation-keys.ts); this file says whether it is meaningful.
 */

export const rotationFileVersion = 1;

const fingerprint = z.string().regex(/^sha256:[0-9a-f]{12}$/);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const time = z.string().max(40);

export const rotationStepSchema = z.enum([
  'new-key',
  'update-server',
  'verify',
  'update-clients',
  'retire-old',
  'ready-to-commit',
  'committing',
  'rolling-back',
]);

const configFormat = z.enum(['dotenv', 'service-config', 'systemd-unit', 'launchd-plist', 'claude-desktop', 'claude-hooks', 'json', 'text']);

/**
 * One file the console changed. The backup is written and this entry saved as `writing` before
 * the file itself is replaced, so after a crash the file's hash tells which content it holds.
 */
export const fileChangeSchema = z.looseObject({
  id: z.string().regex(/^[0-9a-f]{8,32}$/),
  path: z.string().min(1).max(4096),
  format: configFormat,
  fields: z.array(z.string().max(300)).max(50),
  backupPath: z.string().min(1).max(4096),
  beforeSha256: sha256,
  afterSha256: sha256,
  mode: z.number().int().min(0).max(0o7777),
  state: z.enum(['writing', 'written', 'restored', 'changed-since']),
  at: time,
});

export const rotationFileSchema = z.looseObject({
  version: z.literal(rotationFileVersion),
  /** Random per rotation: a poll or an answer for an earlier rotation never lands in a later one. */
  rotationId: z.string().regex(/^[0-9a-f]{16,64}$/),
  profileId: z.string().regex(/^[a-z0-9-]{1,64}$/),
  mode: z.enum(rotationModes),
  step: rotationStepSchema,
  startedAt: time,
  updatedAt: time,
  activeKey: z.looseObject({ fingerprint, prefix: z.string().max(16) }).nullable(),
  pending: z
    .looseObject({
      fingerprint,
      prefix: z.string().max(16),
      source: z.enum(['generated', 'pasted', 'recovered']),
      storedAt: time,
    })
    .nullable(),
  deployment: z.enum(serverDeployments).nullable(),
  serverChanges: z.array(fileChangeSchema).max(50),
  verification: z.looseObject({ acceptedAt: time, overlap: z.boolean() }).nullable(),
  clientChanges: z.array(fileChangeSchema).max(500),
  clientsSkipped: z.boolean(),
  oldKeyCheck: z.looseObject({ checkedAt: time, verdict: z.enum(keyVerdicts), message: z.string().max(500) }).nullable(),
  checklist: z.record(z.enum(checklistItems), time.nullable()),
  leakScans: z.array(z.looseObject({ at: time, folders: z.number().int(), filesScanned: z.number().int(), findings: z.number().int() })).max(100),
  /** Written when the finishing move starts, so a crash in the middle of it is completed, not redone differently. */
  finishing: z.looseObject({ startedAt: time }).nullable(),
});

export type RotationFile = z.output<typeof rotationFileSchema>;
export type FileChange = z.output<typeof fileChangeSchema>;

export const stepNumbers: Readonly<Record<RotationStep, number>> = {
  'new-key': 1,
  'update-server': 2,
  verify: 3,
  'update-clients': 4,
  'retire-old': 5,
  'ready-to-commit': 6,
  committing: 6,
  'rolling-back': 0,
};

/** Which steps each action may run in. One table, so the rules are read (and tested) in one place. */
export const allowedSteps = {
  newKey: ['new-key', 'update-server'],
  back: ['update-server', 'verify'],
  serverRecipe: ['new-key', 'update-server', 'verify', 'update-clients', 'retire-old', 'ready-to-commit'],
  applyServerFile: ['update-server'],
  serverUpdated: ['update-server', 'verify'],
  verify: ['verify'],
  scanClients: ['update-clients', 'retire-old', 'ready-to-commit'],
  updateClients: ['update-clients'],
  clientsDone: ['update-clients'],
  checkOldKey: ['retire-old', 'ready-to-commit'],
  commit: ['ready-to-commit', 'committing'],
  checklist: ['new-key', 'update-server', 'verify', 'update-clients', 'retire-old', 'ready-to-commit'],
  leakScan: ['new-key', 'update-server', 'verify', 'update-clients', 'retire-old', 'ready-to-commit'],
} as const satisfies Record<string, readonly RotationStep[]>;

export type RotationAction = keyof typeof allowedSteps;

export function stepAllows(action: RotationAction, step: RotationStep): boolean {
  return (allowedSteps[action] as readonly RotationStep[]).includes(step);
}

export function newRotationFile(input: {
  readonly rotationId: string;
  readonly profileId: string;
  readonly mode: RotationFile['mode'];
  readonly now: string;
  readonly activeKey: RotationFile['activeKey'];
}): RotationFile {
  return {
    version: rotationFileVersion,
    rotationId: input.rotationId,
    profileId: input.profileId,
    mode: input.mode,
    step: 'new-key',
    startedAt: input.now,
    updatedAt: input.now,
    activeKey: input.activeKey,
    pending: null,
    deployment: null,
    serverChanges: [],
    verification: null,
    clientChanges: [],
    clientsSkipped: false,
    oldKeyCheck: null,
    checklist: { 'audit-logs': null, notify: null, review: null },
    leakScans: [],
    finishing: null,
  };
}

/** Files whose new content is (or may be) on disk: what a rollback must put back. */
export function changesToRestore(file: RotationFile): readonly FileChange[] {
  return [...file.serverChanges, ...file.clientChanges].filter((change) => change.state === 'writing' || change.state === 'written');
}

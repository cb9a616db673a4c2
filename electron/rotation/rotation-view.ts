import type { ProfileView } from '../contract/common';
import type { ChecklistItem, FileChangeView, RotationView, VerificationView } from '../contract/rotation';
import { checklistItems } from '../contract/rotation';
import { displayPathOf } from './file-changes';
import { stepNumbers, type FileChange, type RotationFile } from './rotation-state';

/** The guide's "Emergency Rotation" list, after "Immediate: rotate the compromised key". */
export const checklistLabels: Readonly<Record<ChecklistItem, string>> = {
  'audit-logs': 'Audit: check the access logs for unauthorized use of the old key',
  notify: 'Notify: inform the relevant team members',
  review: 'Review: update the rotation procedures as needed',
};

export interface ViewInput {
  readonly file: RotationFile;
  readonly profile: ProfileView | null;
  /** Whether the keychain still holds the pending key the state names. */
  readonly pendingPresent: boolean;
  readonly verification: VerificationView | null;
  readonly homeDir: string;
  readonly extraProblems: readonly string[];
}

/** What the renderer may know about a rotation: fingerprints, paths and progress, never a key. */
export function viewOf({ file, profile, pendingPresent, verification, homeDir, extraProblems }: ViewInput): RotationView {
  const changeView = (change: FileChange): FileChangeView => ({
    path: change.path,
    displayPath: displayPathOf(change.path, homeDir),
    format: change.format,
    fields: change.fields,
    state: change.state,
    at: change.at,
  });
  const problems: string[] = [...extraProblems];
  if (profile === null) problems.push('This server’s profile was deleted. Roll back to remove the new key from the keychain.');
  if (file.pending !== null && !pendingPresent) {
    problems.push(`The new key ${file.pending.fingerprint} is missing from the keychain. If the server does not use it yet, go back to step 1 and store a new one; otherwise roll back anyway and put the old key back on the server.`);
  }
  if (profile !== null && file.step !== 'committing' && profile.key?.fingerprint !== file.activeKey?.fingerprint) {
    problems.push(`The server’s stored key changed outside this rotation (now ${profile.key?.fingerprint ?? 'none'}). Roll back and start again.`);
  }
  for (const change of [...file.serverChanges, ...file.clientChanges]) {
    if (change.state === 'changed-since') problems.push(`${displayPathOf(change.path, homeDir)} was changed by someone else after the console wrote it; it is left alone and its backup is kept at ${change.backupPath}.`);
  }
  return {
    profileId: file.profileId,
    profileName: profile?.name ?? '(deleted server)',
    baseUrl: profile?.baseUrl ?? '',
    environment: profile?.environment ?? 'custom',
    mode: file.mode,
    step: file.step,
    stepNumber: stepNumbers[file.step],
    startedAt: file.startedAt,
    updatedAt: file.updatedAt,
    activeKey: file.activeKey ? { fingerprint: file.activeKey.fingerprint, prefix: file.activeKey.prefix } : null,
    newKey: file.pending ? { fingerprint: file.pending.fingerprint, prefix: file.pending.prefix, source: file.pending.source, storedAt: file.pending.storedAt } : null,
    deployment: file.deployment,
    serverChanges: file.serverChanges.map(changeView),
    verification: file.verification ? { state: 'accepted', acceptedAt: file.verification.acceptedAt, overlap: file.verification.overlap } : (verification ?? { state: 'idle' }),
    overlap: file.verification?.overlap ?? null,
    clientChanges: file.clientChanges.map(changeView),
    clientsSkipped: file.clientsSkipped,
    oldKeyCheck: file.oldKeyCheck ? { checkedAt: file.oldKeyCheck.checkedAt, verdict: file.oldKeyCheck.verdict, message: file.oldKeyCheck.message } : null,
    checklist: file.mode === 'emergency' ? checklistItems.map((item) => ({ item, label: checklistLabels[item], doneAt: file.checklist[item] ?? null })) : [],
    leakScans: file.leakScans.map((scan) => ({ at: scan.at, folders: scan.folders, filesScanned: scan.filesScanned, findings: scan.findings })),
    problems,
  };
}

import { randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type {
  ChecklistItem,
  ClientScan,
  CommitResult,
  FilePreview,
  LeakScanResult,
  LocalServerFileKind,
  NewKeyAnswer,
  Reminders,
  RollbackResult,
  RotationMode,
  RotationSchedule,
  RotationView,
  ServerDeployment,
  ServerRecipe,
} from '../contract/rotation';
import type { KeyFormat } from '../contract/keys';
import { ConsoleFailure } from '../core/console-failure';
import type { AuditRecorder } from '../diagnostics/audit-log';
import { recordKeySet } from '../diagnostics/key-audit';
import { keyFingerprint, keyPrefix } from '../keys/key-fingerprint';
import { generateKey } from '../keys/key-generator';
import { checkKey } from '../keys/key-policy';
import type { ProfileStore } from '../profiles/profile-store';
import type { SecretStore } from '../secrets/secret-store';
import { scanClientConfigs } from './client-configs';
import {
  changeRecord,
  newChangeId,
  prepareChange,
  previewOf,
  removeBackups,
  restoreChange,
  settleWriting,
  writeBackup,
  writeChangedFile,
  type PreparedChange,
} from './file-changes';
import { formatForPath } from './key-rewrite';
import { createKeyProber, pendingKeyAccount, type KeyProber, type KeyProbeResult } from './key-probe';
import { scanForLeaks } from './leak-scan';
import type { Secret } from './redacted-diff';
import { createScheduleStore, reminderFor } from './reminders';
import { changesToRestore, newRotationFile, stepAllows, type FileChange, type RotationAction, type RotationFile } from './rotation-state';
import { createRotationStore, type LockedTools, type RotationRead } from './rotation-store';
import { buildRecipe } from './server-recipes';
import { createVerifier, type Verifier } from './verifier';
import { checklistLabels, viewOf } from './rotation-view';

/**
 * The rotation's one rule (DESIGN rule 3): a key that works is always in the keychain. The active
 * key (`profile:<id>`) is not touched until commit; the new key waits beside it as pending
 * (`profile:<id>:pending`), and the state file names it only after the keychain holds it. Commit
 * copies pending over active before deleting pending; rollback deletes only pending. Every step
 * is saved before the next starts, and the two finishing moves are marked before they begin, so
 * whatever the moment of a crash, the next start completes or resumes it (see crash points).
 */

export type CrashPoint =
  | 'new-key:after-discard'
  | 'new-key:after-keychain'
  | 'new-key:after-state'
  | 'apply:after-backup'
  | 'apply:after-record'
  | 'apply:after-write'
  | 'commit:after-marker'
  | 'commit:after-activate'
  | 'commit:after-drop-pending'
  | 'rollback:after-marker'
  | 'rollback:after-restore'
  | 'rollback:after-drop-pending';

export interface RotationServiceOptions {
  /** The console home: `rotations/` and the schedule live here. */
  readonly homeDir: string;
  readonly secrets: SecretStore;
  readonly profiles: ProfileStore;
  readonly audit: AuditRecorder;
  readonly prober?: KeyProber;
  readonly now?: () => Date;
  /** The user's home, where client configurations live; read at call time. */
  readonly userHome?: () => string;
  readonly platform?: NodeJS.Platform;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly pollIntervalMs?: number;
  /** Told when a rotation changed without a call (a poll that ended). */
  readonly onChange?: (profileId: string) => void;
  /** Tests: called at each crash window; throwing there is the process dying at that moment. */
  readonly crashPoint?: (point: CrashPoint) => void | Promise<void>;
}

export interface RecipeParams {
  readonly file?: string | undefined;
  readonly secretPath?: string | undefined;
  readonly vaultName?: string | undefined;
  readonly container?: string | undefined;
}

export type NewKeySource = { readonly kind: 'generate'; readonly format: KeyFormat } | { readonly kind: 'paste'; readonly key: string };

export interface RotationService {
  get(profileId: string): Promise<RotationView | null>;
  start(profileId: string, mode: RotationMode): Promise<RotationView>;
  newKey(profileId: string, source: NewKeySource): Promise<NewKeyAnswer>;
  back(profileId: string): Promise<RotationView>;
  serverRecipe(profileId: string, deployment: ServerDeployment, reveal: boolean, params: RecipeParams): Promise<ServerRecipe>;
  previewServerFile(profileId: string, kind: LocalServerFileKind, file?: string): Promise<FilePreview>;
  applyServerFile(profileId: string, kind: LocalServerFileKind, file: string, sha256: string): Promise<RotationView>;
  serverUpdated(profileId: string, deployment: ServerDeployment, timeoutSeconds: number): Promise<RotationView>;
  verifyNewKey(profileId: string, timeoutSeconds: number): Promise<RotationView>;
  cancelVerify(profileId: string): Promise<RotationView>;
  scanClients(profileId: string, extraPaths: readonly string[]): Promise<ClientScan>;
  updateClients(profileId: string, files: readonly { readonly path: string; readonly sha256: string }[]): Promise<RotationView>;
  clientsDone(profileId: string, skipped: boolean): Promise<RotationView>;
  checkOldKey(profileId: string): Promise<RotationView>;
  commit(profileId: string): Promise<CommitResult>;
  rollback(profileId: string, force: boolean): Promise<RollbackResult>;
  checklist(profileId: string, item: ChecklistItem, done: boolean): Promise<RotationView>;
  leakScan(profileId: string, folders: readonly string[]): Promise<LeakScanResult>;
  reminders(): Promise<Reminders>;
  setSchedule(schedule: RotationSchedule): Promise<Reminders>;
  /** Stops running polls (the core is closing). */
  close(): void;
}

const serverFileFormat = { dotenv: 'dotenv', 'service-config': 'service-config', 'systemd-user': 'systemd-unit' } as const;

export function createRotationService(options: RotationServiceOptions): RotationService {
  const { secrets, profiles, audit } = options;
  const store = createRotationStore({ homeDir: options.homeDir });
  const schedules = createScheduleStore(options.homeDir);
  const prober = options.prober ?? createKeyProber();
  const now = () => options.now?.() ?? new Date();
  const stamp = () => now().toISOString();
  const userHome = options.userHome ?? (() => os.homedir());
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const crash = async (point: CrashPoint) => options.crashPoint?.(point);
  const setAside = new Map<string, string>();
  const verifier: Verifier = createVerifier({
    prober,
    intervalMs: options.pollIntervalMs ?? 1_500,
    now,
    onAccepted: (profileId, rotationId, overlap) => acceptNewKey(profileId, rotationId, overlap),
    onEnded: (profileId) => options.onChange?.(profileId),
  });

  // ---------------------------------------------------------------------------------------------
  // Reading keys and the profile.

  const profileOrNull = (profileId: string) => profiles.get(profileId).catch((error: unknown) => {
    if (error instanceof ConsoleFailure && error.code === 'not-found') return null;
    throw error;
  });

  async function activeKeyOf(profileId: string): Promise<string> {
    const key = await profiles.readKey(profileId);
    if (key === null) throw new ConsoleFailure('not-found', 'The current key is no longer in the keychain, so files holding it cannot be found. Roll back, store the current key again, and restart the rotation.');
    return key;
  }

  async function pendingKeyOf(file: RotationFile): Promise<string> {
    const key = await secrets.get(pendingKeyAccount(file.profileId));
    if (key === null || file.pending === null || keyFingerprint(key) !== file.pending.fingerprint) {
      throw new ConsoleFailure('not-found', 'The new key is not in the keychain. Go back to step 1 and store it again, or roll back.');
    }
    return key;
  }

  const secretsFor = (oldKey: string, newKey: string): Secret[] => [
    { value: oldKey, name: 'old key' },
    { value: newKey, name: 'new key' },
  ];

  const targetOf = async (profileId: string) => {
    const profile = await profiles.get(profileId);
    return { baseUrl: profile.baseUrl, trustedCertSha256: profile.trustedCertSha256 ?? null };
  };

  // ---------------------------------------------------------------------------------------------
  // The state file.

  async function view(file: RotationFile): Promise<RotationView> {
    const profile = await profileOrNull(file.profileId);
    const pendingPresent = file.pending === null ? true : (await secrets.get(pendingKeyAccount(file.profileId)).catch(() => null)) !== null;
    const extra = setAside.get(file.profileId);
    return viewOf({ file, profile, pendingPresent, verification: verifier.progress(file.profileId, file.rotationId), homeDir: userHome(), extraProblems: extra ? [extra] : [] });
  }

  /**
   * Brings a rotation read from disk up to date after a crash: settles files caught mid-write,
   * drops a pending key the state never named (it was never shown), and, when `finish` is set,
   * completes an interrupted commit or rollback.
   */
  async function reconcile(current: RotationRead, tools: LockedTools, profileId: string, finish: boolean): Promise<RotationFile | null> {
    if (current.kind === 'none') {
      if (current.setAside) setAside.set(profileId, current.setAside);
      return null;
    }
    if (current.kind === 'unusable') throw new ConsoleFailure('conflict', `The key rotation of this server cannot be read: ${current.message}`);
    let file = current.file;
    if (finish && file.step === 'committing') {
      await finishCommit(file, tools);
      return null;
    }
    if (finish && file.step === 'rolling-back') {
      await finishRollback(file, tools);
      return null;
    }
    let changed = false;
    const settle = async (changes: readonly FileChange[]) => {
      const next: FileChange[] = [];
      for (const change of changes) {
        if (change.state !== 'writing') {
          next.push(change);
          continue;
        }
        changed = true;
        const outcome = await settleWriting(change);
        if (outcome === 'not-written') await rm(change.backupPath, { force: true });
        else next.push({ ...change, state: outcome });
      }
      return next;
    };
    const serverChanges = await settle(file.serverChanges);
    const clientChanges = await settle(file.clientChanges);
    if (changed) {
      file = { ...file, serverChanges, clientChanges, updatedAt: stamp() };
      await tools.save(file);
    }
    if (file.pending === null && file.step !== 'committing' && (await secrets.get(pendingKeyAccount(profileId)).catch(() => null)) !== null) {
      // Stored in the keychain but never recorded: the answer that would have shown it was never sent.
      await secrets.delete(pendingKeyAccount(profileId)).catch(() => false);
    }
    return file;
  }

  /** Runs an action on the current rotation, under its lock, after reconciling it. */
  async function withRotation<T>(profileId: string, action: RotationAction, work: (file: RotationFile, tools: LockedTools) => Promise<T>): Promise<T> {
    return store.locked(profileId, async (current, tools) => {
      const file = await reconcile(current, tools, profileId, action !== 'commit');
      if (file === null) throw new ConsoleFailure('not-found', 'No key rotation is in progress for this server.');
      if (!stepAllows(action, file.step)) throw new ConsoleFailure('conflict', `That cannot be done at this step of the rotation (${file.step}). Reload the wizard.`);
      return work(file, tools);
    });
  }

  const saved = async (tools: LockedTools, file: RotationFile): Promise<RotationFile> => {
    const next = { ...file, updatedAt: stamp() };
    await tools.save(next);
    return next;
  };

  const record = (file: RotationFile, event: 'rotation-started' | 'rotation-step' | 'rotation-committed' | 'rotation-rolled-back' | 'rotation-checklist' | 'rotation-leak-scan', detail: string, fingerprint: string | null, name: string | null, hide: readonly string[] = []) =>
    audit.record({ event, profileId: file.profileId, profileName: name, keyFingerprint: fingerprint, detail }, { secrets: hide });

  const nameOf = async (profileId: string) => (await profileOrNull(profileId))?.name ?? null;

  // ---------------------------------------------------------------------------------------------
  // File changes (server files in step 2, client configurations in step 4).

  async function applyChange(file: RotationFile, tools: LockedTools, prepared: PreparedChange, list: 'serverChanges' | 'clientChanges'): Promise<RotationFile> {
    const id = newChangeId();
    const backupPath = await writeBackup(store.backupDirFor(file.profileId), id, prepared);
    await crash('apply:after-backup');
    const entry = changeRecord(id, backupPath, prepared, stamp());
    let next = await saved(tools, { ...file, [list]: [...file[list], entry] });
    await crash('apply:after-record');
    await writeChangedFile(prepared);
    await crash('apply:after-write');
    next = await saved(tools, { ...next, [list]: next[list].map((change) => (change.id === id ? { ...change, state: 'written' as const } : change)) });
    return next;
  }

  /** Removes the rotation's backups, except those of files changed by someone else since. */
  async function cleanBackups(file: RotationFile, keep: readonly FileChange[]): Promise<void> {
    const dir = store.backupDirFor(file.profileId);
    const kept = new Set(keep.map((change) => change.backupPath));
    await removeBackups(dir, [...file.serverChanges, ...file.clientChanges].filter((change) => !kept.has(change.backupPath)));
    if (kept.size === 0) await rm(dir, { recursive: true, force: true });
    else {
      // Copies written just before a crash and never recorded.
      for (const name of await readdir(dir).catch(() => [] as string[])) {
        if (!kept.has(path.join(dir, name))) await rm(path.join(dir, name), { force: true });
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Finishing moves.

  async function finishCommit(file: RotationFile, tools: LockedTools): Promise<CommitResult | null> {
    const pending = file.pending;
    const profile = await profileOrNull(file.profileId);
    const account = pendingKeyAccount(file.profileId);
    if (pending === null) throw new ConsoleFailure('internal', 'A commit without a new key.');
    let result: CommitResult | null = null;
    if (profile !== null) {
      let current = profile;
      if (profile.key?.fingerprint !== pending.fingerprint) {
        // The keychain may already hold the new key as active (a crash before profiles.json caught up).
        const pendingKey = await secrets.get(account);
        const activeKey = pendingKey === null ? await profiles.readKey(file.profileId) : null;
        const key = pendingKey ?? (activeKey !== null && keyFingerprint(activeKey) === pending.fingerprint ? activeKey : null);
        if (key === null) throw new ConsoleFailure('keychain-unavailable', 'The new key could not be read from the keychain to finish the rotation. Unlock the keychain and open the wizard again.');
        const set = await profiles.setKey(file.profileId, key, {
          source: pending.source === 'generated' ? 'generated' : 'pasted',
          ...(file.activeKey ? { previousFingerprint: file.activeKey.fingerprint } : {}),
        });
        await crash('commit:after-activate');
        await recordKeySet(audit, profile, set.profile);
        current = set.profile;
      }
      result = { profile: current, previousFingerprint: file.activeKey?.fingerprint ?? null, newFingerprint: pending.fingerprint };
    }
    await secrets.delete(account);
    await crash('commit:after-drop-pending');
    await cleanBackups(file, []);
    const changed = [...file.serverChanges, ...file.clientChanges].filter((change) => change.state === 'written');
    const ticked = Object.values(file.checklist).filter((at) => at !== null).length;
    await record(
      file,
      'rotation-committed',
      [
        `Key rotation committed (${file.mode}, ${file.verification?.overlap ? 'overlap: both keys were accepted for a while' : 'restart swap'}).`,
        `Key ${file.activeKey?.fingerprint ?? '(none)'} replaced by ${pending.fingerprint}; the old key was refused by the server and deleted from the keychain.`,
        `${changed.length} file(s) changed: ${changed.map((change) => change.path).join(', ') || 'none'}.`,
        file.mode === 'emergency' ? `Emergency checklist: ${ticked} of 3 done; ${file.leakScans.length} leak scan(s).` : '',
      ]
        .filter(Boolean)
        .join(' '),
      pending.fingerprint,
      profile?.name ?? null,
    );
    await tools.remove();
    setAside.delete(file.profileId);
    verifier.stop(file.profileId);
    return result;
  }

  async function finishRollback(file: RotationFile, tools: LockedTools): Promise<RollbackResult> {
    let current = file;
    const restored: string[] = [];
    const kept: FileChange[] = [];
    for (const change of changesToRestore(current)) {
      const outcome = await restoreChange(change);
      if (outcome === 'restored') restored.push(change.path);
      else kept.push(change);
      const mark = (changes: readonly FileChange[]) => changes.map((item) => (item.id === change.id ? { ...item, state: outcome } : item));
      current = await saved(tools, { ...current, serverChanges: mark(current.serverChanges), clientChanges: mark(current.clientChanges) });
    }
    // Files marked changed-since earlier keep their backups too.
    for (const change of [...current.serverChanges, ...current.clientChanges]) {
      if (change.state === 'changed-since' && !kept.some((item) => item.id === change.id)) kept.push(change);
    }
    await crash('rollback:after-restore');
    await secrets.delete(pendingKeyAccount(file.profileId));
    await crash('rollback:after-drop-pending');
    await cleanBackups(current, kept);
    await record(
      current,
      'rotation-rolled-back',
      `Key rotation rolled back at ${file.finishing ? 'the step before' : 'its step'}: the new key ${file.pending?.fingerprint ?? '(none)'} was deleted from the keychain; the key ${file.activeKey?.fingerprint ?? '(none)'} stays in use. Restored: ${restored.join(', ') || 'no files'}.${kept.length > 0 ? ` Left alone (changed since): ${kept.map((change) => change.path).join(', ')}.` : ''}`,
      file.activeKey?.fingerprint ?? null,
      await nameOf(file.profileId),
    );
    await tools.remove();
    setAside.delete(file.profileId);
    verifier.stop(file.profileId);
    return { restored, keptBackups: kept.map((change) => ({ path: change.path, backupPath: change.backupPath })) };
  }

  async function acceptNewKey(profileId: string, rotationId: string, overlap: boolean): Promise<void> {
    await store.locked(profileId, async (current, tools) => {
      if (current.kind !== 'ok' || current.file.rotationId !== rotationId || current.file.step !== 'verify') return;
      const file = current.file;
      await saved(tools, { ...file, step: 'update-clients', verification: { acceptedAt: stamp(), overlap } });
      await record(
        file,
        'rotation-step',
        overlap
          ? 'The server accepts the new key, and still the old one: clients can move to the new key without downtime.'
          : 'The server accepts the new key (and no longer the old one: restart swap).',
        file.pending?.fingerprint ?? null,
        await nameOf(profileId),
      );
    });
  }

  const startPoll = async (file: RotationFile, timeoutSeconds: number) => {
    const newKey = await pendingKeyOf(file);
    const oldKey = await profiles.readKey(file.profileId);
    verifier.start({ profileId: file.profileId, rotationId: file.rotationId, target: await targetOf(file.profileId), newKey, oldKey, timeoutMs: timeoutSeconds * 1000 });
  };

  // ---------------------------------------------------------------------------------------------

  const service: RotationService = {
    async get(profileId) {
      return store.locked(profileId, async (current, tools) => {
        const file = await reconcile(current, tools, profileId, true);
        return file === null ? null : view(file);
      });
    },

    async start(profileId, mode) {
      const profile = await profiles.get(profileId);
      if (profile.key === null) throw new ConsoleFailure('invalid-input', 'This server has no key to rotate. Add its key first.');
      if (profile.key.sessionOnly || secrets.kind !== 'os-keychain') {
        throw new ConsoleFailure('keychain-unavailable', 'A key rotation needs the OS keychain: with a session-only key, closing the console in the middle of a rotation would lose the new key.', 'Fix the keychain (see the banner), restart the console, then rotate.');
      }
      return store.locked(profileId, async (current, tools) => {
        const existing = await reconcile(current, tools, profileId, true);
        if (existing !== null) throw new ConsoleFailure('conflict', 'A key rotation of this server is already in progress; continue it or roll it back.');
        let file = newRotationFile({
          rotationId: randomBytes(12).toString('hex'),
          profileId,
          mode,
          now: stamp(),
          activeKey: { fingerprint: profile.key!.fingerprint, prefix: profile.key!.prefix },
        });
        // A new key from a rotation whose state was lost: the server may already use it, so keep it.
        const orphan = await secrets.get(pendingKeyAccount(profileId));
        if (orphan !== null && keyFingerprint(orphan) === profile.key!.fingerprint) {
          await secrets.delete(pendingKeyAccount(profileId));
        } else if (orphan !== null) {
          file = { ...file, step: 'update-server', pending: { fingerprint: keyFingerprint(orphan), prefix: keyPrefix(orphan), source: 'recovered', storedAt: file.startedAt } };
        }
        await tools.save(file);
        await record(
          file,
          'rotation-started',
          `${mode === 'emergency' ? 'Emergency' : 'Scheduled'} key rotation started for the key ${profile.key!.fingerprint}.${file.pending ? ` A new key left by an interrupted rotation (${file.pending.fingerprint}) was found in the keychain and kept.` : ''}`,
          profile.key!.fingerprint,
          profile.name,
        );
        return view(file);
      });
    },

    async newKey(profileId, source) {
      let shown: string | null = null;
      const file = await withRotation(profileId, 'newKey', async (current, tools) => {
        if (current.serverChanges.some((change) => change.state !== 'restored')) {
          throw new ConsoleFailure('conflict', 'Server files already hold the current new key. Roll back to start over with another key.');
        }
        let key: string;
        if (source.kind === 'generate') key = generateKey(source.format);
        else {
          const check = checkKey(source.key);
          if (check.errors.length > 0) throw new ConsoleFailure('invalid-input', check.errors.map((issue) => issue.message).join(' '));
          key = check.key;
        }
        if (current.activeKey && keyFingerprint(key) === current.activeKey.fingerprint) {
          throw new ConsoleFailure('invalid-input', 'The new key is the same as the current one; rotating needs a different key.');
        }
        let file = current;
        if (file.pending !== null) {
          // Forget the earlier new key in the state first: a key the state does not name is never used.
          file = await saved(tools, { ...file, pending: null, step: 'new-key' });
          await crash('new-key:after-discard');
        }
        await secrets.set(pendingKeyAccount(profileId), key);
        await crash('new-key:after-keychain');
        file = await saved(tools, {
          ...file,
          step: 'update-server',
          pending: { fingerprint: keyFingerprint(key), prefix: keyPrefix(key), source: source.kind === 'generate' ? 'generated' : 'pasted', storedAt: stamp() },
        });
        await crash('new-key:after-state');
        if (source.kind === 'generate') shown = key;
        await record(file, 'rotation-step', `New key ${keyFingerprint(key)} ${source.kind === 'generate' ? 'generated' : 'pasted'} and stored in the keychain as pending; the current key stays in use.`, keyFingerprint(key), await nameOf(profileId), [key]);
        return file;
      });
      return { rotation: await view(file), key: shown };
    },

    async back(profileId) {
      const file = await withRotation(profileId, 'back', async (current, tools) => {
        verifier.stop(profileId);
        if (current.step === 'verify') return saved(tools, { ...current, step: 'update-server' });
        if (current.serverChanges.some((change) => change.state !== 'restored')) {
          throw new ConsoleFailure('conflict', 'Server files already hold the new key; to use another key, roll back and start again.');
        }
        return saved(tools, { ...current, step: 'new-key' });
      });
      return view(file);
    },

    async serverRecipe(profileId, deployment, reveal, params) {
      return withRotation(profileId, 'serverRecipe', async (file) => {
        const newKey = reveal ? await pendingKeyOf(file) : null;
        if (!reveal && file.pending === null) throw new ConsoleFailure('conflict', 'Store the new key first (step 1).');
        return buildRecipe({ deployment, newKey, homeDir: userHome(), ...params });
      });
    },

    async previewServerFile(profileId, kind, file) {
      return withRotation(profileId, 'applyServerFile', async (current) => {
        const prepared = await prepareServerFile(current, kind, file);
        return previewOf(prepared.change, prepared.secrets);
      });
    },

    async applyServerFile(profileId, kind, file, sha256) {
      const next = await withRotation(profileId, 'applyServerFile', async (current, tools) => {
        const prepared = await prepareServerFile(current, kind, file);
        if (prepared.change.beforeSha256 !== sha256) throw new ConsoleFailure('conflict', `${prepared.change.displayPath} changed since the preview; preview it again.`);
        const updated = await applyChange(current, tools, prepared.change, 'serverChanges');
        await record(updated, 'rotation-step', `Server file ${prepared.change.path} changed to the new key (${prepared.change.fields.join(', ')}); backup kept until the rotation ends.`, current.pending?.fingerprint ?? null, await nameOf(profileId));
        return updated;
      });
      return view(next);
    },

    async serverUpdated(profileId, deployment, timeoutSeconds) {
      const file = await withRotation(profileId, 'serverUpdated', async (current, tools) => {
        await pendingKeyOf(current);
        return saved(tools, { ...current, step: 'verify', deployment });
      });
      await startPoll(file, timeoutSeconds);
      return view(file);
    },

    async verifyNewKey(profileId, timeoutSeconds) {
      const file = await withRotation(profileId, 'verify', async (current) => current);
      await startPoll(file, timeoutSeconds);
      return view(file);
    },

    async cancelVerify(profileId) {
      verifier.cancel(profileId);
      const current = await service.get(profileId);
      if (current === null) throw new ConsoleFailure('not-found', 'No key rotation is in progress for this server.');
      return current;
    },

    async scanClients(profileId, extraPaths) {
      return withRotation(profileId, 'scanClients', async (file) => {
        const oldKey = await activeKeyOf(profileId);
        const newKey = await pendingKeyOf(file);
        const found = await scanClientConfigs({ homeDir: userHome(), platform, env, extraPaths, oldKey, newKey, exclude: [options.homeDir] });
        const hide = secretsFor(oldKey, newKey);
        return { files: found.changes.map((change) => previewOf(change, hide)), problems: found.problems, searched: found.searched };
      });
    },

    async updateClients(profileId, files) {
      const next = await withRotation(profileId, 'updateClients', async (current, tools) => {
        const oldKey = await activeKeyOf(profileId);
        const newKey = await pendingKeyOf(current);
        // Every file is checked before any is changed: bad input changes nothing.
        const prepared: PreparedChange[] = [];
        const refused: string[] = [];
        for (const wanted of files) {
          const resolved = path.resolve(wanted.path);
          const result = await prepareChange({ path: resolved, format: formatForPath(resolved), oldKey, newKey, homeDir: userHome() });
          if (!result.ok) refused.push(`${result.problem.displayPath}: ${result.problem.message}`);
          else if (result.change.beforeSha256 !== wanted.sha256) refused.push(`${result.change.displayPath} changed since the scan; scan again.`);
          else prepared.push(result.change);
        }
        if (refused.length > 0) throw new ConsoleFailure('conflict', `No file was changed. ${refused.join(' ')}`);
        let updated = current;
        for (const change of prepared) updated = await applyChange(updated, tools, change, 'clientChanges');
        await record(updated, 'rotation-step', `Client configuration(s) changed to the new key: ${prepared.map((change) => `${change.path} (${change.fields.join(', ')})`).join('; ')}.`, current.pending?.fingerprint ?? null, await nameOf(profileId));
        return updated;
      });
      return view(next);
    },

    async clientsDone(profileId, skipped) {
      const file = await withRotation(profileId, 'clientsDone', async (current, tools) => {
        const next = await saved(tools, { ...current, step: 'retire-old', clientsSkipped: skipped });
        if (skipped) await record(next, 'rotation-step', 'Client update skipped for now (the clients keep the old key until they are changed by hand).', null, await nameOf(profileId));
        return next;
      });
      return view(file);
    },

    async checkOldKey(profileId) {
      const current = await withRotation(profileId, 'checkOldKey', async (file) => file);
      const oldKey = await activeKeyOf(profileId);
      const result = await prober(await targetOf(profileId), oldKey);
      const file = await withRotation(profileId, 'checkOldKey', async (latest, tools) => {
        if (latest.rotationId !== current.rotationId) return latest;
        const next = await saved(tools, {
          ...latest,
          step: result.verdict === 'rejected' ? 'ready-to-commit' : 'retire-old',
          oldKeyCheck: { checkedAt: stamp(), verdict: result.verdict, message: result.message },
        });
        if (result.verdict === 'rejected') await record(next, 'rotation-step', 'The server refuses the old key (401): it is dead.', latest.activeKey?.fingerprint ?? null, await nameOf(profileId));
        return next;
      });
      return view(file);
    },

    async commit(profileId) {
      const file = await withRotation(profileId, 'commit', async (current) => current);
      if (file.step === 'ready-to-commit') {
        // A last look before the old key is thrown away: the new one must work and the old one must not.
        const target = await targetOf(profileId);
        const newResult = await prober(target, await pendingKeyOf(file));
        if (newResult.verdict !== 'accepted') throw new ConsoleFailure('conflict', `The server does not accept the new key right now, so the rotation is not committed. ${newResult.message}`);
        const oldKey = await profiles.readKey(profileId);
        const oldResult: KeyProbeResult | null = oldKey === null ? null : await prober(target, oldKey);
        if (oldResult !== null && oldResult.verdict !== 'rejected') {
          await withRotation(profileId, 'checkOldKey', async (latest, tools) =>
            saved(tools, { ...latest, step: 'retire-old', oldKeyCheck: { checkedAt: stamp(), verdict: oldResult.verdict, message: oldResult.message } }),
          );
          throw new ConsoleFailure('conflict', `The old key is not proven dead any more (${oldResult.message}), so the rotation is not committed.`);
        }
      }
      const result = await withRotation(profileId, 'commit', async (current, tools) => {
        if (current.rotationId !== file.rotationId) throw new ConsoleFailure('conflict', 'The rotation changed meanwhile; reload the wizard.');
        const marked = current.step === 'committing' ? current : await saved(tools, { ...current, step: 'committing', finishing: { startedAt: stamp() } });
        await crash('commit:after-marker');
        return finishCommit(marked, tools);
      });
      if (result === null) throw new ConsoleFailure('not-found', 'The rotation was committed, but its profile was deleted meanwhile.');
      return result;
    },

    async rollback(profileId, force) {
      return store.locked(profileId, async (current, tools) => {
        if (current.kind === 'ok' && current.file.step === 'rolling-back') return finishRollback(current.file, tools);
        const file = await reconcile(current, tools, profileId, true);
        if (file === null) throw new ConsoleFailure('not-found', 'No key rotation is in progress for this server.');
        if (file.step === 'committing') throw new ConsoleFailure('conflict', 'The rotation is being committed and can no longer be rolled back.');
        verifier.stop(profileId);
        if (!force && file.pending !== null) {
          // Never drop the new key while it may be the only one the server accepts.
          const oldKey = await profiles.readKey(profileId);
          const target = await targetOf(profileId).catch(() => null);
          const oldResult = oldKey !== null && target !== null ? await prober(target, oldKey) : null;
          if (oldResult?.verdict !== 'accepted') {
            const restorable = changesToRestore(file).map((change) => change.path);
            throw new ConsoleFailure(
              'conflict',
              `The server does not accept the current key right now (${oldResult?.message ?? 'it could not be checked'}), so it may be using the new key: rolling back would delete the only key it accepts.`,
              `${restorable.length > 0 ? `Rolling back restores ${restorable.join(', ')}; restart the server afterwards so it reads the old key again. ` : ''}Put the old key back on the server and restart it, then roll back — or roll back anyway if you are sure.`,
            );
          }
        }
        const marked = await saved(tools, { ...file, step: 'rolling-back', finishing: { startedAt: stamp() } });
        await crash('rollback:after-marker');
        return finishRollback(marked, tools);
      });
    },

    async checklist(profileId, item, done) {
      const file = await withRotation(profileId, 'checklist', async (current, tools) => {
        const next = await saved(tools, { ...current, checklist: { ...current.checklist, [item]: done ? stamp() : null } });
        await record(next, 'rotation-checklist', `Emergency checklist: “${checklistLabels[item]}” ${done ? 'ticked as done' : 'unticked'}.`, current.activeKey?.fingerprint ?? null, await nameOf(profileId));
        return next;
      });
      return view(file);
    },

    async leakScan(profileId, folders) {
      await withRotation(profileId, 'leakScan', async (file) => file);
      const oldKey = await activeKeyOf(profileId);
      const result = await scanForLeaks({ folders, key: oldKey, homeDir: userHome(), exclude: [options.homeDir] });
      await withRotation(profileId, 'leakScan', async (current, tools) => {
        const summary = { at: stamp(), folders: folders.length, filesScanned: result.filesScanned, findings: result.findings.length };
        const next = await saved(tools, { ...current, leakScans: [...current.leakScans, summary].slice(-100) });
        const places = [...new Set(result.findings.map((finding) => `${finding.path}:${finding.line}`))].slice(0, 20);
        await record(
          next,
          'rotation-leak-scan',
          `Leak scan for the old key in ${folders.join(', ')}: ${result.findings.length} finding(s) in ${result.filesScanned} file(s)${places.length > 0 ? `: ${places.join(', ')}` : ''}.`,
          current.activeKey?.fingerprint ?? null,
          await nameOf(profileId),
          [oldKey],
        );
      });
      return result;
    },

    async reminders() {
      const [list, { schedule }, rotations] = await Promise.all([profiles.list(), schedules.read(), store.list()]);
      const byProfile = new Map(rotations.map((file) => [file.profileId, file]));
      return { schedule, reminders: list.profiles.map((profile) => reminderFor(profile, schedule, now(), byProfile.get(profile.id) ?? null)) };
    },

    async setSchedule(schedule) {
      await schedules.write(schedule);
      return service.reminders();
    },

    close() {
      verifier.stopAll();
    },
  };

  async function prepareServerFile(file: RotationFile, kind: LocalServerFileKind, wanted: string | undefined) {
    const oldKey = await activeKeyOf(file.profileId);
    const newKey = await pendingKeyOf(file);
    const home = userHome();
    const defaults: Record<LocalServerFileKind, string> = {
      dotenv: path.join(home, '.mcp-memory', '.env'),
      'service-config': path.join(home, '.mcp_memory_service', 'service_config.json'),
      'systemd-user': path.join(home, '.config', 'systemd', 'user', 'mcp-memory.service'),
    };
    const target = path.resolve(wanted ?? defaults[kind]);
    const prepared = await prepareChange({ path: target, format: serverFileFormat[kind], oldKey, newKey, homeDir: home });
    if (!prepared.ok) throw new ConsoleFailure('invalid-input', `${prepared.problem.displayPath}: ${prepared.problem.message}`);
    return { change: prepared.change, secrets: secretsFor(oldKey, newKey) };
  }

  return service;
}

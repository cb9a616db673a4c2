import { mkdir, readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { ConsoleFailure } from '../core/console-failure';
import { removeStaleTempFiles, writeFileAtomic, type AtomicWriteOptions } from '../settings/atomic-write';
import { withFileLock, type FileLockOptions } from '../settings/file-lock';
import { keepAside, readVersionedJson } from '../settings/versioned-json';
import { rotationFileSchema, rotationFileVersion, type RotationFile } from './rotation-state';

export type RotationRead =
  /** `setAside`: a damaged state file was just renamed aside (its message says where). */
  | { readonly kind: 'none'; readonly setAside?: string }
  | { readonly kind: 'ok'; readonly file: RotationFile }
  /** Unreadable or from a newer console: left as it is, and no new rotation may start over it. */
  | { readonly kind: 'unusable'; readonly message: string };

export interface RotationStoreOptions {
  readonly homeDir: string;
  readonly lock?: FileLockOptions;
  /** Passed to writeFileAtomic; tests use it to crash between writing and renaming. */
  readonly write?: Pick<AtomicWriteOptions, 'beforeRename'>;
}

export interface RotationStore {
  readonly dir: string;
  fileFor(profileId: string): string;
  /** Where a rotation keeps copies of the files it changes (owner-only, removed when it ends). */
  backupDirFor(profileId: string): string;
  read(profileId: string): Promise<RotationRead>;
  /**
   * Runs `work` holding the rotation's lock (this process and others), with the file as it is
   * now. `save` writes atomically and may be called several times: once per step of the work, so
   * that each completed step is on disk before the next one starts. `remove` ends the rotation.
   */
  locked<T>(profileId: string, work: (current: RotationRead, tools: LockedTools) => Promise<T>): Promise<T>;
  list(): Promise<readonly RotationFile[]>;
}

export interface LockedTools {
  save(file: RotationFile): Promise<void>;
  remove(): Promise<void>;
}

export const rotationsDirName = 'rotations';

export function createRotationStore(options: RotationStoreOptions): RotationStore {
  const dir = path.join(options.homeDir, rotationsDirName);
  const fileFor = (profileId: string) => path.join(dir, `${profileId}.json`);
  // One holder at a time inside this process, so waiting does not spin on the lock file.
  const queues = new Map<string, Promise<unknown>>();

  async function readFile(profileId: string, keepCorrupt: boolean): Promise<RotationRead> {
    const file = fileFor(profileId);
    const read = await readVersionedJson(file, { schema: rotationFileSchema, currentVersion: rotationFileVersion });
    switch (read.kind) {
      case 'missing':
        return { kind: 'none' };
      case 'ok':
        if (read.value.profileId !== profileId) {
          return { kind: 'unusable', message: `${path.basename(file)} belongs to another profile (${read.value.profileId}); it was left as it is.` };
        }
        return { kind: 'ok', file: read.value };
      case 'corrupt': {
        if (!keepCorrupt) return { kind: 'unusable', message: read.message };
        const keptAt = await keepAside(file);
        return {
          kind: 'none',
          setAside: `${read.message} It was kept as ${keptAt}. A new key from that rotation, if any, is still in the keychain and is offered again when you start a rotation.`,
        };
      }
      case 'future-version':
      case 'not-a-regular-file':
      case 'unreadable':
        return { kind: 'unusable', message: read.message };
    }
  }

  return {
    dir,
    fileFor,
    backupDirFor: (profileId) => path.join(dir, `${profileId}.backups`),
    read: (profileId) => readFile(profileId, false),

    locked(profileId, work) {
      const run = async () => {
        await mkdir(dir, { recursive: true, mode: 0o700 });
        const file = fileFor(profileId);
        return withFileLock(
          `${file}.lock`,
          async () => {
            await removeStaleTempFiles(file);
            const current = await readFile(profileId, true);
            const writable = current.kind !== 'unusable';
            return work(current, {
              save: async (next) => {
                if (!writable) throw new ConsoleFailure('conflict', 'The rotation state file cannot be replaced; see the problem reported for it.');
                await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600, ...options.write });
              },
              remove: async () => {
                await unlink(file).catch((error: NodeJS.ErrnoException) => {
                  if (error.code !== 'ENOENT') throw error;
                });
              },
            });
          },
          options.lock,
        );
      };
      const previous = queues.get(profileId) ?? Promise.resolve();
      const next = previous.then(run, run);
      const settled = next.catch(() => undefined);
      queues.set(profileId, settled);
      void settled.then(() => {
        if (queues.get(profileId) === settled) queues.delete(profileId);
      });
      return next;
    },

    async list() {
      const names = await readdir(dir).catch(() => [] as string[]);
      const files: RotationFile[] = [];
      for (const name of names) {
        const match = /^([a-z0-9-]{1,64})\.json$/.exec(name);
        if (!match?.[1]) continue;
        const read = await readFile(match[1], false);
        if (read.kind === 'ok') files.push(read.file);
      }
      return files;
    },
  };
}

import path from 'node:path';
import { ConsoleFailure } from '../core/console-failure';
import { removeStaleTempFiles, writeFileAtomic, type AtomicWriteOptions } from '../settings/atomic-write';
import { withFileLock, type FileLockOptions } from '../settings/file-lock';
import { ensureConsoleHome } from '../settings/paths';
import { keepAside, listKeptAside, readVersionedJson } from '../settings/versioned-json';
import { emptyProfilesFile, profilesFileName, profilesFileSchema, profilesFileVersion, type ProfilesFile } from './profiles-file';

export interface Snapshot {
  readonly file: ProfilesFile;
  /** False when the file on disk must not be replaced (newer version, symlink, unreadable). */
  readonly writable: boolean;
  readonly problems: readonly string[];
}

export interface RepositoryOptions {
  readonly homeDir: string;
  readonly lock?: FileLockOptions;
  /** Passed to writeFileAtomic; tests use it to simulate a crash before the rename. */
  readonly write?: Pick<AtomicWriteOptions, 'beforeRename'>;
}

export interface ProfilesRepository {
  readonly path: string;
  read(): Promise<Snapshot>;
  /**
   * Read-modify-write under the cross-process lock: `change` always sees the current file, never
   * a copy read earlier, so concurrent edits from other windows or processes are not lost.
   * Returning the same object skips the write.
   */
  update<T>(change: (file: ProfilesFile) => { readonly file: ProfilesFile; readonly result: T }): Promise<T>;
}

export function createProfilesRepository(options: RepositoryOptions): ProfilesRepository {
  const file = path.join(options.homeDir, profilesFileName);
  const lockPath = `${file}.lock`;
  const locked = async <T>(work: () => Promise<T>) => {
    await ensureConsoleHome(options.homeDir);
    return withFileLock(lockPath, work, options.lock);
  };

  // Must run with the lock held: keeping a corrupt file aside renames it.
  async function readLocked(): Promise<Snapshot> {
    const read = await readVersionedJson(file, { schema: profilesFileSchema, currentVersion: profilesFileVersion });
    switch (read.kind) {
      case 'ok':
        return withKeptAside({ file: read.value, writable: true, problems: [] });
      case 'missing':
        return withKeptAside({ file: emptyProfilesFile(), writable: true, problems: [] });
      case 'corrupt': {
        const keptAt = await keepAside(file);
        return withKeptAside(
          { file: emptyProfilesFile(), writable: true, problems: [] },
          `${read.message} It was kept as ${path.basename(keptAt)} and the profile list starts empty; keys in the keychain were not touched.`,
          keptAt,
        );
      }
      case 'future-version':
      case 'not-a-regular-file':
      case 'unreadable':
        return withKeptAside({ file: emptyProfilesFile(), writable: false, problems: [read.message] });
    }
  }

  async function withKeptAside(snapshot: Snapshot, fresh?: string, freshPath?: string): Promise<Snapshot> {
    const kept = (await listKeptAside(file)).filter((keptPath) => keptPath !== freshPath);
    const problems = [
      ...snapshot.problems,
      ...(fresh ? [fresh] : []),
      ...kept.map((keptPath) => `An earlier unreadable profiles file is kept at ${keptPath}. Delete it once you no longer need it.`),
    ];
    return { ...snapshot, problems };
  }

  return {
    path: file,
    async read() {
      // Reading needs no lock (writes are atomic renames) unless the file must be kept aside.
      const quick = await readVersionedJson(file, { schema: profilesFileSchema, currentVersion: profilesFileVersion });
      if (quick.kind === 'corrupt') return locked(readLocked);
      if (quick.kind === 'ok' || quick.kind === 'missing') {
        return withKeptAside({ file: quick.kind === 'ok' ? quick.value : emptyProfilesFile(), writable: true, problems: [] });
      }
      return withKeptAside({ file: emptyProfilesFile(), writable: false, problems: [quick.message] });
    },
    update(change) {
      return locked(async () => {
        // Under the lock no live writer owns a temp file: any left over is from a crash.
        await removeStaleTempFiles(file);
        const snapshot = await readLocked();
        if (!snapshot.writable) {
          throw new ConsoleFailure('conflict', `Profiles cannot be changed: ${snapshot.problems[0] ?? 'the settings file is not writable.'}`);
        }
        const { file: next, result } = change(snapshot.file);
        if (next !== snapshot.file) {
          await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600, ...options.write });
        }
        return result;
      });
    },
  };
}

import path from 'node:path';
import { ConsoleFailure } from '../core/console-failure';
import { removeStaleTempFiles, writeFileAtomic, type AtomicWriteOptions } from '../settings/atomic-write';
import { identitySettled, regularFileIdentity, sameIdentity, type FileIdentity } from '../settings/file-identity';
import { withFileLock, type FileLockOptions } from '../settings/file-lock';
import { ensureConsoleHome } from '../settings/paths';
import { keepAside, listKeptAside, readVersionedJson } from '../settings/versioned-json';
import { emptyProfilesFile, profilesFileName, profilesFileSchema, profilesFileVersion, type ProfilesFile } from './profiles-file';

export interface Snapshot {
  /** Frozen when it comes from read(): it may be the very object later reads return. */
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
   * The file read() would return, without listing kept-aside copies (they only feed `problems`):
   * the one read on the path of every memory call.
   */
  readFile(): Promise<ProfilesFile>;
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

  // The last file parsed, keyed by the identity of what was read. Parsing and validating the file
  // on every memory call costs more than the lstat that tells it has not changed. Every write is a
  // rename (new inode), so a write by this or another process is seen; see file-identity.ts for
  // in-place edits by other programs.
  let cached: { readonly identity: FileIdentity; readonly file: ProfilesFile } | null = null;

  async function quickRead(): Promise<QuickRead> {
    const seenAt = Date.now();
    // Taken before the read: content newer than the identity is harmless (the next lstat differs
    // and reads again), content older than it would be served until the file changed again.
    const identity = await regularFileIdentity(file);
    if (identity !== null && cached !== null && sameIdentity(identity, cached.identity)) return { kind: 'ok', file: cached.file };
    cached = null;
    const read = await readVersionedJson(file, { schema: profilesFileSchema, currentVersion: profilesFileVersion });
    switch (read.kind) {
      case 'ok': {
        const parsed = deepFreeze(read.value);
        if (identity !== null && identitySettled(identity, seenAt)) cached = { identity, file: parsed };
        return { kind: 'ok', file: parsed };
      }
      case 'missing':
        return { kind: 'ok', file: deepFreeze(emptyProfilesFile()) };
      case 'corrupt':
        return { kind: 'corrupt' };
      case 'future-version':
      case 'not-a-regular-file':
      case 'unreadable':
        return { kind: 'refused', message: read.message };
    }
  }

  return {
    path: file,
    async read() {
      // Reading needs no lock (writes are atomic renames) unless the file must be kept aside.
      const quick = await quickRead();
      switch (quick.kind) {
        case 'ok':
          return withKeptAside({ file: quick.file, writable: true, problems: [] });
        case 'corrupt': {
          const kept = await locked(readLocked);
          return { ...kept, file: deepFreeze(kept.file) };
        }
        case 'refused':
          return withKeptAside({ file: deepFreeze(emptyProfilesFile()), writable: false, problems: [quick.message] });
      }
    },
    async readFile() {
      const quick = await quickRead();
      switch (quick.kind) {
        case 'ok':
          return quick.file;
        case 'corrupt':
          return deepFreeze((await locked(readLocked)).file);
        case 'refused':
          return deepFreeze(emptyProfilesFile());
      }
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
          // The new file's identity is only known once it is renamed in place, and by then another
          // process may have replaced it: drop the cache and let the next read parse what is there.
          cached = null;
          await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600, ...options.write });
        }
        return result;
      });
    },
  };
}

type QuickRead = { readonly kind: 'ok'; readonly file: ProfilesFile } | { readonly kind: 'corrupt' } | { readonly kind: 'refused'; readonly message: string };

/** Cached snapshots are shared by every caller: a mutation would change what the next read returns. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

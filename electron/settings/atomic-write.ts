import { randomBytes } from 'node:crypto';
import { open, readdir, rename, unlink, chmod } from 'node:fs/promises';
import path from 'node:path';

export interface AtomicWriteOptions {
  readonly mode?: number;
  /**
   * Runs after the temp file is durable and before the rename. Tests use it to simulate a crash
   * at the one moment that matters (see test/integration/profiles).
   */
  readonly beforeRename?: (tempPath: string) => void | Promise<void>;
}

const tempMarker = '.tmp-';

/** `.profiles.json.tmp-<pid>-<random>`: hidden, in the same directory (rename must not cross filesystems). */
export function tempPathFor(target: string): string {
  const dir = path.dirname(target);
  return path.join(dir, `.${path.basename(target)}${tempMarker}${process.pid}-${randomBytes(4).toString('hex')}`);
}

export function isTempFileOf(target: string, candidateName: string): boolean {
  return candidateName.startsWith(`.${path.basename(target)}${tempMarker}`);
}

/**
 * Either the old content or the new content is on disk afterwards, never a mix: write a temp file,
 * fsync it, rename it over the target, fsync the directory so the rename itself survives a crash.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const mode = options.mode ?? 0o600;
  const temp = tempPathFor(target);
  let renamed = false;
  try {
    // 'wx': never reuse or follow an existing path.
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(data);
      // The umask may have narrowed the mode; chmod makes it exactly what was asked.
      await handle.chmod(mode).catch(() => chmod(temp, mode));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeRename?.(temp);
    await renameWithRetry(temp, target);
    renamed = true;
    await syncDirectory(path.dirname(target));
  } finally {
    if (!renamed) await unlink(temp).catch(() => undefined);
  }
}

/**
 * Removes temp files a crashed writer left behind. Only call while holding the file's lock:
 * then no live writer can own one of them.
 */
export async function removeStaleTempFiles(target: string): Promise<number> {
  const dir = path.dirname(target);
  let removed = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!isTempFileOf(target, name)) continue;
    await unlink(path.join(dir, name)).then(
      () => removed++,
      () => undefined,
    );
  }
  return removed;
}

async function renameWithRetry(from: string, to: string): Promise<void> {
  // Windows refuses to replace a file another process (antivirus, indexer) has open for a moment.
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (process.platform !== 'win32' || attempt >= 10 || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1)));
    }
  }
}

async function syncDirectory(dir: string): Promise<void> {
  // Directories cannot be opened for fsync on Windows; the rename is as durable as NTFS makes it.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some filesystems (certain network mounts) reject fsync on a directory; the data is already synced.
    if ((error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
  } finally {
    await handle.close();
  }
}

import { lstat } from 'node:fs/promises';

/**
 * Which version of a file a path names, from one lstat. The console replaces settings files by
 * atomic rename, so each of its writes gives a new inode; an in-place edit by anything else
 * changes the ctime (which no process can set), and usually the size and mtime too.
 */
export interface FileIdentity {
  readonly dev: bigint;
  readonly ino: bigint;
  readonly size: bigint;
  readonly mtimeNs: bigint;
  readonly ctimeNs: bigint;
}

/**
 * The identity of the regular file at `file`, or null for anything that may not be cached (missing,
 * a symlink, a directory or special file, unreadable). lstat, not stat: a symlink put in its place
 * must never be taken for the file it points to.
 */
export async function regularFileIdentity(file: string): Promise<FileIdentity | null> {
  try {
    const stats = await lstat(file, { bigint: true });
    if (!stats.isFile()) return null;
    return { dev: stats.dev, ino: stats.ino, size: stats.size, mtimeNs: stats.mtimeNs, ctimeNs: stats.ctimeNs };
  } catch {
    return null;
  }
}

export function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}

const oneSecondNs = 1_000_000_000n;
// Above the timestamp tick of every local filesystem clock we know (Linux's coarse clock: 1-10 ms;
// Windows: ~16 ms).
const fineWindowNs = 100_000_000n;
// FAT keeps mtime to 2 s; ext3, HFS+ and some network filesystems to 1 s.
const wholeSecondWindowNs = 2n * oneSecondNs;

/**
 * Whether any change made from now on is certain to give the file another identity, so content
 * read after `seenAtMs` (Date.now() taken before the lstat) may be cached under `identity`.
 *
 * Timestamps advance in ticks, so an in-place rewrite of the same size within the tick of the
 * previous change could leave every field equal (the "racy git" problem). A file changed less
 * than a tick before it was looked at is therefore not cached; it is simply read again next time.
 * Kernels with multigrain timestamps (Linux 6.13+) already give such a rewrite a new ctime.
 *
 * Limitation: this trusts the file's timestamps and the local clock to agree. On a network
 * filesystem whose server clock runs behind by more than the window, or after the clock is stepped
 * back, a same-size in-place rewrite by another program could go unseen until the file changes
 * again. The console's own writes are atomic renames (a new inode) and are always seen.
 */
export function identitySettled(identity: FileIdentity, seenAtMs: number): boolean {
  const newest = identity.mtimeNs > identity.ctimeNs ? identity.mtimeNs : identity.ctimeNs;
  // A timestamp on a whole second almost certainly comes from a filesystem that keeps no finer one.
  const coarse = identity.mtimeNs % oneSecondNs === 0n || identity.ctimeNs % oneSecondNs === 0n;
  const windowNs = coarse ? wholeSecondWindowNs : fineWindowNs;
  return BigInt(seenAtMs) * 1_000_000n - newest >= windowNs;
}

import { constants } from 'node:fs';
import { lstat, open, readlink } from 'node:fs/promises';

export type FileRead =
  | { readonly kind: 'missing' }
  | { readonly kind: 'ok'; readonly bytes: Buffer; readonly mode: number }
  | { readonly kind: 'not-a-regular-file'; readonly fileType: 'symlink' | 'directory' | 'other'; readonly linkTarget?: string }
  | { readonly kind: 'too-large'; readonly size: number; readonly maxBytes: number }
  | { readonly kind: 'unreadable'; readonly message: string };

export const oneMiB = 1024 * 1024;

/**
 * Reads a file only if it is a regular file no larger than `maxBytes`. Symlinks are reported, not
 * followed: a link where a settings or key file should be is either a deliberate setup the user
 * should confirm or an attempt to redirect the console, and in neither case should it be guessed.
 */
export async function readRegularFile(file: string, maxBytes: number = oneMiB): Promise<FileRead> {
  let stats;
  try {
    stats = await lstat(file);
  } catch (error) {
    return failure(error);
  }
  if (stats.isSymbolicLink()) {
    const linkTarget = await readlink(file).catch(() => undefined);
    return linkTarget === undefined ? { kind: 'not-a-regular-file', fileType: 'symlink' } : { kind: 'not-a-regular-file', fileType: 'symlink', linkTarget };
  }
  if (stats.isDirectory()) return { kind: 'not-a-regular-file', fileType: 'directory' };
  if (!stats.isFile()) return { kind: 'not-a-regular-file', fileType: 'other' };
  if (stats.size > maxBytes) return { kind: 'too-large', size: stats.size, maxBytes };

  // O_NOFOLLOW + fstat close the gap between lstat and open (the path swapped for a link or FIFO);
  // O_NONBLOCK keeps a swapped-in FIFO from hanging the open. Both are 0 (absent) on Windows.
  const flags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
  let handle;
  try {
    handle = await open(file, flags);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') return { kind: 'not-a-regular-file', fileType: 'symlink' };
    return failure(error);
  }
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) return { kind: 'not-a-regular-file', fileType: opened.isDirectory() ? 'directory' : 'other' };
    // Read to EOF but stop one chunk past the cap, so a file that grew since lstat is still caught.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, total);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return { kind: 'too-large', size: total, maxBytes };
    }
    return { kind: 'ok', bytes: Buffer.concat(chunks, total), mode: opened.mode };
  } catch (error) {
    return failure(error);
  } finally {
    await handle.close();
  }
}

/** UTF-8 text or null for binary content (NUL bytes or invalid UTF-8). A leading BOM is dropped. */
export function decodeText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } catch {
    return null;
  }
}

function failure(error: unknown): FileRead {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
  return { kind: 'unreadable', message: code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? 'read failed') };
}

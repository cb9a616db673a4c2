import { randomBytes } from 'node:crypto';
import { lstat, readdir, rename } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { decodeText, oneMiB, readRegularFile } from './read-regular-file';

/**
 * What reading a settings file found. Only `missing` and `ok` may be written over.
 *
 * Policy (DESIGN rule 3, nothing is lost):
 * - `corrupt` (bad JSON, wrong shape, too large, empty): the file is renamed aside to
 *   `<name>.corrupt-<timestamp>` by keepAside(). A rename moves the exact bytes without copying
 *   (no half-written copy, no second file to keep in sync) and frees the name for a fresh file.
 *   The kept file stays reported (listKeptAside) until the user removes it.
 * - `future-version`: written by a newer console. Left untouched and writes refused, so a
 *   downgrade can never clobber data the newer version still needs.
 * - `not-a-regular-file` (symlink, directory, FIFO) and `unreadable`: left untouched and writes
 *   refused. Replacing a symlink would silently break a deliberate setup (dotfiles), following it
 *   would write wherever it points; only the user can tell which it is.
 */
export type VersionedRead<T> =
  | { readonly kind: 'missing' }
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'corrupt'; readonly message: string }
  | { readonly kind: 'future-version'; readonly version: number; readonly message: string }
  | { readonly kind: 'not-a-regular-file'; readonly message: string }
  | { readonly kind: 'unreadable'; readonly message: string };

export interface VersionedJsonOptions<T> {
  readonly schema: z.ZodType<T>;
  readonly currentVersion: number;
  readonly maxBytes?: number;
}

export async function readVersionedJson<T>(file: string, options: VersionedJsonOptions<T>): Promise<VersionedRead<T>> {
  const name = path.basename(file);
  const read = await readRegularFile(file, options.maxBytes ?? oneMiB);
  switch (read.kind) {
    case 'missing':
      return read;
    case 'unreadable':
      return { kind: 'unreadable', message: `${name} cannot be read (${read.message}). Fix its permissions; it was left as it is.` };
    case 'not-a-regular-file': {
      const what = read.fileType === 'symlink' ? `a symbolic link${read.linkTarget ? ` to ${read.linkTarget}` : ''}` : `a ${read.fileType === 'directory' ? 'directory' : 'special file'}`;
      return {
        kind: 'not-a-regular-file',
        message: `${name} is ${what}, not a regular file. It was left untouched and changes are not saved; replace it with a regular file to edit settings.`,
      };
    }
    case 'too-large':
      return { kind: 'corrupt', message: `${name} is ${read.size} bytes, larger than the ${read.maxBytes}-byte limit for a settings file.` };
    case 'ok':
      break;
  }

  const text = decodeText(read.bytes);
  if (text === null) return { kind: 'corrupt', message: `${name} is not UTF-8 text.` };
  if (text.trim() === '') return { kind: 'corrupt', message: `${name} is empty.` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { kind: 'corrupt', message: `${name} is not valid JSON (${(error as Error).message}).` };
  }
  if (nestedDeeperThan(json, maxSettingsDepth)) {
    // Unknown fields pass through loose schemas untouched, and writing such a file back would
    // overflow the stack in JSON.stringify: a settings file is never this deep unless hand-made.
    return { kind: 'corrupt', message: `${name} is nested more than ${maxSettingsDepth} levels deep.` };
  }
  const version = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as { version?: unknown }).version : undefined;
  if (typeof version === 'number' && Number.isInteger(version) && version > options.currentVersion) {
    return {
      kind: 'future-version',
      version,
      message: `${name} was written by a newer Memory Console (format version ${version}; this one understands up to ${options.currentVersion}). It was left untouched and changes are not saved; update Memory Console.`,
    };
  }
  if (version !== options.currentVersion) {
    return { kind: 'corrupt', message: `${name} has no recognised format version (found ${JSON.stringify(version) ?? 'none'}).` };
  }
  const parsed = options.schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? first.path.map(String).join('.') : 'top level';
    return { kind: 'corrupt', message: `${name} does not have the expected shape (${where}: ${first?.message ?? 'invalid'}).` };
  }
  return { kind: 'ok', value: parsed.data };
}

const maxSettingsDepth = 64;

function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: { readonly value: unknown; readonly depth: number }[] = [{ value, depth: 0 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth >= max) return true;
    for (const child of Object.values(next.value)) stack.push({ value: child, depth: next.depth + 1 });
  }
  return false;
}

const asideMarker = '.corrupt-';

/** Renames a corrupt file to `<name>.corrupt-<timestamp>` beside it; returns the new path. */
export async function keepAside(file: string, now: Date = new Date()): Promise<string> {
  // Colons are not allowed in Windows file names.
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let target = `${file}${asideMarker}${stamp}`;
  // rename() would replace an existing file: never let one kept file overwrite another.
  if (await exists(target)) target = `${target}-${randomBytes(3).toString('hex')}`;
  await rename(file, target);
  return target;
}

export async function listKeptAside(file: string): Promise<readonly string[]> {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}${asideMarker}`;
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((name) => name.startsWith(prefix)).sort().map((name) => path.join(dir, name));
}

async function exists(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
}

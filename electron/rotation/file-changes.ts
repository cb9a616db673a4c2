import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import type { ConfigFormat, FilePreview, FileProblem } from '../contract/rotation';
import { writeFileAtomic } from '../settings/atomic-write';
import { decodeText, oneMiB, readRegularFile } from '../settings/read-regular-file';
import { rewriteKey } from './key-rewrite';
import { redactedDiff, type Secret } from './redacted-diff';
import type { FileChange } from './rotation-state';

/**
 * Changing one configuration file safely: read it (regular files only, never through a link),
 * compute the new content, keep a byte-exact backup in the console home, replace the file
 * atomically with its own permissions. The caller records each stage in the rotation state in
 * between, so a crash at any point leaves a file whose hash says which version it holds.
 */

export interface PreparedChange {
  readonly path: string;
  readonly displayPath: string;
  readonly format: ConfigFormat;
  readonly fields: readonly string[];
  readonly before: Buffer;
  readonly after: string;
  readonly beforeSha256: string;
  readonly afterSha256: string;
  readonly mode: number;
}

export type Prepared = { readonly ok: true; readonly change: PreparedChange } | { readonly ok: false; readonly problem: FileProblem };

export const maxConfigBytes = oneMiB;

export function sha256Of(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function displayPathOf(file: string, homeDir: string): string {
  const relative = path.relative(homeDir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? `~${path.sep}${relative}` : file;
}

export async function prepareChange(input: {
  readonly path: string;
  readonly format: ConfigFormat;
  readonly oldKey: string;
  readonly newKey: string;
  readonly homeDir: string;
}): Promise<Prepared> {
  const displayPath = displayPathOf(input.path, input.homeDir);
  const problem = (message: string): Prepared => ({ ok: false, problem: { path: input.path, displayPath, message } });
  if (!path.isAbsolute(input.path)) return problem('Give the full path of the file.');
  const read = await readRegularFile(input.path, maxConfigBytes);
  switch (read.kind) {
    case 'missing':
      return problem('File not found.');
    case 'unreadable':
      return problem(`Cannot be read (${read.message}).`);
    case 'too-large':
      return problem('Larger than 1 MiB; not a configuration file, not changed.');
    case 'not-a-regular-file':
      return problem(
        read.fileType === 'symlink'
          ? `A symbolic link${read.linkTarget ? ` to ${read.linkTarget}` : ''}; not followed. Add the target file itself if you trust it.`
          : 'Not a regular file.',
      );
    case 'ok':
      break;
  }
  const text = decodeText(read.bytes);
  if (text === null) return problem('Not a text file; not changed.');
  const rewritten = rewriteKey(input.format, text, input.oldKey, input.newKey);
  if (!rewritten.ok) return problem(rewritten.problem);
  // decodeText drops a byte-order mark; put it back so only the key changes.
  const after = read.bytes[0] === 0xef && read.bytes[1] === 0xbb && read.bytes[2] === 0xbf ? `\uFEFF${rewritten.text}` : rewritten.text;
  return {
    ok: true,
    change: {
      path: input.path,
      displayPath,
      format: input.format,
      fields: rewritten.fields,
      before: read.bytes,
      after,
      beforeSha256: sha256Of(read.bytes),
      afterSha256: sha256Of(after),
      mode: read.mode & 0o7777,
    },
  };
}

export function previewOf(change: PreparedChange, secrets: readonly Secret[]): FilePreview {
  return {
    path: change.path,
    displayPath: change.displayPath,
    format: change.format,
    fields: change.fields,
    sha256: change.beforeSha256,
    diff: redactedDiff(change.before.toString('utf8'), change.after, secrets),
  };
}

export function newChangeId(): string {
  return randomBytes(6).toString('hex');
}

/** The backup copy: owner-only, in the rotation's own folder of the console home. */
export async function writeBackup(backupDir: string, changeId: string, change: PreparedChange): Promise<string> {
  await mkdir(backupDir, { recursive: true, mode: 0o700 });
  const backupPath = path.join(backupDir, `${changeId}-${path.basename(change.path)}`);
  await writeFileAtomic(backupPath, change.before, { mode: 0o600 });
  return backupPath;
}

export function changeRecord(changeId: string, backupPath: string, change: PreparedChange, at: string): FileChange {
  return {
    id: changeId,
    path: change.path,
    format: change.format,
    fields: [...change.fields],
    backupPath,
    beforeSha256: change.beforeSha256,
    afterSha256: change.afterSha256,
    mode: change.mode,
    state: 'writing',
    at,
  };
}

export async function writeChangedFile(change: PreparedChange): Promise<void> {
  await writeFileAtomic(change.path, change.after, { mode: change.mode });
}

type Current = { readonly kind: 'sha'; readonly sha256: string } | { readonly kind: 'missing' } | { readonly kind: 'other' };

async function currentOf(file: string): Promise<Current> {
  const read = await readRegularFile(file, maxConfigBytes * 2);
  if (read.kind === 'missing') return { kind: 'missing' };
  if (read.kind !== 'ok') return { kind: 'other' };
  return { kind: 'sha', sha256: sha256Of(read.bytes) };
}

/** After a crash during `writing`: which content the file holds now. */
export async function settleWriting(change: FileChange): Promise<'written' | 'not-written' | 'changed-since'> {
  const current = await currentOf(change.path);
  if (current.kind === 'sha' && current.sha256 === change.afterSha256) return 'written';
  if (current.kind === 'sha' && current.sha256 === change.beforeSha256) return 'not-written';
  return 'changed-since';
}

/**
 * Puts the backed-up content back, but only over the content the console wrote: a file changed
 * by someone else since is left alone (and its backup kept), so a rollback never destroys work.
 */
export async function restoreChange(change: FileChange): Promise<'restored' | 'changed-since'> {
  const current = await currentOf(change.path);
  if (current.kind === 'sha' && current.sha256 === change.beforeSha256) return 'restored';
  if (current.kind !== 'sha' || current.sha256 !== change.afterSha256) return 'changed-since';
  const backup = await readFile(change.backupPath);
  if (sha256Of(backup) !== change.beforeSha256) return 'changed-since';
  await writeFileAtomic(change.path, backup, { mode: change.mode });
  return 'restored';
}

export async function removeBackups(backupDir: string, changes: readonly FileChange[]): Promise<void> {
  for (const change of changes) await rm(change.backupPath, { force: true });
  // The folder goes too once it is empty; a kept backup keeps it.
  await rmdir(backupDir).catch(() => undefined);
}

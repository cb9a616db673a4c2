import { constants } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import path from 'node:path';
import type { FileProblem, LeakFinding, LeakScanResult } from '../contract/rotation';
import { filesUnder } from './client-configs';
import { displayPathOf } from './file-changes';
import { displayLine, type Secret } from './redacted-diff';

/**
 * Emergency rotation: where else is the compromised key written down? Searches the folders the
 * user picks for the key (raw, URL-encoded, JSON-escaped) and reports file, line and column with
 * the key replaced by its label. Links are not followed; huge files are skipped and said so.
 */

export interface LeakScanInput {
  readonly folders: readonly string[];
  readonly key: string;
  readonly homeDir: string;
  /** Never searched: the console's own home (its backups are removed when the rotation ends). */
  readonly exclude: readonly string[];
  readonly limits?: Partial<LeakLimits>;
}

export interface LeakLimits {
  readonly maxDepth: number;
  readonly maxFiles: number;
  readonly maxFileBytes: number;
  readonly maxFindings: number;
}

export const leakLimits: LeakLimits = { maxDepth: 12, maxFiles: 50_000, maxFileBytes: 16 * 1024 * 1024, maxFindings: 500 };

export async function scanForLeaks(input: LeakScanInput): Promise<LeakScanResult> {
  const limits = { ...leakLimits, ...input.limits };
  const secrets: Secret[] = [{ value: input.key, name: 'old key' }];
  const needles = [...new Set([input.key, encodeURIComponent(input.key), JSON.stringify(input.key).slice(1, -1)])].map((form) => Buffer.from(form, 'utf8'));
  const exclude = input.exclude.map((dir) => path.resolve(dir));
  const findings: LeakFinding[] = [];
  const skipped: FileProblem[] = [];
  const display = (file: string) => displayPathOf(file, input.homeDir);
  let filesScanned = 0;
  let truncated = false;

  const scanFile = async (file: string) => {
    const info = await lstat(file).catch(() => null);
    if (info === null || !info.isFile()) return;
    if (info.size > limits.maxFileBytes) {
      skipped.push({ path: file, displayPath: display(file), message: `Larger than ${limits.maxFileBytes / (1024 * 1024)} MiB; not searched.` });
      return;
    }
    const bytes = await readNoFollow(file);
    if (bytes === null) {
      skipped.push({ path: file, displayPath: display(file), message: 'Could not be read.' });
      return;
    }
    filesScanned++;
    const binary = bytes.includes(0);
    for (const at of matchOffsets(bytes, needles)) {
      if (findings.length >= limits.maxFindings) {
        truncated = true;
        return;
      }
      const { line, column, text } = lineAt(bytes, at);
      findings.push({ path: file, displayPath: display(file), line, column, excerpt: binary ? null : displayLine(text, secrets) });
    }
  };

  for (const folder of input.folders) {
    const root = path.resolve(folder);
    const info = await lstat(root).catch(() => null);
    if (info === null) {
      skipped.push({ path: root, displayPath: display(root), message: 'Not found.' });
      continue;
    }
    if (info.isSymbolicLink()) {
      skipped.push({ path: root, displayPath: display(root), message: 'A symbolic link; not followed. Pick its target instead.' });
      continue;
    }
    if (info.isFile()) {
      await scanFile(root);
      continue;
    }
    const walked = await filesUnder(root, exclude, { maxDepth: limits.maxDepth, maxFiles: limits.maxFiles - filesScanned });
    if (walked.truncated) truncated = true;
    for (const file of walked.files) {
      if (truncated && findings.length >= limits.maxFindings) break;
      await scanFile(file);
    }
  }
  return { findings, filesScanned, skipped, truncated };
}

async function readNoFollow(file: string): Promise<Buffer | null> {
  const handle = await open(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)).catch(() => null);
  if (handle === null) return null;
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return null;
    return await handle.readFile();
  } catch {
    return null;
  } finally {
    await handle.close();
  }
}

function matchOffsets(bytes: Buffer, needles: readonly Buffer[]): number[] {
  const offsets = new Set<number>();
  for (const needle of needles) {
    for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + needle.length)) offsets.add(at);
  }
  return [...offsets].sort((a, b) => a - b);
}

function lineAt(bytes: Buffer, offset: number): { line: number; column: number; text: string } {
  let line = 1;
  let start = 0;
  for (let index = bytes.indexOf(10); index >= 0 && index < offset; index = bytes.indexOf(10, index + 1)) {
    line++;
    start = index + 1;
  }
  let end = bytes.indexOf(10, offset);
  if (end < 0) end = bytes.length;
  const text = bytes.subarray(start, end).toString('utf8').replace(/\r$/, '');
  return { line, column: bytes.subarray(start, offset).toString('utf8').length + 1, text };
}

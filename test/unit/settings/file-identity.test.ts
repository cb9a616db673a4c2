import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { identitySettled, regularFileIdentity, sameIdentity, type FileIdentity } from '../../../electron/settings/file-identity';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mc-identity-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('regularFileIdentity', () => {
  it('identifies a regular file by device, inode, size, mtime and ctime in nanoseconds', async () => {
    const file = path.join(dir, 'settings.json');
    writeFileSync(file, '{}');
    const identity = await regularFileIdentity(file);
    expect(identity).toMatchObject({ size: 2n });
    for (const field of ['dev', 'ino', 'size', 'mtimeNs', 'ctimeNs'] as const) expect(typeof identity?.[field]).toBe('bigint');
    expect(sameIdentity(identity!, (await regularFileIdentity(file))!)).toBe(true);
  });

  it('gives nothing to cache for a symlink (even to a regular file), a directory or a missing file', async () => {
    const target = path.join(dir, 'target.json');
    writeFileSync(target, '{}');
    symlinkSync(target, path.join(dir, 'link.json'));
    mkdirSync(path.join(dir, 'directory.json'));
    expect(await regularFileIdentity(path.join(dir, 'link.json'))).toBeNull();
    expect(await regularFileIdentity(path.join(dir, 'directory.json'))).toBeNull();
    expect(await regularFileIdentity(path.join(dir, 'missing.json'))).toBeNull();
  });
});

describe('sameIdentity', () => {
  const base: FileIdentity = { dev: 1n, ino: 2n, size: 3n, mtimeNs: 4n, ctimeNs: 5n };
  it.each(['dev', 'ino', 'size', 'mtimeNs', 'ctimeNs'] as const)('differs when only %s differs', (field) => {
    expect(sameIdentity(base, { ...base })).toBe(true);
    expect(sameIdentity(base, { ...base, [field]: base[field] + 1n })).toBe(false);
  });
});

describe('identitySettled', () => {
  const ms = 1_000_000n;
  // 12:00:00.123456789 on some day: a timestamp from a filesystem with nanosecond fields.
  const changedAt = 1_767_268_800_123_456_789n;
  const fine: FileIdentity = { dev: 1n, ino: 2n, size: 3n, mtimeNs: changedAt, ctimeNs: changedAt };
  const seenAfter = (identity: FileIdentity, afterMs: number) => identitySettled(identity, Number((identity.ctimeNs > identity.mtimeNs ? identity.ctimeNs : identity.mtimeNs) / ms) + afterMs);

  it('waits 100 ms after a change on a filesystem with fine timestamps', () => {
    expect(seenAfter(fine, 0)).toBe(false);
    expect(seenAfter(fine, 99)).toBe(false);
    expect(seenAfter(fine, 101)).toBe(true);
  });

  it('waits 2 s when the timestamps are whole seconds (FAT, HFS+, ext3)', () => {
    const coarse = { ...fine, mtimeNs: 1_767_268_800_000_000_000n, ctimeNs: 1_767_268_800_000_000_000n };
    expect(seenAfter(coarse, 1_999)).toBe(false);
    expect(seenAfter(coarse, 2_000)).toBe(true);
  });

  it('counts from the later of mtime and ctime, and never settles a timestamp in the future', () => {
    const touchedLater = { ...fine, ctimeNs: changedAt + 5_000n * ms };
    expect(identitySettled(touchedLater, Number(changedAt / ms) + 1_000)).toBe(false);
    expect(identitySettled(touchedLater, Number(changedAt / ms) + 5_101)).toBe(true);
    expect(identitySettled({ ...fine, mtimeNs: changedAt + 60_000n * ms }, Number(changedAt / ms) + 1_000)).toBe(false);
  });
});

import { lstatSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProfilesRepository, type ProfilesRepository } from '../../../electron/profiles/profiles-repository';
import type { ProfilesFile } from '../../../electron/profiles/profiles-file';
import { identitySettled, regularFileIdentity } from '../../../electron/settings/file-identity';

// The repository keeps the last parsed file and serves it while one lstat says the file is the
// same one. These tests change the file every way another program or process can and check that
// the next read sees the change. Real files only: the point is what the filesystem reports.

let home: string;
let repository: ProfilesRepository;
const file = () => path.join(home, 'profiles.json');

beforeEach(() => {
  home = path.join(mkdtempSync(path.join(os.tmpdir(), 'mc-profiles-repo-')), 'console');
  mkdirSync(home, { recursive: true, mode: 0o700 });
  repository = createProfilesRepository({ homeDir: home });
});
afterEach(() => rmSync(path.dirname(home), { recursive: true, force: true }));

/** A valid profiles file whose profiles have these names; same-length names give same-size files. */
function profilesJson(...names: string[]): string {
  const profiles = names.map((name, index) => ({
    id: `profile-${index}`,
    name,
    baseUrl: 'http://127.0.0.1:8000',
    environment: 'development',
    key: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  }));
  return `${JSON.stringify({ version: 1, activeId: null, profiles }, null, 2)}\n`;
}

const names = (profiles: ProfilesFile) => profiles.profiles.map((profile) => profile.name);

/**
 * Waits until a change made now is certain to change the file's identity (see identitySettled):
 * before that the repository deliberately does not cache, and a test of the cache would prove nothing.
 */
async function settle(): Promise<void> {
  for (;;) {
    const identity = await regularFileIdentity(file());
    if (identity === null || identitySettled(identity, Date.now())) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Reads twice and checks the second read was served from the cache (the very same frozen object). */
async function readCached(): Promise<ProfilesFile> {
  const first = await repository.readFile();
  expect(await repository.readFile()).toBe(first);
  return first;
}

/** Replaces the file the way a second console process does: write a temp file, rename it over. */
function replaceByRename(content: string): void {
  const temp = path.join(home, '.profiles.json.tmp-outside');
  writeFileSync(temp, content, { mode: 0o600 });
  renameSync(temp, file());
}

describe('profiles repository: the parsed-file cache', () => {
  it('serves an unchanged file from the cache, frozen so no caller can change what the next one gets', async () => {
    writeFileSync(file(), profilesJson('Alpha'));
    await settle();
    const cached = await readCached();
    expect(names(cached)).toEqual(['Alpha']);
    expect((await repository.read()).file).toBe(cached);
    expect(Object.isFrozen(cached) && Object.isFrozen(cached.profiles) && Object.isFrozen(cached.profiles[0])).toBe(true);
    expect(() => {
      (cached.profiles as unknown as unknown[]).push({});
    }).toThrow(TypeError);
    expect(() => {
      cached.profiles[0]!.name = 'Mutated';
    }).toThrow(TypeError);
    expect(names(await repository.readFile())).toEqual(['Alpha']);
  });

  it('does not cache a file changed less than a timestamp tick ago (a same-size rewrite could keep every stat field)', async () => {
    writeFileSync(file(), profilesJson('Alpha'));
    const first = await repository.readFile();
    const second = await repository.readFile();
    // Just written, so not settled: parsed again, an equal but new object.
    expect(second).not.toBe(first);
    expect(second).toEqual(first);
    await settle();
    await readCached();
  });

  it('(a) sees a write made through the repository', async () => {
    writeFileSync(file(), profilesJson('Alpha'));
    await settle();
    await readCached();
    await repository.update((current) => ({ file: { ...current, profiles: current.profiles.map((profile) => ({ ...profile, name: 'Bravo' })) }, result: undefined }));
    expect(names(await repository.readFile())).toEqual(['Bravo']);
    expect(names((await repository.read()).file)).toEqual(['Bravo']);
  });

  it('(b) sees another process replace the file by an atomic rename, even with the same size and mtime', async () => {
    writeFileSync(file(), profilesJson('Alpha'));
    const stamp = new Date('2026-01-01T00:00:00.123Z');
    utimesSync(file(), stamp, stamp);
    await settle();
    await readCached();
    replaceByRename(profilesJson('Bravo'));
    utimesSync(file(), stamp, stamp);
    expect(names(await repository.readFile())).toEqual(['Bravo']);
  });

  it('(b) sees a write by another repository on the same file (a second console window or process)', async () => {
    const other = createProfilesRepository({ homeDir: home });
    writeFileSync(file(), profilesJson('Alpha'));
    await settle();
    await readCached();
    await other.update((current) => ({ file: { ...current, activeId: 'profile-0' }, result: undefined }));
    expect((await repository.readFile()).activeId).toBe('profile-0');
  });

  it('(c) sees an in-place rewrite of the same size with the mtime put back: the ctime still differs', async () => {
    writeFileSync(file(), profilesJson('Alpha'));
    // A whole-millisecond mtime, so utimes can put back exactly the same value (it has no finer resolution).
    const stamp = new Date('2026-01-01T00:00:00.123Z');
    utimesSync(file(), stamp, stamp);
    await settle();
    const before = lstatSync(file(), { bigint: true });
    expect(names(await readCached())).toEqual(['Alpha']);

    writeFileSync(file(), profilesJson('Bravo'));
    utimesSync(file(), stamp, stamp);
    const after = lstatSync(file(), { bigint: true });
    // Everything but the ctime is the same, so it is the ctime alone that gives the change away.
    expect([after.dev, after.ino, after.size, after.mtimeNs]).toEqual([before.dev, before.ino, before.size, before.mtimeNs]);
    expect(after.ctimeNs).not.toBe(before.ctimeNs);
    expect(names(await repository.readFile())).toEqual(['Bravo']);
  });

  it('(d) a deleted file reads as an empty list, as without the cache', async () => {
    writeFileSync(file(), profilesJson('Alpha'));
    await settle();
    await readCached();
    unlinkSync(file());
    expect(await repository.read()).toEqual({ file: { version: 1, activeId: null, profiles: [] }, writable: true, problems: [] });
  });

  it('(d) a file corrupted in place is kept aside and reported, as without the cache', async () => {
    writeFileSync(file(), profilesJson('Alpha'));
    await settle();
    await readCached();
    writeFileSync(file(), '{"version":1,"profiles":[{"id":"a"');
    const snapshot = await repository.read();
    expect(snapshot.file.profiles).toEqual([]);
    expect(snapshot.problems[0]).toMatch(/not valid JSON.*kept as profiles\.json\.corrupt-/);
    expect(readdirSync(home).filter((name) => name.startsWith('profiles.json.corrupt-'))).toHaveLength(1);
  });

  it('(d) a file replaced by a symlink to an identical copy is refused, not served from the cache', async () => {
    writeFileSync(file(), profilesJson('Alpha'));
    await settle();
    await readCached();
    const target = path.join(path.dirname(home), 'dotfiles-profiles.json');
    renameSync(file(), target);
    symlinkSync(target, file());
    const snapshot = await repository.read();
    expect(snapshot.file.profiles).toEqual([]);
    expect(snapshot.writable).toBe(false);
    expect(snapshot.problems[0]).toMatch(/symbolic link/);
    expect((await repository.readFile()).profiles).toEqual([]);
    await expect(repository.update((current) => ({ file: { ...current, activeId: null, profiles: [] }, result: undefined }))).rejects.toMatchObject({ code: 'conflict' });
    expect(lstatSync(file()).isSymbolicLink()).toBe(true);
  });

  it('(d) a file replaced by a directory is refused, and read again once it is back', async () => {
    writeFileSync(file(), profilesJson('Alpha'));
    await settle();
    await readCached();
    const aside = path.join(path.dirname(home), 'moved.json');
    renameSync(file(), aside);
    mkdirSync(file());
    expect((await repository.read()).problems[0]).toMatch(/is a directory/);
    rmSync(file(), { recursive: true });
    renameSync(aside, file());
    expect(names(await repository.readFile())).toEqual(['Alpha']);
  });

  it('(d) a file replaced by one from a newer console is left alone and refused', async () => {
    writeFileSync(file(), profilesJson('Alpha'));
    await settle();
    await readCached();
    replaceByRename(JSON.stringify({ version: 2, profiles: [] }));
    const snapshot = await repository.read();
    expect(snapshot.writable).toBe(false);
    expect(snapshot.problems[0]).toMatch(/newer Memory Console/);
  });
});

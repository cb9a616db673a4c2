import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProfileStore } from '../../../electron/profiles/profile-store';
import { createProfilesRepository } from '../../../electron/profiles/profiles-repository';
import { createSessionSecretStore } from '../../../electron/secrets/session-secret-store';
import { identitySettled, regularFileIdentity } from '../../../electron/settings/file-identity';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const child = path.join(import.meta.dirname, 'fixtures', 'profiles-child.ts');

let home: string;
beforeEach(() => {
  home = path.join(mkdtempSync(path.join(os.tmpdir(), 'mc-profiles-int-')), 'console');
});
afterEach(() => rmSync(path.dirname(home), { recursive: true, force: true }));

function runChild(args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...extraEnv, MEMORY_CONSOLE_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on('error', reject);
    proc.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const openStore = () => createProfileStore({ homeDir: home, secrets: createSessionSecretStore() });

describe('profiles.json under real processes', () => {
  it('two processes × 20 edits each: no update is lost', async () => {
    const shared = await openStore().create({ name: 'Shared', baseUrl: 'http://127.0.0.1:8000', environment: 'development' });
    const startAt = { START_AT: String(Date.now() + 2500) };
    const [one, two] = await Promise.all([runChild(['edits', 'one', '20'], startAt), runChild(['edits', 'two', '20'], startAt)]);
    expect(one.stderr).toBe('');
    expect(two.stderr).toBe('');
    expect([one.code, two.code]).toEqual([0, 0]);

    const list = await openStore().list();
    expect(list.problems).toEqual([]);
    const names = list.profiles.map((profile) => profile.name);
    expect(names).toHaveLength(41);
    for (const label of ['one', 'two']) {
      for (let i = 0; i < 20; i++) expect(names).toContain(`${label}-${i}`);
    }
    // Each process's own creations keep their order: every write was applied to the latest file.
    const ones = names.filter((name) => name.startsWith('one-'));
    expect(ones).toEqual(Array.from({ length: 20 }, (_, i) => `one-${i}`));
    const last = list.profiles.find((profile) => profile.id === shared.id)?.notes;
    expect(['one 19', 'two 19']).toContain(last);
    // No lock or temp file is left behind.
    expect(readdirSync(home).sort()).toEqual(['profiles.json']);
  });

  it('a process serving profiles.json from its cache sees the profiles another process adds', async () => {
    await openStore().create({ name: 'Here', baseUrl: 'http://127.0.0.1:8000', environment: 'development' });
    // Until a change is a timestamp tick old the repository does not cache (see identitySettled).
    for (;;) {
      const identity = await regularFileIdentity(path.join(home, 'profiles.json'));
      if (identity === null || identitySettled(identity, Date.now())) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const repository = createProfilesRepository({ homeDir: home });
    const cached = await repository.readFile();
    expect(await repository.readFile()).toBe(cached);

    const other = await runChild(['edits', 'there', '2']);
    expect(other.stderr).toBe('');
    expect(other.code).toBe(0);
    expect((await repository.readFile()).profiles.map((profile) => profile.name)).toEqual(['Here', 'there-0', 'there-1']);
  });

  it('a crash between write and rename leaves the previous file intact; the leftover temp is ignored, then cleaned', async () => {
    const store = openStore();
    const original = await store.create({ name: 'Original name', baseUrl: 'http://127.0.0.1:8000', environment: 'production' });
    const before = readFileSync(path.join(home, 'profiles.json'), 'utf8');

    const crashed = await runChild(['crash-before-rename']);
    expect(crashed.stdout).toContain('about-to-rename');
    expect(crashed.signal).toBe('SIGKILL');

    // The killed process left its lock and its complete-but-unrenamed temp file behind.
    const leftovers = readdirSync(home).filter((name) => name !== 'profiles.json');
    expect(leftovers.some((name) => name.startsWith('.profiles.json.tmp-'))).toBe(true);
    expect(existsSync(path.join(home, 'profiles.json.lock'))).toBe(true);
    expect(readFileSync(path.join(home, 'profiles.json'), 'utf8')).toBe(before);

    // Reading ignores the temp file; the next write breaks the dead process's lock and cleans up.
    expect((await openStore().list()).profiles.map((profile) => profile.name)).toEqual(['Original name']);
    const started = Date.now();
    await openStore().update(original.id, { notes: 'after the crash' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(readdirSync(home)).toEqual(['profiles.json']);
    expect((await openStore().get(original.id))).toMatchObject({ name: 'Original name', notes: 'after the crash' });
  });
});

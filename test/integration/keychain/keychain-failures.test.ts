import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Each failure is reproduced for real in a child process with its own bus, keyring directory and
// HOME, so the parent's D-Bus session and keyring (used by the other keychain tests) are untouched.
const repoRoot = path.resolve(import.meta.dirname, '../../..');
const child = path.join(import.meta.dirname, 'fixtures', 'keychain-child.ts');
const breakKeytar = path.join(import.meta.dirname, 'fixtures', 'break-keytar.mjs');
const roots: string[] = [];

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

interface Scenario {
  readonly root: string;
  readonly home: string;
  readonly secret: string;
  readonly env: NodeJS.ProcessEnv;
}

function scenario(): Scenario {
  const root = mkdtempSync(path.join(os.tmpdir(), 'mc-keychain-fail-'));
  roots.push(root);
  const dirs = { home: path.join(root, 'home'), data: path.join(root, 'data'), run: path.join(root, 'run'), console: path.join(root, 'console') };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const secret = `never-on-disk-${randomBytes(12).toString('hex')}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: dirs.home,
    XDG_DATA_HOME: dirs.data,
    XDG_RUNTIME_DIR: dirs.run,
    XDG_CONFIG_HOME: path.join(dirs.home, '.config'),
    MEMORY_CONSOLE_HOME: dirs.console,
    CHILD_SECRET: secret,
    CHILD_SERVICE: `mc-failure-test-${randomBytes(3).toString('hex')}`,
    NODE_ENV: 'test',
  };
  return { root, home: dirs.console, secret, env };
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(command, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const nodeChild = (extra: readonly string[] = []) => [process.execPath, ...extra, '--import', 'tsx', child].map((part) => `'${part}'`).join(' ');

async function runChild(command: string, args: readonly string[], env: NodeJS.ProcessEnv) {
  const result = await run(command, args, env);
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  let parsed: { status?: { state: string; reason?: string; message?: string; fix?: string }; kind?: string; sessionOnly?: boolean; readBackMatches?: boolean; crashed?: string };
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new Error(`child printed no result (exit ${result.code}): ${result.stdout}\n${result.stderr.slice(-2000)}`);
  }
  return parsed;
}

/** The key was kept in memory only: no file anywhere under the scenario's root contains it. */
function expectSecretNowhereOnDisk(s: Scenario): void {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return walk(full);
      return entry.isFile() ? [full] : [];
    });
  const files = walk(s.root);
  for (const file of files) {
    if (statSync(file).size > 5_000_000) continue;
    expect(readFileSync(file).includes(Buffer.from(s.secret)), `${file} contains the key`).toBe(false);
  }
  // The console home holds the profile metadata and nothing else.
  expect(readdirSync(s.home).sort()).toEqual(['profiles.json']);
  const profiles = readFileSync(path.join(s.home, 'profiles.json'), 'utf8');
  expect(profiles).not.toContain(s.secret);
  expect(JSON.parse(profiles).profiles[0].key).toBeNull();
}

function expectSessionFallback(result: Awaited<ReturnType<typeof runChild>>, reason: string, fix: RegExp): void {
  expect(result.crashed).toBeUndefined();
  expect(result.status).toMatchObject({ state: 'unavailable', reason });
  expect(result.status?.fix).toMatch(fix);
  expect(result.kind).toBe('session-only');
  expect(result.sessionOnly).toBe(true);
  expect(result.readBackMatches).toBe(true);
}

describe('keychain failure modes, reproduced for real', () => {
  it('no D-Bus session bus → no-session-bus, key kept in memory only', async () => {
    const s = scenario();
    // No DBUS_SESSION_BUS_ADDRESS and no DISPLAY: libsecret cannot autolaunch a bus.
    const result = await runChild('bash', ['-c', `exec ${nodeChild()}`], s.env);
    expectSessionFallback(result, 'no-session-bus', /dbus-run-session/);
    expect(result.status?.message).toMatch(/D-Bus/);
    expectSecretNowhereOnDisk(s);
  });

  it('daemon started without --unlock → collection-missing', async () => {
    const s = scenario();
    const script = `gnome-keyring-daemon --components=secrets --daemonize >/dev/null && exec ${nodeChild()}`;
    const result = await runChild('dbus-run-session', ['--', 'bash', '-c', script], s.env);
    expectSessionFallback(result, 'collection-missing', /gnome-keyring-daemon --unlock/);
    expectSecretNowhereOnDisk(s);
  });

  it('existing keyring unlocked with the wrong password → collection-locked', async () => {
    const s = scenario();
    const create = await run('dbus-run-session', ['--', 'bash', '-c', 'printf %s right-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null'], s.env);
    expect(create.code).toBe(0);
    const script = `printf %s wrong-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec ${nodeChild()}`;
    const result = await runChild('dbus-run-session', ['--', 'bash', '-c', script], s.env);
    expectSessionFallback(result, 'collection-locked', /[Uu]nlock your login keyring/);
    expectSecretNowhereOnDisk(s);
  });

  it('a session bus without any Secret Service provider → no-secret-service', async () => {
    const s = scenario();
    const config = path.join(s.root, 'bus-without-services.conf');
    // A session bus with no service directories, so nothing can be activated as org.freedesktop.secrets.
    writeFileSync(
      config,
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:tmpdir=${s.root}</listen><auth>EXTERNAL</auth>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>`,
    );
    const result = await runChild('dbus-run-session', [`--config-file=${config}`, '--', 'bash', '-c', `exec ${nodeChild()}`], s.env);
    expectSessionFallback(result, 'no-secret-service', /gnome-keyring/);
    expectSecretNowhereOnDisk(s);
  });

  it('the native keytar module fails to load → module-load-failed, no crash', async () => {
    const s = scenario();
    const result = await runChild('bash', ['-c', `exec ${nodeChild(['--import', breakKeytar])}`], s.env);
    expectSessionFallback(result, 'module-load-failed', /libsecret/);
    expectSecretNowhereOnDisk(s);
  });
});

import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../../electron/diagnostics/audit-log';
import { keyFingerprint } from '../../../electron/keys/key-fingerprint';
import { createProfileStore, profileKeyAccount, type ProfileStore } from '../../../electron/profiles/profile-store';
import { pendingKeyAccount } from '../../../electron/rotation/key-probe';
import { createRotationService, type CrashPoint, type RotationService } from '../../../electron/rotation/rotation-service';
import { openSecretStore } from '../../../electron/secrets/open-secret-store';
import type { SecretStore } from '../../../electron/secrets/secret-store';
import { spawnMemoryServer, type SpawnedMemoryServer } from '../../memory-server';

/**
 * The rotation against real parts: the OS keychain (gnome-keyring over the private D-Bus session),
 * the local memory service restarted with a new key on the same data and port, the diagnostics'
 * own probes over HTTP, and a child process killed with SIGKILL in each window of the finishing
 * moves. After every kill a key the server accepts is in the keychain, and reopening completes.
 */

const run = promisify(execFile);
const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'rotation-child.ts');
const keychainService = `${process.env['MEMORY_CONSOLE_KEYCHAIN_SERVICE'] ?? 'Memory Console (test)'} / rotation ${process.pid}-${randomBytes(3).toString('hex')}`;
const newKey = () => `itestFAKE${randomBytes(18).toString('hex')}`;

let root: string;
let home: string;
let userHome: string;
let secrets: SecretStore;
let profiles: ProfileStore;
let rotation: RotationService;
let server: SpawnedMemoryServer;
let dataDir: string;
let profileId: string;
let activeKey: string;

function open(): RotationService {
  rotation?.close();
  profiles = createProfileStore({ homeDir: home, secrets });
  rotation = createRotationService({ homeDir: home, secrets, profiles, audit: createAuditLog({ homeDir: home }), userHome: () => userHome, pollIntervalMs: 200 });
  return rotation;
}

async function restartServer(key: string): Promise<void> {
  const port = server.port;
  await server.stop();
  server = await spawnMemoryServer({ apiKey: key, dataDir, port });
}

async function accepted(key: string): Promise<boolean> {
  const response = await fetch(`${server.url}/api/health/detailed`, { headers: { Authorization: `Bearer ${key}` } });
  return response.status === 200;
}

async function profileSecrets(): Promise<string[]> {
  return [await secrets.get(profileKeyAccount(profileId)), await secrets.get(pendingKeyAccount(profileId))].filter((key): key is string => key !== null);
}

async function expectWorkingKey(): Promise<void> {
  const working = [];
  for (const key of await profileSecrets()) if (await accepted(key)) working.push(key);
  expect(working.length, 'a key the server accepts is in the keychain').toBeGreaterThan(0);
}

/** Runs one action in a child that dies (SIGKILL) at `point`. */
async function dieAt(point: CrashPoint, ...args: string[]): Promise<void> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, point, ...args], {
    env: { ...process.env, MEMORY_CONSOLE_HOME: home, MEMORY_CONSOLE_KEYCHAIN_SERVICE: keychainService, PROFILE_ID: profileId },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const signal = await new Promise<NodeJS.Signals | null>((resolve) => proc.once('exit', (_code, sig) => resolve(sig)));
  expect(signal, `child output:\n${output}`).toBe('SIGKILL');
  expect(output).toContain(`dying at ${point}`);
}

/** A rotation from the current key to `next`, up to ready-to-commit, with the server restarted on it. */
async function readyToCommit(next: string): Promise<void> {
  const service = open();
  await service.start(profileId, 'scheduled');
  await service.newKey(profileId, { kind: 'paste', key: next });
  await service.serverUpdated(profileId, 'dotenv', 30);
  await restartServer(next);
  for (let waited = 0; (await service.get(profileId))?.step !== 'update-clients'; waited += 100) {
    if (waited > 20_000) throw new Error('the new key was not accepted in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await service.clientsDone(profileId, true);
  expect((await service.checkOldKey(profileId)).step).toBe('ready-to-commit');
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'mc-rotation-int-'));
  home = path.join(root, 'console');
  userHome = path.join(root, 'user');
  dataDir = path.join(root, 'data');
  mkdirSync(userHome, { recursive: true });
  const opened = await openSecretStore({ service: keychainService });
  if (opened.status.state !== 'available') throw new Error(`The keychain is not available here: ${opened.status.message}`);
  secrets = opened.store;
  activeKey = newKey();
  server = await spawnMemoryServer({ apiKey: activeKey, dataDir, seed: 3 });
  open();
  profileId = (await profiles.create({ name: 'Integration', baseUrl: server.url, environment: 'production' })).id;
  await profiles.setKey(profileId, activeKey, { source: 'pasted' });
});

afterAll(async () => {
  rotation?.close();
  await server?.stop();
  if (secrets) for (const account of await secrets.list()) await secrets.delete(account);
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('a restart-swap rotation against the local memory service and the real keychain', () => {
  it('verifies over HTTP, changes the server .env, and commits: the keychain holds only the new key', async () => {
    const next = newKey();
    const env = path.join(userHome, '.mcp-memory', '.env');
    mkdirSync(path.dirname(env), { recursive: true });
    writeFileSync(env, `MCP_API_KEY=${activeKey}\n`, { mode: 0o600 });
    const service = open();
    await service.start(profileId, 'scheduled');
    await service.newKey(profileId, { kind: 'paste', key: next });
    const preview = await service.previewServerFile(profileId, 'dotenv');
    await service.applyServerFile(profileId, 'dotenv', env, preview.sha256);
    // The console polls while the server still has the old key: the new one is refused (401).
    await service.serverUpdated(profileId, 'dotenv', 30);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const refused = await service.get(profileId);
    expect(refused?.verification).toMatchObject({ state: 'polling', last: 'rejected' });
    await restartServer(/^MCP_API_KEY=(.*)$/m.exec(readFileSync(env, 'utf8'))![1]!);
    for (let waited = 0; (await service.get(profileId))?.step !== 'update-clients'; waited += 100) {
      if (waited > 20_000) throw new Error('the new key was not accepted in time');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await service.get(profileId))?.overlap).toBe(false);
    await service.clientsDone(profileId, true);
    expect(await service.checkOldKey(profileId)).toMatchObject({ step: 'ready-to-commit', oldKeyCheck: { verdict: 'rejected' } });
    await service.commit(profileId);

    const { stdout, stderr } = await run('secret-tool', ['search', '--all', '--unlock', 'service', keychainService]);
    expect(stderr).toContain(`attribute.account = ${profileKeyAccount(profileId)}`);
    expect(stderr).not.toContain(pendingKeyAccount(profileId));
    expect(stdout).toContain(`secret = ${next}`);
    expect(stdout).not.toContain(activeKey);
    expect((await profiles.get(profileId)).key?.fingerprint).toBe(keyFingerprint(next));
    activeKey = next;
  });
});

describe('SIGKILL in each window, then reopening', () => {
  for (const point of ['new-key:after-keychain', 'new-key:after-state'] as const) {
    it(`${point}: the active key keeps working; the wizard resumes`, async () => {
      const service = open();
      await service.start(profileId, 'scheduled');
      await dieAt(point, 'new-key', newKey());
      await expectWorkingKey();
      const resumed = await open().get(profileId);
      expect(resumed?.step).toBe(point === 'new-key:after-keychain' ? 'new-key' : 'update-server');
      await rotation.rollback(profileId, false);
      expect(await secrets.get(pendingKeyAccount(profileId))).toBeNull();
      expect(await secrets.get(profileKeyAccount(profileId))).toBe(activeKey);
    });
  }

  for (const point of ['commit:after-marker', 'commit:after-activate', 'commit:after-drop-pending'] as const) {
    it(`${point}: the new key (the only one the server accepts) is never lost, and the commit completes`, async () => {
      const next = newKey();
      await readyToCommit(next);
      await dieAt(point, 'commit');
      await expectWorkingKey();
      expect(await open().get(profileId)).toBeNull();
      expect(await profileSecrets()).toEqual([next]);
      expect((await profiles.get(profileId)).key?.fingerprint).toBe(keyFingerprint(next));
      activeKey = next;
    }, 45_000);
  }

  it('rollback:after-restore: reopening finishes the rollback; the active key is untouched', async () => {
    const service = open();
    await service.start(profileId, 'scheduled');
    await service.newKey(profileId, { kind: 'paste', key: newKey() });
    await dieAt('rollback:after-restore', 'rollback');
    await expectWorkingKey();
    expect(await open().get(profileId)).toBeNull();
    expect(await profileSecrets()).toEqual([activeKey]);
  });
});

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keyFingerprint } from '../../../electron/keys/key-fingerprint';
import type { CrashPoint } from '../../../electron/rotation/rotation-service';
import { createHarness, eventually, SimulatedCrash, type Harness } from './harness';

/**
 * Every window between a keychain write and a state-file write (and around file changes): the
 * process "dies" there (the crash hook throws and the service is dropped), a new one opens the same
 * home and keychain, and then: a key the server accepts is still in the keychain, the wizard is at
 * the step the state says, and finishing moves that had begun are completed.
 */

let h: Harness;
afterEach(() => h?.cleanup());

const envText = (key: string) => `MCP_HTTP_PORT=8000\nMCP_API_KEY=${key}\n`;

async function crashAt(point: CrashPoint, run: () => Promise<unknown>): Promise<void> {
  await expect(run()).rejects.toBeInstanceOf(SimulatedCrash);
  // The process is gone: its keychain and files are as it left them.
  expect(h.workingKeys().length, `a working key in the keychain right after ${point}`).toBeGreaterThan(0);
}

function harnessCrashingAt(point: CrashPoint) {
  let fired = false;
  return createHarness({
    crashPoint: (at) => {
      if (at === point && !fired) {
        fired = true;
        throw new SimulatedCrash(at);
      }
    },
  });
}

async function generated(): Promise<string> {
  await h.service.start(h.profileId, 'scheduled');
  return (await h.service.newKey(h.profileId, { kind: 'generate', format: 'base64url-32' })).key!;
}

async function applyEnv(): Promise<string> {
  const file = h.writeUserFile('.mcp-memory/.env', envText(h.oldKey));
  const preview = await h.service.previewServerFile(h.profileId, 'dotenv');
  await h.service.applyServerFile(h.profileId, 'dotenv', file, preview.sha256);
  return file;
}

async function toReadyToCommit(): Promise<string> {
  const newKey = await generated();
  await applyEnv();
  await h.service.serverUpdated(h.profileId, 'dotenv', 30);
  h.server.accepted = new Set([newKey]);
  await eventually(async () => ((await h.service.get(h.profileId))?.step === 'update-clients' ? true : null));
  await h.service.clientsDone(h.profileId, true);
  await h.service.checkOldKey(h.profileId);
  return newKey;
}

describe('step 1: storing the new key', () => {
  it('new-key:after-keychain — the unrecorded new key (never shown) is dropped; the wizard is back at step 1', async () => {
    h = await harnessCrashingAt('new-key:after-keychain');
    await h.service.start(h.profileId, 'scheduled');
    await crashAt('new-key:after-keychain', () => h.service.newKey(h.profileId, { kind: 'generate', format: 'hex-32' }));
    expect(h.pendingKey()).toBeDefined();
    const view = await h.reopen().get(h.profileId);
    expect(view).toMatchObject({ step: 'new-key', newKey: null });
    expect(h.pendingKey()).toBeUndefined();
    expect(h.activeKey()).toBe(h.oldKey);
  });

  it('new-key:after-state — the new key is recorded and kept; the wizard resumes at step 2 and can still reveal it', async () => {
    h = await harnessCrashingAt('new-key:after-state');
    await h.service.start(h.profileId, 'scheduled');
    await crashAt('new-key:after-state', () => h.service.newKey(h.profileId, { kind: 'generate', format: 'hex-32' }));
    const pending = h.pendingKey()!;
    const service = h.reopen();
    expect(await service.get(h.profileId)).toMatchObject({ step: 'update-server', newKey: { fingerprint: keyFingerprint(pending) } });
    const recipe = await service.serverRecipe(h.profileId, 'dotenv', true, {});
    expect(recipe.steps.map((step) => step.text).join('\n')).toContain(pending);
  });

  it('new-key:after-discard — replacing a new key forgets the first in the state before the keychain changes', async () => {
    h = await harnessCrashingAt('new-key:after-discard');
    await generated();
    await crashAt('new-key:after-discard', () => h.service.newKey(h.profileId, { kind: 'generate', format: 'hex-32' }));
    const view = await h.reopen().get(h.profileId);
    expect(view).toMatchObject({ step: 'new-key', newKey: null });
    expect(h.pendingKey()).toBeUndefined();
    expect(h.activeKey()).toBe(h.oldKey);
  });
});

describe('step 2 and 4: changing a file', () => {
  it('apply:after-backup — the file is untouched and not recorded; the stray backup goes when the rotation ends', async () => {
    h = await harnessCrashingAt('apply:after-backup');
    await generated();
    await crashAt('apply:after-backup', applyEnv);
    const service = h.reopen();
    expect((await service.get(h.profileId))?.serverChanges).toEqual([]);
    expect(readFileSync(path.join(h.userHome, '.mcp-memory', '.env'), 'utf8')).toBe(envText(h.oldKey));
    await service.rollback(h.profileId, false);
    expect(existsSync(path.join(h.consoleHome, 'rotations', `${h.profileId}.backups`))).toBe(false);
  });

  it('apply:after-record — recorded as being written but not written: settled as never changed', async () => {
    h = await harnessCrashingAt('apply:after-record');
    await generated();
    await crashAt('apply:after-record', applyEnv);
    const view = await h.reopen().get(h.profileId);
    expect(view?.serverChanges).toEqual([]);
    expect(readFileSync(path.join(h.userHome, '.mcp-memory', '.env'), 'utf8')).toBe(envText(h.oldKey));
    expect(readdirSync(path.join(h.consoleHome, 'rotations', `${h.profileId}.backups`))).toEqual([]);
  });

  it('apply:after-write — written but not yet marked: settled as written, and a rollback restores it', async () => {
    h = await harnessCrashingAt('apply:after-write');
    const newKey = await generated();
    await crashAt('apply:after-write', applyEnv);
    const service = h.reopen();
    const view = await service.get(h.profileId);
    expect(view?.serverChanges).toMatchObject([{ state: 'written', format: 'dotenv' }]);
    expect(readFileSync(path.join(h.userHome, '.mcp-memory', '.env'), 'utf8')).toBe(envText(newKey));
    await service.rollback(h.profileId, false);
    expect(readFileSync(path.join(h.userHome, '.mcp-memory', '.env'), 'utf8')).toBe(envText(h.oldKey));
  });
});

describe('step 6: commit', () => {
  for (const point of ['commit:after-marker', 'commit:after-activate', 'commit:after-drop-pending'] as const) {
    it(`${point} — reopening completes the commit: the new key is active, the pending one gone`, async () => {
      h = await harnessCrashingAt(point);
      const newKey = await toReadyToCommit();
      await crashAt(point, () => h.service.commit(h.profileId));
      expect([h.activeKey(), h.pendingKey()]).toContain(newKey);
      const service = h.reopen();
      expect(await service.get(h.profileId)).toBeNull();
      expect(h.activeKey()).toBe(newKey);
      expect(h.pendingKey()).toBeUndefined();
      expect((await h.profiles.get(h.profileId)).key).toMatchObject({ fingerprint: keyFingerprint(newKey), rotatedFrom: keyFingerprint(h.oldKey) });
      const events = (await h.audit.list({ profileId: h.profileId, limit: 100 })).entries.map((entry) => entry.event);
      expect(events.filter((event) => event === 'rotation-committed')).toHaveLength(1);
    });
  }
});

describe('rollback', () => {
  for (const point of ['rollback:after-marker', 'rollback:after-restore', 'rollback:after-drop-pending'] as const) {
    it(`${point} — reopening completes the rollback: files restored, the new key gone, the old key active`, async () => {
      h = await harnessCrashingAt(point);
      await generated();
      const file = await applyEnv();
      await crashAt(point, () => h.service.rollback(h.profileId, false));
      const service = h.reopen();
      expect(await service.get(h.profileId)).toBeNull();
      expect(readFileSync(file, 'utf8')).toBe(envText(h.oldKey));
      expect(h.activeKey()).toBe(h.oldKey);
      expect(h.pendingKey()).toBeUndefined();
      expect(existsSync(path.join(h.consoleHome, 'rotations', `${h.profileId}.backups`))).toBe(false);
    });
  }
});

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RotationView } from '../../../electron/contract';
import { keyFingerprint } from '../../../electron/keys/key-fingerprint';
import { profileKeyAccount } from '../../../electron/profiles/profile-store';
import { pendingKeyAccount } from '../../../electron/rotation/key-probe';
import { createHarness, eventually, fakeKey, type Harness } from './harness';

let h: Harness;
afterEach(() => h?.cleanup());

const claudeDesktop = (key: string) =>
  `${JSON.stringify(
    {
      mcpServers: {
        memory: {
          command: 'node',
          args: ['/opt/mcp-memory-service/examples/http-mcp-bridge.js'],
          env: { MCP_MEMORY_HTTP_ENDPOINT: 'https://memory.local:8000/api', MCP_MEMORY_API_KEY: key, MCP_MEMORY_AUTO_DISCOVER: 'false' },
        },
        remote: { url: 'https://memory.local:8000/mcp', headers: { Authorization: `Bearer ${key}` } },
        other: { command: 'other-server', env: { OTHER_TOKEN: 'unrelated-value' } },
      },
    },
    null,
    2,
  )}\n`;
const hooksConfig = (key: string) => `${JSON.stringify({ memoryService: { http: { endpoint: 'https://memory.local:8000', apiKey: key } } }, null, 2)}\n`;

function everyFileUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** No file the console wrote (state, backups excepted while a rotation runs, audit) holds a key. */
function consoleFilesHolding(key: string, options: { readonly includeBackups?: boolean } = {}): string[] {
  return everyFileUnder(h.consoleHome).filter((file) => (options.includeBackups || !file.includes('.backups')) && readFileSync(file, 'utf8').includes(key));
}

interface Flow {
  readonly overlap?: boolean;
  readonly serverFile?: boolean;
  readonly clients?: boolean;
}

async function startWithNewKey(): Promise<string> {
  await h.service.start(h.profileId, 'scheduled');
  const answer = await h.service.newKey(h.profileId, { kind: 'generate', format: 'base64url-32' });
  expect(answer.key).not.toBeNull();
  return answer.key!;
}

async function verifyWithServer(newKey: string, overlap: boolean): Promise<RotationView> {
  await h.service.serverUpdated(h.profileId, overlap ? 'gateway-two-keys' : 'dotenv', 30);
  if (overlap) h.server.accepted.add(newKey);
  else h.server.accepted = new Set([newKey]);
  return eventually(async () => {
    const view = await h.service.get(h.profileId);
    return view?.step === 'update-clients' ? view : null;
  });
}

/** Runs the wizard up to (and including) `until`, returning the new key. */
async function runUntil(until: 'new-key' | 'server-file' | 'verified' | 'clients' | 'old-key-dead', flow: Flow = {}): Promise<string> {
  const newKey = await startWithNewKey();
  if (until === 'new-key') return newKey;
  if (flow.serverFile !== false) {
    const env = h.writeUserFile('.mcp-memory/.env', `# memory service\nMCP_HTTP_PORT=8000\nMCP_API_KEY=${h.oldKey}\n`);
    const preview = await h.service.previewServerFile(h.profileId, 'dotenv');
    await h.service.applyServerFile(h.profileId, 'dotenv', env, preview.sha256);
  }
  if (until === 'server-file') return newKey;
  await verifyWithServer(newKey, flow.overlap ?? false);
  if (until === 'verified') return newKey;
  if (flow.clients !== false) {
    h.writeUserFile('.config/Claude/claude_desktop_config.json', claudeDesktop(h.oldKey));
    h.writeUserFile('.claude/hooks/config.json', hooksConfig(h.oldKey));
    const scan = await h.service.scanClients(h.profileId, []);
    await h.service.updateClients(h.profileId, scan.files.map((file) => ({ path: file.path, sha256: file.sha256 })));
  }
  await h.service.clientsDone(h.profileId, flow.clients === false);
  if (until === 'clients') return newKey;
  if (flow.overlap) h.server.accepted.delete(h.oldKey);
  const checked = await h.service.checkOldKey(h.profileId);
  expect(checked.step).toBe('ready-to-commit');
  return newKey;
}

describe('a restart-swap rotation from start to commit', () => {
  it('keeps the active key until commit, changes server and client files, then makes the new key active', async () => {
    h = await createHarness();
    const started = await h.service.start(h.profileId, 'scheduled');
    expect(started).toMatchObject({ step: 'new-key', stepNumber: 1, mode: 'scheduled', activeKey: { fingerprint: keyFingerprint(h.oldKey) }, newKey: null, checklist: [] });

    const answer = await h.service.newKey(h.profileId, { kind: 'generate', format: 'base64url-32' });
    const newKey = answer.key!;
    expect(newKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(answer.rotation).toMatchObject({ step: 'update-server', newKey: { fingerprint: keyFingerprint(newKey), source: 'generated' } });
    expect(h.pendingKey()).toBe(newKey);
    expect(h.activeKey()).toBe(h.oldKey);
    expect(JSON.stringify(answer.rotation)).not.toContain(newKey);

    // Step 2: the recipe holds the key only when revealed.
    const hidden = await h.service.serverRecipe(h.profileId, 'systemd-user', false, {});
    expect(JSON.stringify(hidden)).not.toContain(newKey);
    const revealed = await h.service.serverRecipe(h.profileId, 'systemd-user', true, {});
    expect(revealed.steps.some((step) => step.text === `Environment=MCP_API_KEY=${newKey}`)).toBe(true);

    const envFile = h.writeUserFile('.mcp-memory/.env', `MCP_HTTP_PORT=8000\nMCP_API_KEY=${h.oldKey}\n`);
    const preview = await h.service.previewServerFile(h.profileId, 'dotenv');
    expect(preview).toMatchObject({ path: envFile, displayPath: path.join('~', '.mcp-memory', '.env'), fields: ['line 2 (MCP_API_KEY)'] });
    expect(preview.diff).toEqual([
      { kind: 'removed', line: 2, text: `MCP_API_KEY=‹old key ${keyFingerprint(h.oldKey)}›` },
      { kind: 'added', line: 2, text: `MCP_API_KEY=‹new key ${keyFingerprint(newKey)}›` },
    ]);
    const applied = await h.service.applyServerFile(h.profileId, 'dotenv', envFile, preview.sha256);
    expect(applied.serverChanges).toMatchObject([{ path: envFile, state: 'written', format: 'dotenv' }]);
    expect(readFileSync(envFile, 'utf8')).toBe(`MCP_HTTP_PORT=8000\nMCP_API_KEY=${newKey}\n`);

    // Step 3: the server restarts with the new key while the console polls.
    h.server.down = true;
    const polling = await h.service.serverUpdated(h.profileId, 'dotenv', 30);
    expect(polling.step).toBe('verify');
    await eventually(async () => ((await h.service.get(h.profileId))?.verification.state === 'polling' ? true : null));
    h.server.accepted = new Set([newKey]);
    h.server.down = false;
    const verified = await eventually(async () => {
      const view = await h.service.get(h.profileId);
      return view?.step === 'update-clients' ? view : null;
    });
    expect(verified).toMatchObject({ overlap: false, verification: { state: 'accepted', overlap: false } });

    // Step 4: clients found by the old key.
    const desktop = h.writeUserFile('.config/Claude/claude_desktop_config.json', claudeDesktop(h.oldKey));
    const hooks = h.writeUserFile('.claude/hooks/config.json', hooksConfig(h.oldKey));
    const scan = await h.service.scanClients(h.profileId, []);
    expect(scan.files.map((file) => [file.format, file.fields])).toEqual([
      ['claude-desktop', ['mcpServers.memory.env.MCP_MEMORY_API_KEY', 'mcpServers.remote.headers.Authorization']],
      ['claude-hooks', ['memoryService.http.apiKey']],
    ]);
    expect(JSON.stringify(scan)).not.toContain(newKey);
    expect(JSON.stringify(scan)).not.toContain(h.oldKey);
    await h.service.updateClients(h.profileId, scan.files.map((file) => ({ path: file.path, sha256: file.sha256 })));
    expect(readFileSync(desktop, 'utf8')).toBe(claudeDesktop(newKey));
    expect(readFileSync(hooks, 'utf8')).toBe(hooksConfig(newKey));
    await h.service.clientsDone(h.profileId, false);

    // Step 5 and 6.
    const dead = await h.service.checkOldKey(h.profileId);
    expect(dead).toMatchObject({ step: 'ready-to-commit', oldKeyCheck: { verdict: 'rejected' } });
    expect(consoleFilesHolding(newKey)).toEqual([]);
    expect(consoleFilesHolding(h.oldKey)).toEqual([]);
    const committed = await h.service.commit(h.profileId);
    expect(committed).toMatchObject({ previousFingerprint: keyFingerprint(h.oldKey), newFingerprint: keyFingerprint(newKey) });
    expect(committed.profile.key).toMatchObject({ fingerprint: keyFingerprint(newKey), source: 'generated', rotatedFrom: keyFingerprint(h.oldKey) });
    expect(committed.profile.key?.rotatedAt).toBeDefined();
    expect(h.activeKey()).toBe(newKey);
    expect(h.pendingKey()).toBeUndefined();
    expect(await h.service.get(h.profileId)).toBeNull();
    // Nothing of either key is left in the console's files, backups included.
    expect(consoleFilesHolding(newKey, { includeBackups: true })).toEqual([]);
    expect(consoleFilesHolding(h.oldKey, { includeBackups: true })).toEqual([]);
    expect(existsSync(path.join(h.consoleHome, 'rotations', `${h.profileId}.backups`))).toBe(false);

    const audit = await h.audit.list({ profileId: h.profileId, limit: 50 });
    const events = audit.entries.map((entry) => entry.event).reverse();
    expect(events.filter((event) => event.startsWith('rotation'))).toEqual([
      'rotation-started',
      'rotation-step',
      'rotation-step',
      'rotation-step',
      'rotation-step',
      'rotation-step',
      'rotation-committed',
    ]);
    const committedEntry = audit.entries.find((entry) => entry.event === 'rotation-committed')!;
    expect(committedEntry.keyFingerprint).toBe(keyFingerprint(newKey));
    expect(committedEntry.detail).toContain(keyFingerprint(h.oldKey));
    expect(committedEntry.detail).toContain('restart swap');
  });

  it('detects overlap when the server accepts both keys, and waits in step 5 until the old one is removed', async () => {
    h = await createHarness();
    const newKey = await runUntil('verified', { overlap: true, serverFile: false });
    const view = await h.service.get(h.profileId);
    expect(view).toMatchObject({ overlap: true, verification: { state: 'accepted', overlap: true } });
    await h.service.clientsDone(h.profileId, true);
    const still = await h.service.checkOldKey(h.profileId);
    expect(still).toMatchObject({ step: 'retire-old', oldKeyCheck: { verdict: 'accepted' } });
    await expect(h.service.commit(h.profileId)).rejects.toMatchObject({ code: 'conflict' });
    h.server.accepted.delete(h.oldKey);
    expect((await h.service.checkOldKey(h.profileId)).step).toBe('ready-to-commit');
    await h.service.commit(h.profileId);
    expect(h.activeKey()).toBe(newKey);
    const audit = await h.audit.list({ profileId: h.profileId, limit: 50 });
    expect(audit.entries.find((entry) => entry.event === 'rotation-committed')?.detail).toContain('overlap');
  });

  it('refuses to commit when the new key stopped working or the old one works again', async () => {
    h = await createHarness();
    const newKey = await runUntil('old-key-dead');
    h.server.accepted = new Set([h.oldKey]);
    await expect(h.service.commit(h.profileId)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('does not accept the new key') });
    h.server.accepted = new Set([newKey, h.oldKey]);
    await expect(h.service.commit(h.profileId)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('not proven dead') });
    expect((await h.service.get(h.profileId))?.step).toBe('retire-old');
    expect(h.activeKey()).toBe(h.oldKey);
  });
});

describe('rules of the wizard', () => {
  it('allows one rotation per profile, needs a stored key and refuses actions out of order', async () => {
    h = await createHarness();
    await expect(h.service.newKey(h.profileId, { kind: 'generate', format: 'hex-32' })).rejects.toMatchObject({ code: 'not-found' });
    await h.service.start(h.profileId, 'scheduled');
    await expect(h.service.start(h.profileId, 'emergency')).rejects.toMatchObject({ code: 'conflict' });
    await expect(h.service.commit(h.profileId)).rejects.toMatchObject({ code: 'conflict' });
    await expect(h.service.checkOldKey(h.profileId)).rejects.toMatchObject({ code: 'conflict' });
    await expect(h.service.serverRecipe(h.profileId, 'dotenv', false, {})).rejects.toMatchObject({ code: 'conflict' });
    const bare = await h.profiles.create({ name: 'No key', baseUrl: 'http://127.0.0.1:9000', environment: 'staging' });
    await expect(h.service.start(bare.id, 'scheduled')).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('checks a pasted key with the guide’s policy and refuses the current key', async () => {
    h = await createHarness();
    await h.service.start(h.profileId, 'scheduled');
    await expect(h.service.newKey(h.profileId, { kind: 'paste', key: 'short' })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(h.service.newKey(h.profileId, { kind: 'paste', key: h.oldKey })).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('same as the current') });
    const pasted = fakeKey('paste');
    const answer = await h.service.newKey(h.profileId, { kind: 'paste', key: `  ${pasted}\n` });
    expect(answer.key).toBeNull();
    expect(answer.rotation.newKey).toMatchObject({ source: 'pasted', fingerprint: keyFingerprint(pasted) });
    expect(h.pendingKey()).toBe(pasted);
  });

  it('replaces the new key while the server has not been changed, and not after', async () => {
    h = await createHarness();
    const first = await startWithNewKey();
    const second = (await h.service.newKey(h.profileId, { kind: 'generate', format: 'hex-32' })).key!;
    expect(second).not.toBe(first);
    expect(h.pendingKey()).toBe(second);
    h.writeUserFile('.mcp-memory/.env', `MCP_API_KEY=${h.oldKey}\n`);
    const preview = await h.service.previewServerFile(h.profileId, 'dotenv');
    await h.service.applyServerFile(h.profileId, 'dotenv', preview.path, preview.sha256);
    await expect(h.service.newKey(h.profileId, { kind: 'generate', format: 'hex-32' })).rejects.toMatchObject({ code: 'conflict' });
    expect(h.pendingKey()).toBe(second);
  });

  it('refuses to apply a server file that changed since its preview, and changes nothing', async () => {
    h = await createHarness();
    await startWithNewKey();
    const file = h.writeUserFile('.mcp-memory/.env', `MCP_API_KEY=${h.oldKey}\n`);
    const preview = await h.service.previewServerFile(h.profileId, 'dotenv');
    writeFileSync(file, `# edited\nMCP_API_KEY=${h.oldKey}\n`);
    await expect(h.service.applyServerFile(h.profileId, 'dotenv', file, preview.sha256)).rejects.toMatchObject({ code: 'conflict' });
    expect(readFileSync(file, 'utf8')).toBe(`# edited\nMCP_API_KEY=${h.oldKey}\n`);
    expect((await h.service.get(h.profileId))?.serverChanges).toEqual([]);
  });

  it('refuses a server file that does not hold the current key', async () => {
    h = await createHarness();
    await startWithNewKey();
    h.writeUserFile('.mcp-memory/.env', `MCP_API_KEY=${fakeKey('other')}\n`);
    await expect(h.service.previewServerFile(h.profileId, 'dotenv')).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('does not appear') });
  });

  it('changes no client file when one of them changed since the scan', async () => {
    h = await createHarness();
    await runUntil('verified', { serverFile: false });
    const desktop = h.writeUserFile('.config/Claude/claude_desktop_config.json', claudeDesktop(h.oldKey));
    const hooks = h.writeUserFile('.claude/hooks/config.json', hooksConfig(h.oldKey));
    const scan = await h.service.scanClients(h.profileId, []);
    writeFileSync(hooks, hooksConfig(h.oldKey).replace('memory.local', 'memory.example'));
    await expect(h.service.updateClients(h.profileId, scan.files.map((file) => ({ path: file.path, sha256: file.sha256 })))).rejects.toMatchObject({ code: 'conflict' });
    expect(readFileSync(desktop, 'utf8')).toBe(claudeDesktop(h.oldKey));
  });

  it('times out and can be cancelled; going back to step 2 is allowed from verification', async () => {
    h = await createHarness();
    await startWithNewKey();
    await h.service.serverUpdated(h.profileId, 'dotenv', 30);
    await eventually(async () => ((await h.service.get(h.profileId))?.verification.state === 'polling' ? true : null));
    const cancelled = await h.service.cancelVerify(h.profileId);
    expect(cancelled.verification).toMatchObject({ state: 'cancelled' });
    expect((await h.service.back(h.profileId)).step).toBe('update-server');
    expect((await h.service.back(h.profileId)).step).toBe('new-key');
    expect(h.pendingKey()).toBeDefined();
  });

  it('records the emergency checklist and leak scans, with the key never in the audit log', async () => {
    h = await createHarness();
    const started = await h.service.start(h.profileId, 'emergency');
    expect(started.checklist.map((entry) => [entry.item, entry.doneAt])).toEqual([
      ['audit-logs', null],
      ['notify', null],
      ['review', null],
    ]);
    const ticked = await h.service.checklist(h.profileId, 'notify', true);
    expect(ticked.checklist.find((entry) => entry.item === 'notify')?.doneAt).not.toBeNull();
    h.writeUserFile('projects/app/.env', `API=1\nMCP_API_KEY=${h.oldKey}\n`);
    h.writeUserFile('projects/app/notes.md', `curl -H "Authorization: Bearer ${h.oldKey}" http://x\n`);
    const result = await h.service.leakScan(h.profileId, [path.join(h.userHome, 'projects')]);
    expect(result.findings.map((finding) => [path.basename(finding.path), finding.line])).toEqual([
      ['.env', 2],
      ['notes.md', 1],
    ]);
    expect(JSON.stringify(result)).not.toContain(h.oldKey);
    const view = await h.service.get(h.profileId);
    expect(view?.leakScans).toMatchObject([{ folders: 1, findings: 2 }]);
    const audit = readFileSync(path.join(h.consoleHome, 'audit.log'), 'utf8');
    expect(audit).toContain('rotation-checklist');
    expect(audit).toContain('rotation-leak-scan');
    expect(audit).not.toContain(h.oldKey);
  });
});

describe('rollback', () => {
  const points = ['new-key', 'server-file', 'verified', 'clients', 'old-key-dead'] as const;
  for (const until of points) {
    it(`from ${until}: restores every file, drops the new key, keeps the active key untouched`, async () => {
      h = await createHarness();
      // Overlap, so the old key still works and a rollback is safe without forcing.
      const newKey = await runUntil(until, { overlap: true });
      if (until === 'old-key-dead') h.server.accepted.add(h.oldKey);
      const files = [
        ['.mcp-memory/.env', `# memory service\nMCP_HTTP_PORT=8000\nMCP_API_KEY=${h.oldKey}\n`],
        ['.config/Claude/claude_desktop_config.json', claudeDesktop(h.oldKey)],
        ['.claude/hooks/config.json', hooksConfig(h.oldKey)],
      ] as const;
      const result = await h.service.rollback(h.profileId, false);
      expect(result.keptBackups).toEqual([]);
      for (const [relative, original] of files) {
        const file = path.join(h.userHome, relative);
        if (existsSync(file)) expect(readFileSync(file, 'utf8')).toBe(original);
      }
      expect(h.activeKey()).toBe(h.oldKey);
      expect(h.pendingKey()).toBeUndefined();
      expect(h.keychain.items.has(pendingKeyAccount(h.profileId))).toBe(false);
      expect(await h.service.get(h.profileId)).toBeNull();
      expect(consoleFilesHolding(newKey, { includeBackups: true })).toEqual([]);
      expect(consoleFilesHolding(h.oldKey, { includeBackups: true })).toEqual([]);
      expect((await h.profiles.get(h.profileId)).key?.fingerprint).toBe(keyFingerprint(h.oldKey));
    });
  }

  it('will not drop the new key while the server accepts only it, unless forced', async () => {
    h = await createHarness();
    const newKey = await runUntil('verified');
    await expect(h.service.rollback(h.profileId, false)).rejects.toMatchObject({ code: 'conflict', detail: expect.stringContaining('.env') });
    expect(h.pendingKey()).toBe(newKey);
    // The user puts the old key back on the server: then the rollback goes through.
    h.server.accepted = new Set([h.oldKey]);
    await h.service.rollback(h.profileId, false);
    expect(h.pendingKey()).toBeUndefined();
  });

  it('leaves a file changed by someone else alone and keeps its backup', async () => {
    h = await createHarness();
    await runUntil('server-file');
    const env = path.join(h.userHome, '.mcp-memory', '.env');
    writeFileSync(env, 'MCP_API_KEY=edited-by-hand-after-the-console\n');
    const result = await h.service.rollback(h.profileId, false);
    expect(result.restored).toEqual([]);
    expect(result.keptBackups).toHaveLength(1);
    expect(readFileSync(result.keptBackups[0]!.backupPath, 'utf8')).toContain(h.oldKey);
    expect(readFileSync(env, 'utf8')).toBe('MCP_API_KEY=edited-by-hand-after-the-console\n');
  });
});

describe('the state on disk', () => {
  it('holds fingerprints only, is written after every step, and survives a reopen', async () => {
    h = await createHarness();
    const newKey = await runUntil('clients');
    const stateFile = path.join(h.consoleHome, 'rotations', `${h.profileId}.json`);
    const text = readFileSync(stateFile, 'utf8');
    expect(text).not.toContain(newKey);
    expect(text).not.toContain(h.oldKey);
    expect(JSON.parse(text)).toMatchObject({ version: 1, step: 'retire-old', pending: { fingerprint: keyFingerprint(newKey) } });
    const reopened = h.reopen();
    expect(await reopened.get(h.profileId)).toMatchObject({ step: 'retire-old', stepNumber: 5 });
  });

  it('sets a damaged state file aside, and a new rotation adopts the new key still in the keychain', async () => {
    h = await createHarness();
    const newKey = await startWithNewKey();
    const stateFile = path.join(h.consoleHome, 'rotations', `${h.profileId}.json`);
    writeFileSync(stateFile, '{ "version": 1, "truncated');
    const reopened = h.reopen();
    expect(await reopened.get(h.profileId)).toBeNull();
    expect(readdirSync(path.dirname(stateFile)).some((name) => name.startsWith(`${h.profileId}.json.corrupt-`))).toBe(true);
    expect(h.pendingKey()).toBe(newKey);
    const adopted = await reopened.start(h.profileId, 'scheduled');
    expect(adopted).toMatchObject({ step: 'update-server', newKey: { fingerprint: keyFingerprint(newKey), source: 'recovered' } });
    expect(adopted.problems.join(' ')).toContain('kept as');
  });

  it('refuses to start when the keychain is session-only', async () => {
    h = await createHarness();
    const profile = await h.profiles.get(h.profileId);
    expect(profile.key?.sessionOnly).toBe(false);
    Object.defineProperty(h.keychain, 'kind', { value: 'session-only' });
    await expect(h.service.start(h.profileId, 'scheduled')).rejects.toMatchObject({ code: 'keychain-unavailable' });
  });

  it('keeps profile:<id> and profile:<id>:pending as the only keychain accounts a rotation uses', async () => {
    h = await createHarness();
    await runUntil('verified');
    expect([...h.keychain.items.keys()].sort()).toEqual([profileKeyAccount(h.profileId), pendingKeyAccount(h.profileId)].sort());
  });
});

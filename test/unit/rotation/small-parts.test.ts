import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serverDeployments, type ProfileView } from '../../../electron/contract';
import { keyFingerprint } from '../../../electron/keys/key-fingerprint';
import { defaultClientLocations, scanClientConfigs } from '../../../electron/rotation/client-configs';
import { scanForLeaks } from '../../../electron/rotation/leak-scan';
import { createScheduleStore, defaultSchedule, dueSoonDays, reminderFor } from '../../../electron/rotation/reminders';
import { allowedSteps, stepAllows } from '../../../electron/rotation/rotation-state';
import { buildRecipe, dotenvAssignment, newKeyPlaceholder, shellQuote, systemdAssignment } from '../../../electron/rotation/server-recipes';
import { fakeKey } from './harness';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'mc-rotation-parts-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const write = (relative: string, text: string) => {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
};

describe('server recipes', () => {
  const key = fakeKey('new');

  it.each(serverDeployments)('%s: the key appears only when revealed, and only in steps marked withKey', (deployment) => {
    const hidden = buildRecipe({ deployment, newKey: null, homeDir: '/home/u' });
    expect(JSON.stringify(hidden)).not.toContain(key);
    expect(hidden.revealed).toBe(false);
    const revealed = buildRecipe({ deployment, newKey: key, homeDir: '/home/u' });
    expect(revealed.revealed).toBe(true);
    expect(revealed.steps.length).toBe(hidden.steps.length);
    revealed.steps.forEach((step, index) => {
      expect(step.text.includes(key)).toBe(step.withKey);
      expect(hidden.steps[index]?.text.includes(newKeyPlaceholder)).toBe(step.withKey);
    });
    expect(revealed.summary).toContain('I have updated the server');
  });

  it('secret managers read the key from stdin or an owner-only file, never from an argument of their CLI', () => {
    const vault = buildRecipe({ deployment: 'vault', newKey: key, homeDir: '/h' }).steps[0]!.text;
    expect(vault).toBe(`printf '%s' '${key}' | vault kv put secret/mcp-memory api_key=-`);
    for (const deployment of ['aws-secrets-manager', 'azure-key-vault'] as const) {
      const steps = buildRecipe({ deployment, newKey: key, homeDir: '/h' }).steps;
      expect(steps[0]!.text).toBe(`umask 077\nprintf '%s' '${key}' > mcp-memory-key.txt`);
      expect(steps[1]!.text).not.toContain(key);
      expect(steps[1]!.text).toMatch(/file:\/\/mcp-memory-key\.txt|--file mcp-memory-key\.txt/);
      expect(steps[1]!.text).toContain('rm -f mcp-memory-key.txt');
    }
    const docker = buildRecipe({ deployment: 'docker', newKey: key, homeDir: '/h' }).steps;
    expect(docker[0]!.text).toContain(`<<'EOF'\nMCP_API_KEY=${key}\nEOF`);
    expect(docker[1]!.text).toContain('--env-file');
  });

  it('offers to apply .env, service_config.json and the user unit on this machine, with the usual default paths', () => {
    expect(buildRecipe({ deployment: 'dotenv', newKey: null, homeDir: '/home/u' }).localFile).toEqual({ kind: 'dotenv', defaultPath: '/home/u/.mcp-memory/.env' });
    expect(buildRecipe({ deployment: 'service-config', newKey: null, homeDir: '/home/u' }).localFile).toEqual({ kind: 'service-config', defaultPath: '/home/u/.mcp_memory_service/service_config.json' });
    expect(buildRecipe({ deployment: 'systemd-user', newKey: null, homeDir: '/home/u' }).localFile).toEqual({ kind: 'systemd-user', defaultPath: '/home/u/.config/systemd/user/mcp-memory.service' });
    expect(buildRecipe({ deployment: 'systemd-system', newKey: null, homeDir: '/home/u' }).localFile).toBeNull();
  });

  it('quotes the key for each format', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(systemdAssignment('MCP_API_KEY', 'abc+/=')).toBe('Environment=MCP_API_KEY=abc+/=');
    expect(systemdAssignment('MCP_API_KEY', '50%off')).toBe('Environment=MCP_API_KEY=50%%off');
    expect(systemdAssignment('MCP_API_KEY', 'a b"c')).toBe('Environment="MCP_API_KEY=a b\\"c"');
    expect(dotenvAssignment('MCP_API_KEY', 'abc+/=')).toBe('MCP_API_KEY=abc+/=');
    expect(dotenvAssignment('MCP_API_KEY', 'a#b')).toBe("MCP_API_KEY='a#b'");
    expect(dotenvAssignment('MCP_API_KEY', `a'#"b`)).toBe('MCP_API_KEY="a\'#\\"b"');
  });
});

describe('reminders', () => {
  const profile = (environment: ProfileView['environment'], since: string | null, rotated?: string): ProfileView => ({
    id: `p-${environment}`,
    name: environment,
    baseUrl: 'http://127.0.0.1:8000',
    environment,
    key: since === null ? null : { prefix: 'abcd…', fingerprint: 'sha256:000000000000', source: 'pasted', addedAt: since, ...(rotated ? { rotatedAt: rotated } : {}), sessionOnly: false },
  });
  const now = new Date('2026-06-01T12:00:00Z');
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

  it('follows the guide: development as needed, staging 30 days, production 90 days', () => {
    expect(defaultSchedule).toEqual({ development: null, staging: 30, production: 90, custom: null });
    expect(reminderFor(profile('development', daysAgo(400)), defaultSchedule, now, null)).toMatchObject({ state: 'no-schedule', ageDays: 400 });
    expect(reminderFor(profile('staging', daysAgo(10)), defaultSchedule, now, null)).toMatchObject({ state: 'ok', dueInDays: 20, intervalDays: 30 });
    expect(reminderFor(profile('staging', daysAgo(25)), defaultSchedule, now, null)).toMatchObject({ state: 'due-soon', dueInDays: 5 });
    expect(reminderFor(profile('production', daysAgo(95)), defaultSchedule, now, null)).toMatchObject({ state: 'overdue', dueInDays: -5 });
    expect(reminderFor(profile('production', null), defaultSchedule, now, null)).toMatchObject({ state: 'no-key' });
  });

  it('counts from the last rotation, not from when the key was added', () => {
    expect(reminderFor(profile('production', daysAgo(300), daysAgo(3)), defaultSchedule, now, null)).toMatchObject({ state: 'ok', ageDays: 3 });
  });

  it('"due soon" is the last fifth of the interval, at most a week', () => {
    expect([dueSoonDays(30), dueSoonDays(90), dueSoonDays(5), dueSoonDays(1)]).toEqual([6, 7, 1, 1]);
  });

  it('keeps a configured schedule in the console home and survives a damaged file', async () => {
    const store = createScheduleStore(root);
    expect((await store.read()).schedule).toEqual(defaultSchedule);
    await store.write({ ...defaultSchedule, staging: 14, development: 365 });
    expect((await store.read()).schedule).toEqual({ development: 365, staging: 14, production: 90, custom: null });
    writeFileSync(path.join(root, 'rotation-schedule.json'), '{not json');
    const damaged = await store.read();
    expect(damaged.schedule).toEqual(defaultSchedule);
    expect(damaged.problem).toContain('default schedule');
  });
});

describe('step rules', () => {
  it('commit only when the old key was proven dead; file changes only in their own steps', () => {
    expect(allowedSteps.commit).toEqual(['ready-to-commit', 'committing']);
    expect(stepAllows('commit', 'retire-old')).toBe(false);
    expect(stepAllows('applyServerFile', 'verify')).toBe(false);
    expect(stepAllows('updateClients', 'update-server')).toBe(false);
    expect(stepAllows('leakScan', 'committing')).toBe(false);
  });
});

describe('client configuration finder', () => {
  it('knows Claude Desktop’s path on each OS and the Claude Code hooks config', () => {
    expect(defaultClientLocations('/home/u', 'linux', {}).map((location) => location.path)).toEqual(['/home/u/.config/Claude/claude_desktop_config.json', '/home/u/.claude/hooks/config.json']);
    expect(defaultClientLocations('/home/u', 'linux', { XDG_CONFIG_HOME: '/xdg' })[0]?.path).toBe('/xdg/Claude/claude_desktop_config.json');
    expect(defaultClientLocations('/Users/u', 'darwin', {})[0]?.path).toBe('/Users/u/Library/Application Support/Claude/claude_desktop_config.json');
    expect(defaultClientLocations('C:\\Users\\u', 'win32', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' })[0]?.path).toBe('C:\\Users\\u\\AppData\\Roaming\\Claude\\claude_desktop_config.json');
  });

  it('finds the old key in user-added files and folders, skips links and dependency folders, reports files without it', async () => {
    const oldKey = fakeKey('old');
    const newKey = fakeKey('new');
    const home = path.join(root, 'home');
    mkdirSync(home);
    const envFile = write('projects/app/.env', `MCP_API_KEY=${oldKey}\n`);
    const json = write('projects/app/config/memory.json', JSON.stringify({ memory: { apiKey: oldKey } }));
    write('projects/app/node_modules/pkg/.env', `MCP_API_KEY=${oldKey}\n`);
    write('projects/app/README.md', 'no key here\n');
    const other = write('elsewhere/settings.json', '{"a": 1}');
    symlinkSync(envFile, path.join(root, 'projects', 'link.env'));
    const found = await scanClientConfigs({ homeDir: home, platform: 'linux', env: {}, extraPaths: [path.join(root, 'projects'), other, path.join(root, 'missing')], oldKey, newKey });
    expect(found.changes.map((change) => [change.path, change.format, change.fields])).toEqual([
      [envFile, 'dotenv', ['line 1 (MCP_API_KEY)']],
      [json, 'json', ['memory.apiKey']],
    ]);
    expect(found.problems.map((problem) => [path.basename(problem.path), problem.message])).toEqual([
      ['settings.json', 'The old key is not a value in this file.'],
      ['missing', 'Not found.'],
    ]);
    expect(found.searched).toHaveLength(5);
  });
});

describe('leak scan', () => {
  it('reports file, line and column with the key redacted, in text and binary files, without following links', async () => {
    const key = fakeKey('leak');
    write('repo/deploy.sh', `#!/bin/sh\n\nexport MCP_API_KEY=${key}\n`);
    write('repo/docs/notes.md', `see ?api_key=${encodeURIComponent(key)} and "${key}"\n`);
    write('repo/data.bin', `\u0000\u0001${key}\u0000`);
    write('repo/clean.txt', 'nothing\n');
    symlinkSync(path.join(root, 'repo', 'deploy.sh'), path.join(root, 'repo', 'alias.sh'));
    const result = await scanForLeaks({ folders: [path.join(root, 'repo'), path.join(root, 'nowhere')], key, homeDir: root, exclude: [] });
    expect(result.findings.map((finding) => [finding.displayPath, finding.line, finding.column, finding.excerpt])).toEqual([
      [path.join('~', 'repo', 'data.bin'), 1, 3, null],
      [path.join('~', 'repo', 'deploy.sh'), 3, 20, `export MCP_API_KEY=‹old key ${keyFingerprint(key)}›`],
      [path.join('~', 'repo', 'docs', 'notes.md'), 1, 14, `see ?api_key=‹old key ${keyFingerprint(key)}› and "‹old key ${keyFingerprint(key)}›"`],
      [path.join('~', 'repo', 'docs', 'notes.md'), 1, 'see ?api_key='.length + key.length + ' and "'.length + 1, `see ?api_key=‹old key ${keyFingerprint(key)}› and "‹old key ${keyFingerprint(key)}›"`],
    ]);
    expect(result.filesScanned).toBe(4);
    expect(result.skipped.map((skip) => skip.message)).toEqual(['Not found.']);
    expect(JSON.stringify(result)).not.toContain(key);
  });

  it('stops at the limits and says so; never searches excluded folders', async () => {
    const key = fakeKey('leak');
    for (let index = 0; index < 5; index++) write(`many/f${index}.txt`, `${key}\n`);
    write('many/console/backup.env', `${key}\n`);
    const result = await scanForLeaks({ folders: [path.join(root, 'many')], key, homeDir: root, exclude: [path.join(root, 'many', 'console')], limits: { maxFindings: 3 } });
    expect(result.findings).toHaveLength(3);
    expect(result.truncated).toBe(true);
    expect(result.findings.some((finding) => finding.path.includes('console'))).toBe(false);
  });
});

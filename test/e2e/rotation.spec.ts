import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Locator, Page } from '@playwright/test';
import { keyFingerprint } from '../../electron/keys/key-fingerprint';
import { spawnMemoryServer, type SpawnedMemoryServer, type SpawnOptions } from '../memory-server';
import { captureDir } from './support/capture';
import { distinctiveTestKey, startConsoleStack, type ConsoleStack } from './support/console-stack';
import { expect, test } from './support/test';

/**
 * Issue 7 end to end, in Chromium against browser mode, the real keychain and the local memory
 * service: a restart-swap rotation (the test restarts the service with the key the console wrote
 * into its .env), an overlap rotation (MCP_API_KEYS accepts both keys for a while), a rollback
 * from each step, client configurations in every format, the emergency checklist and leak scan,
 * and a host killed (SIGKILL) at every step: the wizard resumes, and the keychain always holds a
 * key the server accepts.
 *
 * Keys reach the page only where the design says: the generated key in the rotation.newKey answer
 * (shown once) and the step-2 recipe the user explicitly reveals or copies (the leak check allows
 * exactly these two answers).
 */

test.describe.configure({ mode: 'serial' });

const run = promisify(execFile);

let root: string;
let userHome: string;
let stack: ConsoleStack;
const servers: SpawnedMemoryServer[] = [];

test.beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'mc-e2e-rotation-'));
  userHome = path.join(root, 'home');
  await mkdir(userHome, { recursive: true });
  stack = await startConsoleStack({ env: { HOME: userHome } });
});

test.afterAll(async () => {
  await stack?.stop();
  await Promise.all(servers.map((server) => server.stop()));
  if (root) await rm(root, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Helpers.

interface Server {
  current: SpawnedMemoryServer;
  readonly dataDir: string;
}

async function startServer(options: SpawnOptions): Promise<Server> {
  const dataDir = await mkdtemp(path.join(root, 'data-'));
  const current = await spawnMemoryServer({ ...options, dataDir, seed: 5 });
  servers.push(current);
  return { current, dataDir };
}

/** What the user does when the wizard says “restart the server”: same data and port, other key(s). */
async function restart(server: Server, keys: Pick<SpawnOptions, 'apiKey' | 'apiKeys'>): Promise<void> {
  const port = server.current.port;
  await server.current.stop();
  server.current = await spawnMemoryServer({ ...keys, dataDir: server.dataDir, port });
  servers.push(server.current);
}

async function addProfile(name: string, server: Server, environment: 'staging' | 'production', key: string): Promise<string> {
  const profile = await stack.call('profiles.create', { name, baseUrl: server.current.url, environment });
  await stack.call('keys.set', { profileId: profile.id, key });
  return profile.id;
}

async function accepts(server: Server, key: string): Promise<boolean> {
  const response = await fetch(`${server.current.url}/api/health/detailed`, { headers: { Authorization: `Bearer ${key}` } }).catch(() => null);
  return response?.status === 200;
}

/**
 * The keychain items of one profile, as `secret-tool` shows them: account → secret. It prints each
 * item's secret on stdout and its attributes on stderr, both in the same order.
 */
async function keychainOf(profileId: string): Promise<Map<string, string>> {
  const { stdout, stderr } = await run('secret-tool', ['search', '--all', '--unlock', 'service', stack.keychainService]);
  const secrets = stdout
    .split(/^\[/m)
    .slice(1)
    .map((block) => /^secret = (.*)$/m.exec(block)?.[1] ?? '');
  const accounts = [...stderr.matchAll(/^attribute\.account = (.*)$/gm)].map((match) => match[1] ?? '');
  expect(accounts.length, 'secret-tool printed one account per item').toBe(secrets.length);
  const items = new Map<string, string>();
  accounts.forEach((account, index) => {
    if (account === `profile:${profileId}` || account.startsWith(`profile:${profileId}:`)) items.set(account, secrets[index]!);
  });
  return items;
}

async function expectWorkingKeyInKeychain(profileId: string, server: Server): Promise<void> {
  const items = await keychainOf(profileId);
  const working = [];
  for (const secret of items.values()) if (await accepts(server, secret)) working.push(secret);
  expect(working.length, `a key the server accepts is in the keychain (accounts: ${[...items.keys()].join(', ')})`).toBeGreaterThan(0);
}

async function openWizard(page: Page, profileName: string): Promise<Locator> {
  const sidebar = page.getByRole('navigation', { name: 'Servers' });
  await sidebar.getByRole('button', { name: profileName, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Rotate the API key — ${profileName}` });
  if (!(await dialog.isVisible())) await sidebar.getByRole('button', { name: `Rotate the key of ${profileName}` }).click();
  await expect(dialog).toBeVisible();
  return dialog;
}

const stepHeading = (dialog: Locator, title: string) => dialog.getByRole('heading', { name: title });

async function writeFixture(file: string, text: string): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text, { mode: 0o600 });
  return file;
}

const claudeDesktop = (key: string) =>
  `${JSON.stringify(
    {
      mcpServers: {
        memory: { command: 'node', args: ['/opt/mcp-memory-service/examples/http-mcp-bridge.js'], env: { MCP_MEMORY_HTTP_ENDPOINT: 'http://127.0.0.1:8000/api', MCP_MEMORY_API_KEY: key } },
        remote: { url: 'http://127.0.0.1:8000/mcp', headers: { Authorization: `Bearer ${key}` } },
      },
    },
    null,
    2,
  )}\n`;
const hooksConfig = (key: string) => `${JSON.stringify({ memoryService: { http: { endpoint: 'http://127.0.0.1:8000', apiKey: key } } }, null, 2)}\n`;

// ---------------------------------------------------------------------------------------------

test('restart-swap rotation: new key shown once, server .env changed by the console, service restarted, clients updated in every format, commit', async ({ page, context }) => {
  test.setTimeout(90_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const oldKey = distinctiveTestKey();
  const server = await startServer({ apiKey: oldKey });
  const profileId = await addProfile('Swap server', server, 'production', oldKey);

  const serverEnv = await writeFixture(path.join(root, 'server', '.env'), `# memory service\nMCP_HTTP_PORT=${server.current.port}\nMCP_API_KEY=${oldKey}\n`);
  const desktop = await writeFixture(path.join(userHome, '.config', 'Claude', 'claude_desktop_config.json'), claudeDesktop(oldKey));
  const hooks = await writeFixture(path.join(userHome, '.claude', 'hooks', 'config.json'), hooksConfig(oldKey));
  const clients = path.join(root, 'clients');
  const appEnv = await writeFixture(path.join(clients, 'app', '.env'), `MCP_MEMORY_URL=http://127.0.0.1\nMCP_MEMORY_API_KEY=${oldKey}\n`);
  const appJson = await writeFixture(path.join(clients, 'app', 'settings.json'), `{\n  "memory": { "apiKey": "${oldKey}", "timeout": 5 }\n}\n`);
  const script = await writeFixture(path.join(clients, 'scripts', 'backup.sh'), `#!/bin/sh\ncurl -H "Authorization: Bearer ${oldKey}" http://127.0.0.1/api/health\n`);
  await writeFixture(path.join(clients, 'app', 'README.md'), 'no key here\n');

  await page.goto(stack.consoleUrl);
  const dialog = await openWizard(page, 'Swap server');
  await dialog.getByRole('button', { name: 'Start the rotation' }).click();

  // 1. New key: generated, shown once with Copy.
  await expect(stepHeading(dialog, '1. New key')).toBeVisible();
  await dialog.getByLabel(/^URL-safe base64, 32 bytes/).check();
  await dialog.getByRole('button', { name: 'Store the new key' }).click();
  const shown = dialog.getByTestId('generated-key');
  await expect(shown).toBeVisible();
  const newKey = await shown.getByLabel('New key', { exact: true }).inputValue();
  expect(newKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
  await shown.getByRole('button', { name: 'Copy' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(newKey);
  await page.screenshot({ path: '.artifacts/screenshots/rotation-1-new-key.png' });
  await shown.getByRole('button', { name: 'I have copied it — continue' }).click();
  await expect(shown).toBeHidden();
  expect(await page.content()).not.toContain(newKey);
  // The active key is untouched; the new one waits beside it.
  expect(await keychainOf(profileId)).toEqual(new Map([[`profile:${profileId}`, oldKey], [`profile:${profileId}:pending`, newKey]]));

  // 2. The server: the .env recipe, a step copied, then the console changes the file itself.
  await expect(stepHeading(dialog, '2. Update the server')).toBeVisible();
  await dialog.getByLabel('How is the server deployed?').selectOption('dotenv');
  await dialog.getByRole('textbox', { name: 'File on this machine (optional)' }).fill(serverEnv);
  await expect(dialog.getByLabel('File', { exact: true })).toHaveValue(serverEnv);
  const recipe = dialog.getByTestId('rotation-recipe');
  await expect(recipe).toContainText('‹new key — Copy or “Show the key” fills it in›');
  await recipe.getByRole('button', { name: 'Copy: The new line in the .env file' }).click();
  await expect(recipe.getByRole('status')).toHaveText('Copied to the clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`MCP_API_KEY=${newKey}`);
  expect(await page.content()).not.toContain(newKey);
  await dialog.getByRole('button', { name: 'Preview the change' }).click();
  const diff = dialog.getByTestId('rotation-diff');
  await expect(diff).toContainText(`- 3: MCP_API_KEY=‹old key ${keyFingerprint(oldKey)}›`);
  await expect(diff).toContainText(`+ 3: MCP_API_KEY=‹new key ${keyFingerprint(newKey)}›`);
  await page.screenshot({ path: '.artifacts/screenshots/rotation-2-server.png' });
  await dialog.getByRole('button', { name: 'Apply this change' }).click();
  await expect(dialog.getByTestId('changed-files')).toContainText('.env');
  expect(await readFile(serverEnv, 'utf8')).toBe(`# memory service\nMCP_HTTP_PORT=${server.current.port}\nMCP_API_KEY=${newKey}\n`);

  // 3. Verify: the console polls while the service still runs the old key, then it is restarted
  // with the key the console wrote into its .env.
  await dialog.getByRole('button', { name: 'I have updated the server' }).click();
  await expect(stepHeading(dialog, '3. Verify the new key')).toBeVisible();
  await expect(dialog.getByTestId('verify-progress')).toContainText('refused (401)');
  await page.screenshot({ path: '.artifacts/screenshots/rotation-3-verify.png' });
  const fromEnv = /^MCP_API_KEY=(.*)$/m.exec(await readFile(serverEnv, 'utf8'))?.[1];
  expect(fromEnv).toBe(newKey);
  await restart(server, { apiKey: fromEnv! });

  // 4. Clients: found by the old key, shown as redacted diffs, changed with backups.
  await expect(stepHeading(dialog, '4. Update clients')).toBeVisible({ timeout: 20_000 });
  await expect(dialog.getByText('restart swap')).toBeVisible();
  await dialog.getByLabel(/More files or folders/).fill(clients);
  await dialog.getByRole('button', { name: 'Look for the old key' }).click();
  const files = dialog.getByTestId('client-file');
  await expect(files).toHaveCount(5);
  await expect(files.nth(0)).toContainText('Claude Desktop: mcpServers.memory.env.MCP_MEMORY_API_KEY, mcpServers.remote.headers.Authorization');
  await expect(files.nth(1)).toContainText('Claude Code hooks: memoryService.http.apiKey');
  await expect(dialog.getByTestId('client-scan')).toContainText(`‹old key ${keyFingerprint(oldKey)}›`);
  expect(await dialog.getByTestId('client-scan').textContent()).not.toContain(oldKey);
  await page.screenshot({ path: '.artifacts/screenshots/rotation-4-clients.png' });
  await dialog.getByRole('button', { name: 'Update 5 files (backups kept)' }).click();
  await expect(dialog.getByTestId('changed-files').locator('li')).toHaveCount(5);
  expect(await readFile(desktop, 'utf8')).toBe(claudeDesktop(newKey));
  expect(await readFile(hooks, 'utf8')).toBe(hooksConfig(newKey));
  expect(await readFile(appEnv, 'utf8')).toBe(`MCP_MEMORY_URL=http://127.0.0.1\nMCP_MEMORY_API_KEY=${newKey}\n`);
  expect(await readFile(appJson, 'utf8')).toBe(`{\n  "memory": { "apiKey": "${newKey}", "timeout": 5 }\n}\n`);
  expect(await readFile(script, 'utf8')).toContain(`Bearer ${newKey}`);
  await dialog.getByRole('button', { name: 'Clients are updated — continue' }).click();

  // 5 and 6: the old key is refused, then the commit.
  await expect(stepHeading(dialog, '6. Commit')).toBeVisible();
  await expect(dialog.getByTestId('old-key-result')).toContainText('The server refuses the old key');
  await page.screenshot({ path: '.artifacts/screenshots/rotation-5-commit.png' });
  await dialog.getByRole('button', { name: 'Commit the rotation' }).click();
  const done = dialog.getByTestId('rotation-done');
  await expect(done).toContainText('Rotation complete');
  await page.screenshot({ path: '.artifacts/screenshots/rotation-6-done.png' });
  await done.getByRole('button', { name: 'Close' }).click();

  // The new key is the one in the keychain, the old one and the pending item are gone.
  expect(await keychainOf(profileId)).toEqual(new Map([[`profile:${profileId}`, newKey]]));
  const profile = (await stack.call('profiles.list', {})).profiles.find((item) => item.id === profileId);
  expect(profile?.key).toMatchObject({ fingerprint: keyFingerprint(newKey), rotatedFrom: keyFingerprint(oldKey), source: 'generated' });
  await expect(page.getByTestId('memory-count')).toHaveText('5 of 5 loaded');
  const audit = await stack.call('audit.list', { profileId });
  expect(audit.entries[0]).toMatchObject({ event: 'rotation-committed', keyFingerprint: keyFingerprint(newKey) });
  expect(existsSync(path.join(stack.homeDir, 'rotations', `${profileId}.json`))).toBe(false);
  expect(existsSync(path.join(stack.homeDir, 'rotations', `${profileId}.backups`))).toBe(false);
});

test('overlap rotation: with MCP_API_KEYS the server accepts both keys, clients move without downtime, the old key is removed before commit', async ({ page }) => {
  test.setTimeout(60_000);
  const oldKey = distinctiveTestKey();
  const newKey = distinctiveTestKey();
  const server = await startServer({ apiKeys: [oldKey] });
  const profileId = await addProfile('Gateway server', server, 'staging', oldKey);

  await page.goto(stack.consoleUrl);
  const dialog = await openWizard(page, 'Gateway server');
  await dialog.getByRole('button', { name: 'Start the rotation' }).click();

  // 1. A key pasted from a secrets manager.
  await dialog.getByLabel('Paste a key (from a secrets manager)').check();
  await dialog.getByLabel('API key', { exact: true }).fill(newKey);
  await expect(dialog.getByText('Meets the guide’s requirements.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Store the new key' }).click();

  // 2. Both keys on the gateway.
  await expect(stepHeading(dialog, '2. Update the server')).toBeVisible();
  await dialog.getByLabel('How is the server deployed?').selectOption('gateway-two-keys');
  await expect(dialog.getByTestId('rotation-recipe')).toContainText('MCP_API_KEYS=‹old key›,‹new key — Copy or “Show the key” fills it in›');
  await restart(server, { apiKeys: [oldKey, newKey] });
  await dialog.getByRole('button', { name: 'I have updated the server' }).click();

  // 3 → 4: overlap detected.
  await expect(dialog.getByTestId('overlap-note')).toHaveText('The server accepts both the old and the new key: clients can move to the new key without downtime.', { timeout: 20_000 });
  await page.screenshot({ path: '.artifacts/screenshots/rotation-overlap.png' });
  await dialog.getByRole('button', { name: 'Skip — I will update clients myself' }).click();

  // 5: still accepted until removed from the gateway.
  await expect(stepHeading(dialog, '5. Retire the old key')).toBeVisible();
  await expect(dialog.getByTestId('old-key-result')).toContainText('The server still accepts it');
  await restart(server, { apiKeys: [newKey] });
  await dialog.getByRole('button', { name: 'Check the old key again' }).click();
  await expect(stepHeading(dialog, '6. Commit')).toBeVisible();
  await dialog.getByRole('button', { name: 'Commit the rotation' }).click();
  await expect(dialog.getByTestId('rotation-done')).toBeVisible();

  expect(await keychainOf(profileId)).toEqual(new Map([[`profile:${profileId}`, newKey]]));
  const audit = await stack.call('audit.list', { profileId });
  expect(audit.entries[0]?.detail).toContain('overlap');
});

test('rollback from each step restores the files, drops the new key and keeps the active key', async ({ page }) => {
  test.setTimeout(90_000);
  const oldKey = distinctiveTestKey();
  const newKeys = [1, 2, 3, 4, 5].map(() => distinctiveTestKey());
  // The server accepts the old key throughout, so each rollback is safe without forcing it, and the
  // new keys too, except step 3's: that rotation must still be verifying when it is rolled back.
  const server = await startServer({ apiKeys: [oldKey, ...newKeys.filter((_, index) => index !== 2)] });
  const profileId = await addProfile('Rollback server', server, 'staging', oldKey);
  await stack.call('profiles.setActive', { profileId });
  const envText = `MCP_API_KEY=${oldKey}\n`;
  const clientText = claudeDesktop(oldKey);
  const serverEnv = await writeFixture(path.join(root, 'rollback', 'server.env'), envText);
  const clientFile = await writeFixture(path.join(root, 'rollback', 'clients', 'claude_desktop_config.json'), clientText);
  const titles = ['1. New key', '2. Update the server', '3. Verify the new key', '4. Update clients', '5. Retire the old key'];

  for (const [index, title] of titles.entries()) {
    const step = index + 1;
    const newKey = newKeys[index]!;
    await stack.call('rotation.start', { profileId, mode: 'scheduled' });
    if (step >= 2) await stack.call('rotation.newKey', { profileId, source: { kind: 'paste', key: newKey } });
    if (step >= 2) {
      const preview = await stack.call('rotation.previewServerFile', { profileId, kind: 'dotenv', path: serverEnv });
      await stack.call('rotation.applyServerFile', { profileId, kind: 'dotenv', path: serverEnv, sha256: preview.sha256 });
    }
    if (step === 3) await stack.call('rotation.serverUpdated', { profileId, deployment: 'dotenv', timeoutSeconds: 5 });
    if (step >= 4) {
      await stack.call('rotation.serverUpdated', { profileId, deployment: 'dotenv' });
      await expect.poll(async () => (await stack.call('rotation.get', { profileId }))?.step, { timeout: 15_000 }).toBe('update-clients');
      const scan = await stack.call('rotation.scanClients', { profileId, extraPaths: [path.dirname(clientFile)] });
      await stack.call('rotation.updateClients', { profileId, files: scan.files.map((file) => ({ path: file.path, sha256: file.sha256 })) });
      expect(await readFile(clientFile, 'utf8')).toBe(claudeDesktop(newKey));
    }
    if (step === 5) await stack.call('rotation.clientsDone', { profileId });

    // A fresh page: the rotation in progress opens its wizard by itself.
    await page.goto(stack.consoleUrl);
    const dialog = page.getByRole('dialog', { name: 'Rotate the API key — Rollback server' });
    await expect(stepHeading(dialog, title)).toBeVisible();
    if (step === 5) await page.screenshot({ path: '.artifacts/screenshots/rotation-rollback.png' });
    await dialog.getByRole('button', { name: 'Roll back…' }).click();
    await dialog.getByRole('button', { name: 'Roll back', exact: true }).click();
    await expect(dialog.getByTestId('rotation-rolled-back')).toBeVisible();

    expect(await readFile(serverEnv, 'utf8'), `server file after rollback from step ${step}`).toBe(envText);
    expect(await readFile(clientFile, 'utf8'), `client file after rollback from step ${step}`).toBe(clientText);
    expect(await keychainOf(profileId), `keychain after rollback from step ${step}`).toEqual(new Map([[`profile:${profileId}`, oldKey]]));
    expect(await stack.call('rotation.get', { profileId })).toBeNull();
  }
  expect(await readdir(path.join(stack.homeDir, 'rotations'))).not.toContain(`${profileId}.backups`);
});

test('emergency rotation: checklist recorded in the audit log, leak scan reports file and line with the key redacted', async ({ page }) => {
  test.setTimeout(60_000);
  const oldKey = distinctiveTestKey();
  const server = await startServer({ apiKey: oldKey });
  const profileId = await addProfile('Leaky server', server, 'production', oldKey);
  const repo = path.join(root, 'leaky-repo');
  await writeFixture(path.join(repo, 'deploy', 'docker-compose.override.yml'), `services:\n  memory:\n    environment:\n      MCP_API_KEY: ${oldKey}\n`);
  await writeFixture(path.join(repo, 'notes', 'debug.md'), `Tried: curl -H "Authorization: Bearer ${oldKey}" /api/health\n`);
  await writeFixture(path.join(repo, 'src', 'clean.ts'), 'export const nothing = 1;\n');

  await page.goto(stack.consoleUrl);
  const dialog = await openWizard(page, 'Leaky server');
  await dialog.getByLabel(/^Emergency/).check();
  await dialog.getByRole('button', { name: 'Start the emergency rotation' }).click();
  await expect(dialog.getByRole('note').filter({ hasText: 'Emergency rotation' })).toBeVisible();

  const panel = dialog.getByTestId('emergency-panel');
  const audit = panel.getByRole('checkbox', { name: /Audit: check the access logs/ });
  // Ticked once the privileged side recorded it: a click, then the state.
  await audit.click();
  await expect(audit).toBeChecked();
  await expect(audit).toBeEnabled();
  const notify = panel.getByRole('checkbox', { name: /Notify: inform the relevant team members/ });
  await notify.click();
  await expect(notify).toBeChecked();
  await expect(notify).toBeEnabled();
  await panel.getByLabel('Folders to search (one per line)').fill(repo);
  await panel.getByRole('button', { name: 'Search for the old key' }).click();
  const findings = panel.getByTestId('leak-finding');
  await expect(findings).toHaveCount(2);
  await expect(findings.nth(0)).toContainText('docker-compose.override.yml');
  await expect(findings.nth(0)).toContainText('4:20');
  await expect(findings.nth(0)).toContainText(`MCP_API_KEY: ‹old key ${keyFingerprint(oldKey)}›`);
  await expect(findings.nth(1)).toContainText('debug.md');
  await expect(findings.nth(1)).toContainText('1:');
  expect(await page.content()).not.toContain(oldKey);
  await page.screenshot({ path: '.artifacts/screenshots/rotation-emergency.png' });

  const log = await stack.call('audit.list', { profileId });
  const events = log.entries.map((entry) => entry.event);
  expect(events.filter((event) => event === 'rotation-checklist')).toHaveLength(2);
  expect(events).toContain('rotation-leak-scan');
  expect(log.entries.find((entry) => entry.event === 'rotation-leak-scan')?.detail).toContain('2 finding(s)');
  expect(JSON.stringify(log)).not.toContain(oldKey);

  await dialog.getByRole('button', { name: 'Roll back…' }).click();
  await dialog.getByRole('button', { name: 'Roll back', exact: true }).click();
  await expect(dialog.getByTestId('rotation-rolled-back')).toBeVisible();
});

// ---------------------------------------------------------------------------------------------
// Crash test: a host of this test's own, killed with SIGKILL at every step.

interface Host {
  readonly url: string;
  readonly process: ChildProcess;
  output: string;
}

async function startHost(): Promise<Host> {
  const child = spawn(process.execPath, ['dist/electron/browser-host.cjs', '--port', '0', '--no-open'], { env: stack.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const host = { url: '', process: child, output: '' };
  child.stdout?.on('data', (chunk: Buffer) => (host.output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (host.output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser host did not start:\n${host.output}`)), 20_000);
    child.stdout?.on('data', () => {
      const match = /Memory Console is running at (\S+)/.exec(host.output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  return { ...host, url, process: child };
}

async function kill(host: Host): Promise<void> {
  host.process.kill('SIGKILL');
  if (host.process.exitCode === null && host.process.signalCode === null) await new Promise((resolve) => host.process.once('exit', resolve));
  // Kept for the leak check, like the stack's own host output.
  const kept = captureDir('hosts', `crash-host-${new URL(host.url).port}`);
  if (kept !== null) await writeFile(path.join(kept, 'host-output.log'), host.output);
}

test('crash test: the host killed at every step; the wizard resumes and a working key is always in the keychain', async ({ page }) => {
  test.setTimeout(120_000);
  const oldKey = distinctiveTestKey();
  const server = await startServer({ apiKey: oldKey });
  const profileId = await addProfile('Crash server', server, 'production', oldKey);
  await stack.call('profiles.setActive', { profileId });
  const serverEnv = await writeFixture(path.join(root, 'crash', '.env'), `MCP_API_KEY=${oldKey}\n`);
  const dialogOf = () => page.getByRole('dialog', { name: 'Rotate the API key — Crash server' });

  let host = await startHost();
  /** Kills the host mid-rotation, checks the keychain, starts a new host and reopens the page. */
  const crashAndResume = async (expectedHeading: string | null) => {
    await kill(host);
    await expectWorkingKeyInKeychain(profileId, server);
    host = await startHost();
    await page.goto(host.url);
    if (expectedHeading !== null) await expect(stepHeading(dialogOf(), expectedHeading)).toBeVisible();
    return dialogOf();
  };

  await page.goto(host.url);
  let dialog = await openWizard(page, 'Crash server');
  await dialog.getByRole('button', { name: 'Start the rotation' }).click();
  await expect(stepHeading(dialog, '1. New key')).toBeVisible();
  dialog = await crashAndResume('1. New key');

  await dialog.getByRole('button', { name: 'Store the new key' }).click();
  const newKey = await dialog.getByTestId('generated-key').getByLabel('New key', { exact: true }).inputValue();
  // Killed while the new key is on screen: it was stored before it was shown.
  dialog = await crashAndResume('2. Update the server');
  expect((await keychainOf(profileId)).get(`profile:${profileId}:pending`)).toBe(newKey);

  await dialog.getByLabel('How is the server deployed?').selectOption('dotenv');
  await dialog.getByRole('textbox', { name: 'File on this machine (optional)' }).fill(serverEnv);
  await expect(dialog.getByLabel('File', { exact: true })).toHaveValue(serverEnv);
  await dialog.getByRole('button', { name: 'Preview the change' }).click();
  await dialog.getByRole('button', { name: 'Apply this change' }).click();
  await expect(dialog.getByTestId('changed-files')).toContainText('.env');
  dialog = await crashAndResume('2. Update the server');
  await expect(dialog.getByTestId('changed-files')).toContainText('changed (backup kept');

  await dialog.getByRole('button', { name: 'I have updated the server' }).click();
  await expect(dialog.getByTestId('verify-progress')).toBeVisible();
  // Killed while polling: the old key still works, the poll is simply offered again.
  dialog = await crashAndResume('3. Verify the new key');
  await restart(server, { apiKey: newKey });
  await dialog.getByRole('button', { name: 'Check the new key' }).click();
  await expect(stepHeading(dialog, '4. Update clients')).toBeVisible({ timeout: 20_000 });
  // The crux: the server takes only the new key now, and it is in the keychain as pending.
  expect(await accepts(server, oldKey)).toBe(false);
  dialog = await crashAndResume('4. Update clients');

  await dialog.getByRole('button', { name: 'Skip — I will update clients myself' }).click();
  await expect(stepHeading(dialog, '6. Commit')).toBeVisible();
  dialog = await crashAndResume('6. Commit');

  await dialog.getByRole('button', { name: 'Commit the rotation' }).click();
  await expect(dialog.getByTestId('rotation-done')).toBeVisible();
  await crashAndResume(null);
  await expect(dialogOf()).toHaveCount(0);
  expect(await keychainOf(profileId)).toEqual(new Map([[`profile:${profileId}`, newKey]]));
  await page.getByRole('navigation', { name: 'Servers' }).getByRole('button', { name: 'Crash server', exact: true }).click();
  await expect(page.getByTestId('memory-count')).toHaveText('5 of 5 loaded');
  await kill(host);
});

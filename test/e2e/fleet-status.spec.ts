import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './support/test';
import { startMemoryServer } from '../memory-server';
import type { SpawnedMemoryServer } from '../memory-server';
import { distinctiveTestKey, startConsoleStack, startSeededServer, type ConsoleStack } from './support/console-stack';
import { filesContaining } from './support/leaks';

// Three servers in three states, as a user meets them: one accepts its key, one has been given
// another key than the one stored here, one is not running at all.
const laptopKey = distinctiveTestKey();
const stagingServerKey = distinctiveTestKey();
const staleStagingKey = distinctiveTestKey();
let laptop: SpawnedMemoryServer;
let staging: SpawnedMemoryServer;
let stoppedUrl: string;
let stack: ConsoleStack;

test.beforeAll(async () => {
  laptop = await startSeededServer(laptopKey, 25);
  staging = await startSeededServer(stagingServerKey, 5);
  // A port where nothing listens any more: a memory service that was stopped.
  const stopped = await startMemoryServer({});
  stoppedUrl = stopped.url;
  await stopped.stop();

  stack = await startConsoleStack();
  const one = await stack.call('profiles.create', { name: 'Laptop', baseUrl: laptop.url, environment: 'development' });
  await stack.call('keys.set', { profileId: one.id, key: laptopKey });
  const two = await stack.call('profiles.create', { name: 'Team staging', baseUrl: staging.url, environment: 'staging' });
  await stack.call('keys.set', { profileId: two.id, key: staleStagingKey });
  const three = await stack.call('profiles.create', { name: 'Production', baseUrl: stoppedUrl, environment: 'production' });
  await stack.call('keys.set', { profileId: three.id, key: distinctiveTestKey() });
  await stack.call('profiles.setActive', { profileId: one.id });
});

test.afterAll(async () => {
  await stack?.stop();
  await laptop?.stop();
  await staging?.stop();
});

test('the fleet view shows every server’s status in plain words, with the fix and the checks behind it', async ({ page }) => {
  const rpcBodies: string[] = [];
  page.on('response', async (response) => {
    if (response.url().includes('/rpc/')) rpcBodies.push(await response.text().catch(() => ''));
  });
  await page.goto(stack.consoleUrl);

  // At a glance, in the sidebar.
  const sidebar = page.getByRole('navigation', { name: 'Servers' });
  const badge = (name: string) => sidebar.getByRole('listitem').filter({ has: page.getByRole('button', { name, exact: true }) }).getByTestId('status-badge');
  await expect(badge('Laptop')).toHaveText('Key accepted');
  await expect(badge('Team staging')).toHaveText('Key rejected');
  await expect(badge('Production')).toHaveText('Unreachable');
  await expect(badge('Production')).toHaveAttribute('title', /^Unreachable: connection refused\. Nothing is listening at/);

  await page.getByRole('button', { name: 'Fleet status' }).click();
  const fleet = page.getByRole('region', { name: 'Fleet status' });
  const row = (name: string) => fleet.getByTestId('fleet-row').filter({ has: page.getByRole('heading', { name, exact: true }) });

  await expect(row('Laptop').getByTestId('status-badge')).toHaveText('Key accepted');
  await expect(row('Laptop')).toContainText('accepted the stored key (version 10.59.0, sqlite-vec, 25 memories)');
  await expect(row('Laptop')).toContainText(/round trip \d+ ms/);

  await expect(row('Team staging').getByTestId('status-badge')).toHaveText('Key rejected');
  await expect(row('Team staging')).toContainText('compared the stored key with its own and they differ (401 invalid_token)');
  await expect(row('Team staging')).toContainText('Fix: Check that the stored key matches MCP_API_KEY on the server');

  await expect(row('Production').getByTestId('status-badge')).toHaveText('Unreachable: connection refused');
  await expect(row('Production')).toContainText('the connection was refused');
  await expect(row('Production')).toHaveAttribute('data-environment', 'production');
  await expect(fleet.getByTestId('fleet-summary')).toHaveText('3 servers: 1 fine, 0 with warnings, 2 with problems');
  await page.screenshot({ path: '.artifacts/screenshots/fleet-status.png' });

  // The checks behind "Key rejected", and the same request for a shell.
  await row('Team staging').getByRole('button', { name: 'Troubleshoot' }).click();
  const panel = row('Team staging').getByTestId('troubleshooting');
  await expect(panel).toContainText('GET /api/health/detailed with the stored key (Authorization: Bearer)');
  await expect(panel).toContainText('HTTP 401');
  await expect(panel).toContainText('"error":"invalid_token"');
  await expect(panel).toContainText(`curl -sS -i --max-time 5 -H "Authorization: Bearer $MCP_API_KEY" ${staging.url}/api/health/detailed`);
  await expect(panel).toContainText('401 Unauthorized: wrong API key');

  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '.artifacts/screenshots/fleet-status-troubleshooting.png' });

  // The audit log has the failures, with fingerprints.
  await fleet.getByText('Audit log', { exact: true }).click();
  const audit = fleet.getByRole('table');
  await expect(audit.getByRole('row').filter({ hasText: 'Production' }).first()).toContainText('Check failed');
  await expect(audit.getByRole('row').filter({ hasText: 'Team staging' }).first()).toContainText(/sha256:[0-9a-f]{12}/);

  // No key reached the page or any answer of the host; the audit log on disk has none either.
  const content = await page.content();
  for (const key of [laptopKey, staleStagingKey, stagingServerKey]) {
    expect(content).not.toContain(key);
    for (const body of rpcBodies) expect(body).not.toContain(key);
    expect(await filesContaining(stack.homeDir, key)).toEqual([]);
  }
  const auditFile = await readFile(path.join(stack.homeDir, 'audit.log'), 'utf8');
  expect(auditFile).toContain('"event":"probe-failed"');
});

import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { expect, test } from './support/test';
import type { SpawnedMemoryServer } from '../memory-server';
import { distinctiveTestKey, startConsoleStack, startSeededServer, type ConsoleStack } from './support/console-stack';
import { filesContaining, keychainSecrets } from './support/leaks';

const apiKey = distinctiveTestKey();
let server: SpawnedMemoryServer;
let stack: ConsoleStack;

test.beforeAll(async () => {
  server = await startSeededServer(apiKey, 2_000);
  stack = await startConsoleStack();
  const profile = await stack.call('profiles.create', { name: 'Team server', baseUrl: `${server.url}/api`, environment: 'staging' });
  await stack.call('keys.set', { profileId: profile.id, key: apiKey });
  await stack.call('profiles.setActive', { profileId: profile.id });
});

test.afterAll(async () => {
  await stack?.stop();
  await server?.stop();
});

test('opens on the active server and shows its newest memories', async ({ page }) => {
  const rpcBodies: string[] = [];
  page.on('response', async (response) => {
    if (response.url().includes('/rpc/')) rpcBodies.push(await response.text());
  });

  await page.goto(stack.consoleUrl);
  // The launch token was traded for a cookie and is gone from the address bar.
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${stack.hostPort}/$`));

  const servers = page.getByRole('navigation');
  await expect(servers.getByText('Team server')).toBeVisible();
  await expect(servers.getByText('staging')).toBeVisible();
  await expect(page.getByText(/100 of 2,000 loaded/)).toBeVisible();

  // The newest memory on the server is the first row.
  const newest = await fetch(`${server.url}/api/memories?page=1&page_size=1`, { headers: { Authorization: `Bearer ${apiKey}` } }).then(
    (res) => res.json() as Promise<{ memories: Array<{ content: string }> }>,
  );
  const firstLine = newest.memories[0]?.content.split('\n')[0]?.slice(0, 60) ?? '';
  await expect(page.getByRole('main').getByRole('listitem').first()).toContainText(firstLine);

  await page.screenshot({ path: '.artifacts/screenshots/first-screen.png' });

  // The key never reaches the page: not in the DOM, storage, or any answer the host sent.
  expect(await page.content()).not.toContain(apiKey);
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
  expect(storage).not.toContain(apiKey);
  expect(rpcBodies.length).toBeGreaterThan(0);
  for (const body of rpcBodies) expect(body).not.toContain(apiKey);
});

test('styles everything on the first screen with the style sheets it loaded (none waits in a chunk loaded on demand)', async ({ page }) => {
  await page.goto(stack.consoleUrl);
  await expect(page.getByRole('main').getByRole('listitem').first()).toBeVisible();
  await expect(page.getByRole('navigation').getByText('Key accepted')).toBeVisible();
  // Every class the built style sheets define, and which of them the page has loaded rules for.
  const built = new Set<string>();
  for (const file of readdirSync('dist/renderer/assets').filter((name) => name.endsWith('.css'))) {
    for (const match of readFileSync(path.join('dist/renderer/assets', file), 'utf8').matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)) built.add(match[1] as string);
  }
  const { used, loaded } = await page.evaluate(() => {
    const classes = new Set<string>();
    for (const element of document.querySelectorAll<HTMLElement>('[class]')) for (const name of element.classList) classes.add(name);
    const selectors = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join('\n');
    return { used: [...classes], loaded: selectors };
  });
  const loadedClasses = new Set([...loaded.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((match) => match[1]));
  const unstyled = used.filter((name) => built.has(name) && !loadedClasses.has(name));
  expect(unstyled, 'classes on the first screen whose rules sit only in style sheets not loaded yet').toEqual([]);
});

test('keeps the key in the OS keychain and nowhere in the settings or the host output', async () => {
  expect(await keychainSecrets(stack.keychainService)).toContain(apiKey);
  expect(await filesContaining(stack.homeDir, apiKey)).toEqual([]);
  expect(stack.hostOutput()).not.toContain(apiKey);
});

function rawRequest(port: number, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

test('refuses requests without the launch token (401) and with a foreign Host (403)', async ({ page }) => {
  const port = stack.hostPort;
  expect(await rawRequest(port, { Host: `127.0.0.1:${port}` })).toBe(401);
  expect(await rawRequest(port, { Host: `rebound.example:${port}` })).toBe(403);

  // A browser that never saw the token link gets the refusal page, not the console.
  const response = await page.goto(`http://127.0.0.1:${port}/`);
  expect(response?.status()).toBe(401);
  await expect(page.getByText(/launch token/)).toBeVisible();
});

import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import type { SpawnedMemoryServer } from '../memory-server';
import { distinctiveTestKey, startConsoleStack, startSeededServer, type ConsoleStack } from './support/console-stack';

/**
 * The daily flows against a real local memory service holding 10,000 memories: browse to the end,
 * filter, search three ways, create, edit, delete, bulk delete, export, and live updates from
 * another client. Screenshots of the main screens go to .artifacts/screenshots.
 */

const apiKey = distinctiveTestKey();
let server: SpawnedMemoryServer;
let stack: ConsoleStack;

interface ServerMemory {
  content: string;
  content_hash: string;
  tags: string[];
  memory_type: string | null;
}

async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return (await response.json()) as T;
}

const total = async (query: string) => (await api<{ total: number }>(`/api/memories?page=1&page_size=1&${query}`)).total;
const fmt = (n: number) => new Intl.NumberFormat('en-US').format(n);

test.beforeAll(async () => {
  server = await startSeededServer(apiKey, 10_000);
  stack = await startConsoleStack();
  const profile = await stack.call('profiles.create', { name: 'Big server', baseUrl: server.url, environment: 'staging' });
  await stack.call('keys.set', { profileId: profile.id, key: apiKey });
  await stack.call('profiles.setActive', { profileId: profile.id });
});

test.afterAll(async () => {
  await stack?.stop();
  await server?.stop();
});

async function openConsole(page: Page) {
  await page.goto(stack.consoleUrl);
  await expect(page.getByTestId('memory-count')).toHaveText(/of 10,\d{3} loaded/);
}

const count = (page: Page) => page.getByTestId('memory-count');
const rows = (page: Page) => page.getByTestId('memory-row');

test('browses a 10,000-memory server to the end by scrolling', async ({ page }) => {
  test.setTimeout(90_000);
  await openConsole(page);
  const all = await total('');
  await expect(count(page)).toHaveText(`100 of ${fmt(all)} loaded`);
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live');
  await page.screenshot({ path: '.artifacts/screenshots/browse.png' });

  const scroller = page.getByTestId('memory-scroller');
  for (let loaded = 100; loaded < all; ) {
    await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    const next = Math.min(all, loaded + 100);
    await expect(count(page)).toHaveText(`${fmt(next)} of ${fmt(all)} loaded`);
    loaded = next;
  }
  await expect(page.getByTestId('end-of-list')).toHaveText(`All ${fmt(all)} loaded.`);
  // The oldest memory on the server is the last row.
  const last = await api<{ memories: ServerMemory[] }>(`/api/memories?page=${Math.ceil(all / 100)}&page_size=100`);
  const oldest = last.memories.at(-1)?.content_hash ?? '';
  await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await expect(page.locator(`[data-testid="memory-row"][data-hash="${oldest}"]`)).toBeVisible();
});

test('filters by tags (any and all) and by type, with the server’s counts', async ({ page }) => {
  const { tags } = await api<{ tags: { tag: string; count: number }[] }>('/api/tags');
  const [first, second] = tags.filter((tag) => tag.tag !== 'untagged');
  if (!first || !second) throw new Error('seed has too few tags');
  await openConsole(page);

  await page.locator(`button[data-tag="${first.tag}"]`).click();
  await expect(count(page)).toHaveText(new RegExp(`of ${fmt(first.count)} loaded`));
  await page.locator(`button[data-tag="${second.tag}"]`).click();
  const anyCount = await total(`tag=${encodeURIComponent(`${first.tag},${second.tag}`)}&tag_match=any`);
  await expect(count(page)).toHaveText(new RegExp(`of ${fmt(anyCount)} loaded`));
  const filters = page.getByRole('group', { name: 'Filters' });
  await filters.getByLabel('Tags match').selectOption('all');
  const allCount = await total(`tag=${encodeURIComponent(`${first.tag},${second.tag}`)}&tag_match=all`);
  await expect(count(page)).toHaveText(new RegExp(`of ${fmt(allCount)} loaded`));
  await page.screenshot({ path: '.artifacts/screenshots/filters.png' });

  await filters.getByRole('button', { name: 'Clear filters' }).click();
  await filters.getByLabel('Type').selectOption('decision');
  const decisions = await total('memory_type=decision');
  await expect(count(page)).toHaveText(new RegExp(`of ${fmt(decisions)} loaded`));
  const types = await rows(page).locator('.memory-type').allTextContents();
  expect(new Set(types)).toEqual(new Set(['decision']));
});

test('searches by meaning, by tags and by time; a time phrase the server cannot read is explained in place', async ({ page }) => {
  await openConsole(page);
  const input = page.getByTestId('search-input');

  await input.fill('database migration');
  await expect(page.getByTestId('search-count')).toHaveText(/^\d+ results?/);
  await expect(rows(page).first().locator('.memory-row__score')).toHaveText(/score \d\.\d{3}/);
  await page.screenshot({ path: '.artifacts/screenshots/search.png' });

  const { tags } = await api<{ tags: { tag: string; count: number }[] }>('/api/tags');
  // The least used tag (the list is sorted by count, highest first).
  const rare = tags.at(-1);
  if (!rare) throw new Error('seed has no rare tag');
  await page.getByLabel('Search by', { exact: true }).selectOption('tag');
  await input.fill(rare.tag);
  await expect(page.getByTestId('search-count')).toHaveText(`${fmt(rare.count)} ${rare.count === 1 ? 'result' : 'results'}`);

  await page.getByLabel('Search by', { exact: true }).selectOption('time');
  await input.fill('blorp');
  await expect(page.getByTestId('search-error')).toHaveText(/Could not parse time query: 'blorp'/);
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await input.fill('last 30 days');
  await expect(page.getByTestId('search-error')).toHaveCount(0);
  await expect(page.getByTestId('search-count')).toHaveText(/^\d+ results?/);
});

test('creates, edits and deletes a memory; a duplicate is refused', async ({ page }) => {
  await openConsole(page);
  const content = `E2E created memory ${Date.now()}`;

  await page.getByRole('button', { name: 'New memory' }).click();
  const dialog = page.getByRole('dialog', { name: 'New memory' });
  await dialog.getByLabel('Content').fill(content);
  await dialog.getByLabel('Tags (comma separated)').fill('e2e, created');
  await dialog.getByLabel('Type', { exact: true }).selectOption('decision');
  await dialog.getByLabel('Metadata (JSON object, optional)').fill('{"source": "e2e", "priority": 2}');
  await dialog.getByRole('button', { name: 'Store memory' }).click();
  await expect(dialog).toHaveCount(0);
  const row = rows(page).filter({ hasText: content });
  await expect(row).toBeVisible();

  // The same content again: the server answers 200 with success:false, shown as the conflict it is.
  await page.getByRole('button', { name: 'New memory' }).click();
  await dialog.getByLabel('Content').fill(content.toUpperCase());
  await dialog.getByRole('button', { name: 'Store memory' }).click();
  await expect(dialog.getByRole('alert')).toContainText('already stored');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await row.click();
  const detail = page.getByTestId('memory-detail');
  await expect(detail.getByTestId('memory-content')).toHaveText(content);
  await expect(detail).toContainText('priority');
  await page.screenshot({ path: '.artifacts/screenshots/detail.png' });
  await detail.getByRole('button', { name: 'Edit' }).click();
  await expect(detail).toContainText('The content cannot be edited');
  await detail.getByLabel('Tags (comma separated)').fill('e2e, edited');
  await detail.getByRole('button', { name: 'Save changes' }).click();
  await expect(detail.getByRole('list', { name: 'Tags' })).toHaveText(/e2eedited/);
  const hash = (await detail.getByTestId('memory-hash').textContent()) ?? '';
  expect((await api<ServerMemory>(`/api/memories/${hash}`)).tags).toEqual(['e2e', 'edited']);

  await detail.getByRole('button', { name: 'Delete…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete this memory?' });
  await confirm.getByRole('button', { name: 'Delete memory' }).click();
  await expect(detail).toHaveCount(0);
  await expect(rows(page).filter({ hasText: content })).toHaveCount(0);
  expect((await api<{ detail?: string }>(`/api/memories/${hash}`)).detail).toBe('Memory not found');
});

test('bulk-deletes by tag with the server’s count as preview, and summarises', async ({ page }) => {
  for (const n of [1, 2, 3]) await api('/api/memories', { method: 'POST', body: { content: `Bulk doomed ${n} ${Date.now()}`, tags: ['e2e-bulk'] } });
  await openConsole(page);
  await page.getByRole('button', { name: 'Bulk delete…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete all memories with a tag' });
  await dialog.getByLabel('Tag').selectOption('e2e-bulk');
  await expect(dialog.getByTestId('bulk-preview')).toHaveText(/^3 memories will be deleted/);
  await dialog.getByRole('button', { name: 'Delete 3 memories' }).click();
  await expect(page.getByTestId('bulk-summary')).toHaveText('Deleted 3 memories tagged “e2e-bulk”.');
  expect(await total('tag=e2e-bulk')).toBe(0);
});

test('exports the current view, every page, as JSON and as Markdown', async ({ page }) => {
  const { tags } = await api<{ tags: { tag: string; count: number }[] }>('/api/tags');
  const popular = tags.find((tag) => tag.count > 150 && tag.count < 2_000);
  if (!popular) throw new Error('seed has no tag with more than one page');
  await openConsole(page);
  await page.locator(`button[data-tag="${popular.tag}"]`).click();
  await expect(count(page)).toHaveText(new RegExp(`of ${fmt(popular.count)} loaded`));

  for (const format of ['json', 'markdown'] as const) {
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export the current view' });
    await dialog.getByRole('radio', { name: format === 'json' ? /JSON/ : /Markdown/ }).check();
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const download = await downloading;
    await expect(dialog.getByTestId('export-done')).toHaveText(new RegExp(`Exported ${fmt(popular.count)} memories`));
    const text = await readFile((await download.path()) ?? '', 'utf8');
    expect(text).not.toContain(apiKey);
    if (format === 'json') {
      expect(download.suggestedFilename()).toMatch(/^Big-server-memories-.*\.json$/);
      const parsed = JSON.parse(text) as { count: number; memories: ServerMemory[] };
      expect(parsed.count).toBe(popular.count);
      expect(new Set(parsed.memories.map((memory) => memory.content_hash)).size).toBe(popular.count);
      expect(parsed.memories.every((memory) => memory.tags.includes(popular.tag))).toBe(true);
    } else {
      expect(download.suggestedFilename()).toMatch(/\.md$/);
      expect(text).toContain('# Memories from Big server');
      expect(text).toContain(`- Count: ${popular.count}`);
      expect(text.match(/^## /gm)?.length).toBe(popular.count);
    }
    await dialog.getByRole('button', { name: 'Close' }).last().click();
  }
});

test('shows a memory stored by another client live, and removes one deleted elsewhere', async ({ page }) => {
  await openConsole(page);
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live');
  const content = `Stored by another client ${Date.now()}`;
  const stored = await api<{ content_hash: string }>('/api/memories', { method: 'POST', body: { content, tags: ['elsewhere'] } });
  await expect(rows(page).first()).toContainText(content);
  await api(`/api/memories/${stored.content_hash}`, { method: 'DELETE' });
  await expect(rows(page).filter({ hasText: content })).toHaveCount(0);
});

test('overview charts, the dark theme and the shortcut help', async ({ page }) => {
  await openConsole(page);
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(page.getByTestId('growth-chart').locator('canvas')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Most used tags' }).getByRole('listitem')).toHaveCount(15);
  await page.screenshot({ path: '.artifacts/screenshots/overview.png' });

  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('tab', { name: 'Memories' }).click();
  await rows(page).first().click();
  await page.screenshot({ path: '.artifacts/screenshots/dark.png' });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  await page.keyboard.press('Escape');
  await page.locator('body').press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.screenshot({ path: '.artifacts/screenshots/shortcuts.png' });
  await page.keyboard.press('Escape');
  await page.locator('body').press('/');
  await expect(page.getByTestId('search-input')).toBeFocused();
  await page.keyboard.press('Escape');
  await page.getByTestId('search-input').blur();
  await page.locator('body').press('j');
  await expect(rows(page).first()).toBeFocused();
  await page.keyboard.press('j');
  await expect(rows(page).nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('memory-detail')).toBeVisible();
  await page.keyboard.press('Delete');
  await expect(page.getByRole('dialog', { name: 'Delete this memory?' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Delete this memory?' })).toHaveCount(0);
});

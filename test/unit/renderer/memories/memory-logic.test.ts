import { describe, expect, it } from 'vitest';
import type { MemoryPage } from '../../../../electron/contract';
import { collectAllPages } from '../../../../renderer/features/export/collect-memories';
import { exportFileName, toJson, toMarkdown } from '../../../../renderer/features/export/export-format';
import { parseMetadataJson, removedKeys } from '../../../../renderer/features/memories/metadata-json';
import { describeView } from '../../../../renderer/features/memories/view-description';
import { parseTagList, searchParamsFor, initialDraft } from '../../../../renderer/features/search/search-params';
import { globalShortcutFor } from '../../../../renderer/features/shortcuts/shortcuts';
import { resolveTheme } from '../../../../renderer/features/theme/theme';
import { growthSeries } from '../../../../renderer/features/overview/growth-series';
import { makeMemories, makeMemory } from '../support/fake-console';

const header = { serverName: 'Team', view: 'All memories', exportedAt: new Date('2026-11-29T12:00:00Z') };

describe('export formats', () => {
  it('writes JSON with the memories exactly as given', () => {
    const memories = makeMemories(3);
    const parsed = JSON.parse(toJson(header, memories)) as { count: number; memories: unknown[] };
    expect(parsed.count).toBe(3);
    expect(parsed.memories).toEqual(memories);
  });

  it('fences Markdown content so that backticks inside cannot break out', () => {
    const text = toMarkdown(header, [makeMemory(0, { content: 'code:\n```\n# not a heading\n```' })]);
    expect(text).toContain('````text\ncode:\n```\n# not a heading\n```\n````');
    expect(text.match(/^## /gm)).toHaveLength(1);
  });

  it('names files safely', () => {
    expect(exportFileName('My server / prod', 'markdown', header.exportedAt)).toBe('My-server-prod-memories-2026-11-29-12-00-00.md');
  });
});

describe('collectAllPages', () => {
  const pages = (all: ReturnType<typeof makeMemories>, shiftAfterFirst = false) => async (page: number): Promise<MemoryPage> => {
    const list = shiftAfterFirst && page > 1 ? [makeMemory(99_999), ...all] : all;
    const start = (page - 1) * 100;
    return { memories: list.slice(start, start + 100), total: list.length, page, pageSize: 100, hasMore: start + 100 < list.length };
  };

  it('fetches every page and reports progress', async () => {
    const progress: number[] = [];
    const result = await collectAllPages(pages(makeMemories(250)), (p) => progress.push(p.loaded), new AbortController().signal);
    expect(result).toHaveLength(250);
    expect(progress).toEqual([100, 200, 250]);
  });

  it('drops the row a new memory pushed across a page boundary', async () => {
    const result = await collectAllPages(pages(makeMemories(150), true), () => undefined, new AbortController().signal);
    expect(new Set(result.map((m) => m.content_hash)).size).toBe(result.length);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const run = collectAllPages(pages(makeMemories(500)), () => controller.abort(), controller.signal);
    await expect(run).rejects.toThrow();
  });
});

describe('metadata JSON', () => {
  it('accepts objects, refuses other JSON and bad syntax', () => {
    expect(parseMetadataJson('')).toEqual({ ok: true, value: {}, notes: [] });
    expect(parseMetadataJson('{"a":1}')).toMatchObject({ ok: true, value: { a: 1 } });
    expect(parseMetadataJson('[1]')).toMatchObject({ ok: false });
    expect(parseMetadataJson('{a:1}')).toMatchObject({ ok: false });
    expect(parseMetadataJson('{"tags":["x"]}')).toMatchObject({ ok: true, notes: [expect.stringContaining('tags')] });
  });

  it('names keys a merge would keep', () => {
    expect(removedKeys({ a: 1, b: 2 }, { a: 1 })).toEqual(['b']);
  });
});

describe('search parameters', () => {
  it('builds the server parameters only when there is something to search', () => {
    expect(searchParamsFor(initialDraft)).toBeNull();
    expect(searchParamsFor({ ...initialDraft, text: ' db ', threshold: 0.5, limit: 500 })).toEqual({ kind: 'semantic', query: 'db', limit: 100, threshold: 0.5 });
    expect(searchParamsFor({ ...initialDraft, kind: 'tag', text: 'a, b, a,', matchAll: true })).toEqual({ kind: 'tag', tags: ['a', 'b'], matchAll: true, timeFilter: null });
    expect(parseTagList(' , ')).toEqual([]);
  });

  it('describes the view in words', () => {
    expect(describeView({}, null)).toBe('All memories');
    expect(describeView({ tags: ['a', 'b'], tagMatch: 'all', memoryType: 'decision' }, null)).toBe('Memories tagged a, b (all) of type decision');
  });
});

describe('shortcuts, theme and growth data', () => {
  it('ignores single keys while typing, but not Escape', () => {
    const input = document.createElement('input');
    const base = { ctrlKey: false, metaKey: false, altKey: false };
    expect(globalShortcutFor({ ...base, key: '/', target: input })).toBeNull();
    expect(globalShortcutFor({ ...base, key: 'Escape', target: input })).toBe('escape');
    expect(globalShortcutFor({ ...base, key: '/', target: document.body })).toBe('focus-search');
    expect(globalShortcutFor({ ...base, key: '?', target: document.body })).toBe('help');
    expect(globalShortcutFor({ ...base, ctrlKey: true, key: 'n', target: document.body })).toBeNull();
  });

  it('resolves the system theme from the OS preference', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('light', true)).toBe('light');
  });

  it('turns growth points into uPlot columns', () => {
    expect(growthSeries([{ date: '2026-11-01', count: 3, cumulative: 10, label: 'Nov 1' }])).toEqual([[Date.UTC(2026, 10, 1) / 1000], [3], [10]]);
  });
});

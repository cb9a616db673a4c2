// The seed generator: deterministic, varied, realistic, and fast enough for 100k.
import { describe, expect, it } from 'vitest';
import { generateMemories, startMemoryServer } from '../../memory-server/index';
import { contentHash } from '../../memory-server/memory-model';
import { ALL_TYPES } from '../../memory-server/ontology';
import { call, tempDir } from './helpers';

const NOW = 1_795_000_000; // fixed "now" so the output is byte-identical across runs
const sample = generateMemories(5000, 7, { now: NOW });

describe('generateMemories', () => {
  it('returns exactly the requested count with distinct, correct hashes', () => {
    expect(sample).toHaveLength(5000);
    expect(new Set(sample.map((m) => m.content_hash)).size).toBe(5000);
    for (const m of sample.slice(0, 200)) expect(m.content_hash).toBe(contentHash(m.content));
    expect(generateMemories(0, 1)).toEqual([]);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateMemories(300, 7, { now: NOW })).toEqual(sample.slice(0, 300));
    const other = generateMemories(300, 8, { now: NOW });
    expect(other.map((m) => m.content_hash)).not.toEqual(sample.slice(0, 300).map((m) => m.content_hash));
  });

  it('varies length from one line to several paragraphs', () => {
    const lengths = sample.map((m) => m.content.length);
    expect(Math.min(...lengths)).toBeLessThan(80);
    expect(Math.max(...lengths)).toBeGreaterThan(1500);
    const multiParagraph = sample.filter((m) => m.content.split('\n\n').length >= 3).length;
    expect(multiParagraph).toBeGreaterThan(20);
    const oneLine = sample.filter((m) => !m.content.includes('\n')).length;
    expect(oneLine / sample.length).toBeGreaterThan(0.5);
  });

  it('is mostly English with some German, French, Spanish and Japanese', () => {
    const byLang = (code: string): number => sample.filter((m) => m.metadata['language'] === code).length;
    const english = sample.filter((m) => m.metadata['language'] === undefined).length;
    expect(english / sample.length).toBeGreaterThan(0.7);
    for (const code of ['de', 'fr', 'es', 'ja']) expect(byLang(code), code).toBeGreaterThan(50);
    expect(sample.some((m) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(m.content))).toBe(true);
    expect(sample.some((m) => /[äöüß]/.test(m.content))).toBe(true);
    expect(sample.some((m) => /[éèàç]/.test(m.content))).toBe(true);
  });

  it('uses plain and namespaced tags, popular and rare, and only ontology types (or none)', () => {
    const tags = new Map<string, number>();
    for (const m of sample) for (const t of m.tags) tags.set(t, (tags.get(t) ?? 0) + 1);
    for (const ns of ['project:', 'agent:', 'source:']) expect([...tags.keys()].some((t) => t.startsWith(ns)), ns).toBe(true);
    const counts = [...tags.values()].sort((a, b) => b - a);
    expect(counts[0]).toBeGreaterThan(10 * (counts[counts.length - 1] ?? 1));
    for (const m of sample) expect(m.tags.length).toBeGreaterThan(0);
    const types = new Set(sample.map((m) => m.memory_type));
    for (const t of types) if (t !== null) expect(ALL_TYPES).toContain(t);
    expect(types.size).toBeGreaterThan(40);
  });

  it('spreads timestamps over the last two years, denser recently, with ISO twins', () => {
    const twoYears = 2 * 365 * 86400;
    for (const m of sample) {
      expect(m.created_at).toBeLessThanOrEqual(NOW);
      expect(m.created_at).toBeGreaterThanOrEqual(NOW - twoYears);
      expect(m.updated_at).toBeGreaterThanOrEqual(m.created_at);
      expect(Math.abs(Date.parse(m.created_at_iso) / 1000 - m.created_at)).toBeLessThan(0.001);
    }
    const lastQuarter = sample.filter((m) => m.created_at > NOW - twoYears / 8).length;
    const firstQuarter = sample.filter((m) => m.created_at < NOW - (twoYears * 7) / 8).length;
    expect(lastQuarter).toBeGreaterThan(firstQuarter * 2);
  });

  it('carries metadata such as source and priority', () => {
    for (const m of sample.slice(0, 500)) {
      expect(m.metadata['source']).toBeTypeOf('string');
      expect(m.metadata['priority']).toBeGreaterThanOrEqual(1);
      expect(m.metadata['priority']).toBeLessThanOrEqual(5);
    }
  });
});

describe('seeding a server', () => {
  it('fills an empty store with exactly the requested count', async () => {
    const first = await startMemoryServer({ allowAnonymous: true, seed: 250, seedRandom: 3 });
    try {
      const list = await call(first.url, 'GET', '/api/memories?page_size=1');
      expect((list.body as { total: number }).total).toBe(250);
    } finally {
      await first.stop();
    }
  });

  it('does not seed a store that already holds data', async () => {
    const dir = tempDir('ms-seed-');
    try {
      const a = await startMemoryServer({ allowAnonymous: true, dataDir: dir.path, seed: 100 });
      await a.stop();
      const b = await startMemoryServer({ allowAnonymous: true, dataDir: dir.path, seed: 100, seedRandom: 99 });
      const list = await call(b.url, 'GET', '/api/memories?page_size=1');
      expect((list.body as { total: number }).total).toBe(100);
      await b.stop();
    } finally {
      dir.remove();
    }
  });
});

// The memory store: state in memory with indexes for every read the API needs, every mutation
// journaled (see persistence.ts) before the caller answers.
//   all      ascending (created_at, seq)   → list pages, time ranges
//   byTag    one ordered list per tag      → tag-filtered pages and counts without a scan
//   byType   one ordered list per type     → type-filtered pages
//   text     inverted index                → search
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MemoryJson } from './memory-model';
import { OrderedList, mergeNewestFirst } from './ordered-list';
import { Persistence, type JournalEntry } from './persistence';
import { TextIndex } from './text-index';

interface Rec {
  readonly seq: number;
  readonly createdAt: number;
  m: MemoryJson;
}

export interface ListFilter {
  readonly tags: readonly string[];
  readonly matchAll: boolean;
  readonly memoryType: string | undefined;
  readonly offset: number;
  readonly limit: number;
}

export interface ScoredMemory {
  readonly memory: MemoryJson;
  readonly score: number;
}

export interface StoreOptions {
  /** Journal entries that trigger a background compaction into the snapshot. */
  readonly compactAfterEntries?: number;
}

const ACCESS_QUERIES_KEPT = 10;
const LOCK_FILE = 'server.lock';
const openDirs = new Set<string>();

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One server per data directory: two writers appending to one journal would interleave lines. */
function acquireLock(dir: string): void {
  const path = join(dir, LOCK_FILE);
  if (openDirs.has(dir)) throw new Error(`Data directory ${dir} is already open in this process`);
  if (existsSync(path)) {
    const pid = Number(readFileSync(path, 'utf8').trim());
    if (Number.isInteger(pid) && pid !== process.pid && processAlive(pid)) {
      throw new Error(`Data directory ${dir} is in use by process ${pid}`);
    }
  }
  writeFileSync(path, String(process.pid));
  openDirs.add(dir);
}

function releaseLock(dir: string): void {
  openDirs.delete(dir);
  rmSync(join(dir, LOCK_FILE), { force: true });
}

/** The metadata a search hit gets, as the real server writes it. */
export function withAccess(m: MemoryJson, query: string, at: number): MemoryJson {
  const meta = m.metadata;
  const count = typeof meta['access_count'] === 'number' ? meta['access_count'] : 0;
  const previous = Array.isArray(meta['access_queries']) ? (meta['access_queries'] as unknown[]) : [];
  return {
    ...m,
    metadata: {
      ...meta,
      access_count: count + 1,
      last_accessed_at: at,
      access_queries: [...previous.slice(-(ACCESS_QUERIES_KEPT - 1)), { query, timestamp: at }],
    },
  };
}

function replay(memories: readonly MemoryJson[], entries: readonly JournalEntry[]): Map<string, MemoryJson> {
  // Map order is first-insertion order: it becomes the seq order, so ties in created_at keep
  // the order they had before the restart.
  const state = new Map<string, MemoryJson>();
  for (const m of memories) state.set(m.content_hash, m);
  for (const e of entries) {
    if (e.op === 'put') state.set(e.m.content_hash, e.m);
    else if (e.op === 'del') state.delete(e.h);
    else {
      for (const hash of e.h) {
        const m = state.get(hash);
        if (m) state.set(hash, withAccess(m, e.q, e.t));
      }
    }
  }
  return state;
}

export class MemoryStore {
  private readonly byHash = new Map<string, Rec>();
  private readonly bySeq: (Rec | undefined)[] = [];
  private readonly all = new OrderedList<Rec>();
  private readonly byTag = new Map<string, OrderedList<Rec>>();
  private readonly byType = new Map<string, OrderedList<Rec>>();
  private readonly text = new TextIndex();
  private compaction: Promise<void> | undefined;
  private closed = false;

  private constructor(
    private readonly persistence: Persistence,
    private readonly compactAfterEntries: number,
  ) {}

  /** Loads (or creates) the store in `dir`; a torn journal tail is cut off, never fatal. */
  static async open(dir: string, options: StoreOptions = {}): Promise<MemoryStore> {
    const abs = resolve(dir);
    mkdirSync(abs, { recursive: true });
    acquireLock(abs);
    try {
      const persistence = new Persistence(abs);
      const loaded = persistence.load();
      const store = new MemoryStore(persistence, options.compactAfterEntries ?? 20_000);
      store.insertMany([...replay(loaded.memories, loaded.entries).values()]);
      if (persistence.pendingEntries > store.compactAfterEntries) await store.compact();
      return store;
    } catch (error) {
      releaseLock(abs);
      throw error;
    }
  }

  get dir(): string {
    return this.persistence.dir;
  }

  get size(): number {
    return this.byHash.size;
  }

  sizeBytes(): number {
    return this.persistence.sizeBytes();
  }

  get(hash: string): MemoryJson | undefined {
    return this.byHash.get(hash)?.m;
  }

  private index(rec: Rec, bulk: boolean): void {
    this.byHash.set(rec.m.content_hash, rec);
    this.bySeq[rec.seq] = rec;
    if (bulk) this.all.pushUnordered(rec);
    else this.all.insert(rec);
    for (const tag of rec.m.tags) this.addTo(this.byTag, tag, rec, bulk);
    if (rec.m.memory_type !== null) this.addTo(this.byType, rec.m.memory_type, rec, bulk);
    this.text.add(rec.seq, rec.m.content);
  }

  private addTo(map: Map<string, OrderedList<Rec>>, key: string, rec: Rec, bulk: boolean): void {
    let list = map.get(key);
    if (!list) {
      list = new OrderedList<Rec>();
      map.set(key, list);
    }
    if (bulk) list.pushUnordered(rec);
    else list.insert(rec);
  }

  private removeFrom(map: Map<string, OrderedList<Rec>>, key: string, rec: Rec): void {
    const list = map.get(key);
    if (!list) return;
    list.remove(rec);
    if (list.length === 0) map.delete(key);
  }

  private unindex(rec: Rec): void {
    this.byHash.delete(rec.m.content_hash);
    this.bySeq[rec.seq] = undefined;
    this.all.remove(rec);
    for (const tag of rec.m.tags) this.removeFrom(this.byTag, tag, rec);
    if (rec.m.memory_type !== null) this.removeFrom(this.byType, rec.m.memory_type, rec);
    this.text.remove(rec.seq);
  }

  /** Bulk insert (load, seeding): append everywhere, sort each list once. Skips known hashes. */
  private insertMany(memories: readonly MemoryJson[]): number {
    let added = 0;
    for (const m of memories) {
      if (this.byHash.has(m.content_hash)) continue;
      this.index({ seq: this.bySeq.length, createdAt: m.created_at, m }, true);
      added += 1;
    }
    this.all.sort();
    for (const list of this.byTag.values()) list.sort();
    for (const list of this.byType.values()) list.sort();
    return added;
  }

  /** Seeding: adds many memories at once and writes them straight into a fresh snapshot. */
  async addMany(memories: readonly MemoryJson[]): Promise<number> {
    const added = this.insertMany(memories);
    await this.compact();
    return added;
  }

  /** Stores a new memory; false if a live memory has the same hash. Durable on return. */
  create(m: MemoryJson): boolean {
    if (this.byHash.has(m.content_hash)) return false;
    this.persistence.append({ op: 'put', m }, true);
    this.index({ seq: this.bySeq.length, createdAt: m.created_at, m }, false);
    this.maybeCompact();
    return true;
  }

  /** Replaces tags/type/metadata of an existing memory (content and created_at never change). */
  replace(next: MemoryJson): boolean {
    const rec = this.byHash.get(next.content_hash);
    if (!rec) return false;
    this.persistence.append({ op: 'put', m: next }, true);
    const prev = rec.m;
    for (const tag of prev.tags) if (!next.tags.includes(tag)) this.removeFrom(this.byTag, tag, rec);
    for (const tag of next.tags) if (!prev.tags.includes(tag)) this.addTo(this.byTag, tag, rec, false);
    if (prev.memory_type !== next.memory_type) {
      if (prev.memory_type !== null) this.removeFrom(this.byType, prev.memory_type, rec);
      if (next.memory_type !== null) this.addTo(this.byType, next.memory_type, rec, false);
    }
    rec.m = next;
    this.maybeCompact();
    return true;
  }

  delete(hash: string): boolean {
    const rec = this.byHash.get(hash);
    if (!rec) return false;
    this.persistence.append({ op: 'del', h: hash }, true);
    this.unindex(rec);
    this.maybeCompact();
    return true;
  }

  deleteByTag(tag: string): number {
    const list = this.byTag.get(tag);
    if (!list) return 0;
    const victims = [...list.ascending()];
    for (const rec of victims) this.delete(rec.m.content_hash);
    return victims.length;
  }

  countTag(tag: string): number {
    return this.byTag.get(tag)?.length ?? 0;
  }

  countType(type: string): number {
    return this.byType.get(type)?.length ?? 0;
  }

  countSince(seconds: number): number {
    return this.all.countSince(seconds);
  }

  private matching(tags: readonly string[], matchAll: boolean): Rec[] {
    const lists = tags.map((t) => this.byTag.get(t));
    if (matchAll) {
      if (lists.some((l) => !l)) return [];
      const smallest = (lists as OrderedList<Rec>[]).reduce((a, b) => (b.length < a.length ? b : a));
      return smallest.newestFirst(0, smallest.length).filter((rec) => tags.every((t) => rec.m.tags.includes(t)));
    }
    return mergeNewestFirst(lists.filter((l): l is OrderedList<Rec> => l !== undefined));
  }

  /** A newest-first page and the number of matches. */
  list(filter: ListFilter): { items: MemoryJson[]; total: number } {
    const { tags, matchAll, memoryType, offset, limit } = filter;
    let list: OrderedList<Rec> | undefined;
    if (tags.length === 0) list = memoryType === undefined ? this.all : this.byType.get(memoryType);
    else if (tags.length === 1 && memoryType === undefined) list = this.byTag.get(tags[0] as string);
    else {
      let recs = this.matching(tags, matchAll);
      if (memoryType !== undefined) recs = recs.filter((r) => r.m.memory_type === memoryType);
      return { items: recs.slice(offset, offset + limit).map((r) => r.m), total: recs.length };
    }
    if (!list) return { items: [], total: 0 };
    return { items: list.newestFirst(offset, limit).map((r) => r.m), total: list.length };
  }

  /** Every memory carrying any/all of `tags` created at or after `since`, newest first. */
  withTags(tags: readonly string[], matchAll: boolean, since: number | null): MemoryJson[] {
    const recs = this.matching(tags, matchAll);
    return (since === null ? recs : recs.filter((r) => r.createdAt >= since)).map((r) => r.m);
  }

  /** Memories created in [start, end], newest first, at most `limit`. */
  between(start: number | null, end: number | null, limit: number): MemoryJson[] {
    return this.all
      .between(start ?? -Infinity, end ?? Infinity)
      .slice(0, limit)
      .map((r) => r.m);
  }

  /** Lexical relevance search, optionally restricted to a creation-time window. */
  search(query: string, limit: number, start: number | null = null, end: number | null = null): ScoredMemory[] {
    const lo = start ?? -Infinity;
    const hi = end ?? Infinity;
    const hits = this.text.search(
      query,
      limit,
      (seq) => {
        const rec = this.bySeq[seq];
        return rec !== undefined && rec.createdAt >= lo && rec.createdAt <= hi;
      },
      (seq) => this.bySeq[seq]?.createdAt ?? 0,
    );
    const out: ScoredMemory[] = [];
    for (const hit of hits) {
      const rec = this.bySeq[hit.id];
      if (rec) out.push({ memory: rec.m, score: hit.score });
    }
    return out;
  }

  /** Bumps the access counters of search hits and returns the memories as now stored. */
  recordAccess(hashes: readonly string[], query: string, at: number): MemoryJson[] {
    const recs = hashes.map((h) => this.byHash.get(h)).filter((r): r is Rec => r !== undefined);
    if (recs.length === 0) return [];
    this.persistence.append({ op: 'acc', h: recs.map((r) => r.m.content_hash), q: query, t: at }, false);
    for (const rec of recs) rec.m = withAccess(rec.m, query, at);
    this.maybeCompact();
    return recs.map((r) => r.m);
  }

  /** [tag, count] pairs, most used first. */
  tagCounts(): { tag: string; count: number }[] {
    const out = [...this.byTag].map(([tag, list]) => ({ tag, count: list.length }));
    out.sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
    return out;
  }

  typeCounts(): { type: string | null; count: number }[] {
    const typed = [...this.byType].map(([type, list]) => ({ type: type as string | null, count: list.length }));
    const untyped = this.size - typed.reduce((n, t) => n + t.count, 0);
    if (untyped > 0) typed.push({ type: null, count: untyped });
    return typed.sort((a, b) => b.count - a.count);
  }

  /** The `n` newest memories (analytics samples). */
  newest(n: number): MemoryJson[] {
    return this.all.newestFirst(0, n).map((r) => r.m);
  }

  /** Every memory, oldest first (analytics over the whole store). */
  oldestFirst(): readonly { readonly m: MemoryJson }[] {
    return this.all.ascending();
  }

  private maybeCompact(): void {
    if (!this.compaction && !this.closed && this.persistence.pendingEntries > this.compactAfterEntries) {
      void this.compact().catch((error: unknown) => {
        process.stderr.write(`memory-server: compaction failed: ${String(error)}\n`);
      });
    }
  }

  /** Folds the journal into a new snapshot (in seq order, so ties keep their order on reload). */
  async compact(): Promise<void> {
    if (this.compaction) return this.compaction;
    const memories: MemoryJson[] = [];
    for (const rec of this.bySeq) if (rec) memories.push(rec.m);
    this.compaction = this.persistence.compact(memories).finally(() => {
      this.compaction = undefined;
    });
    return this.compaction;
  }

  /** Waits for a running compaction, folds what is left of the journal, releases the directory. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      if (this.compaction) await this.compaction;
      if (this.persistence.pendingEntries > 0) await this.compact();
    } finally {
      this.persistence.close();
      releaseLock(this.persistence.dir);
    }
  }
}

// Server-side figures at scale: seed N memories, reload them, then time list pages and searches
// as real HTTP round trips (keep-alive, one request at a time). Prints nothing; run.ts reports.
import { Agent, request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CORS_ORIGINS } from '../memory-server/config';
import { runServer } from '../memory-server/server';
import { seedIfEmpty } from '../memory-server/start';
import { MemoryStore } from '../memory-server/store';

export interface ServerBenchOptions {
  memories: number;
  runs: number;
}

export interface ServerBenchResult {
  memories: number;
  runs: number;
  /** Generate + index + write the snapshot. */
  seed_ms: number;
  /** Open the data directory again: read, parse, rebuild every index. */
  load_ms: number;
  server_list_p50_ms: number;
  server_list_p95_ms: number;
  server_list_tag_p50_ms: number;
  server_search_p50_ms: number;
  server_search_p95_ms: number;
  server_tag_search_p50_ms: number;
  heap_used_mb: number;
}

const QUERIES = [
  'certificate expired',
  'database migration postgres',
  'login flow connection pooling latency',
  'retro deploys friday incidents',
  'customer export json audit',
  'key rotation checklist',
  'benchmark requests per second',
  'Datensicherung',
  'réunion drapeau',
  '証明書',
  'flaky snapshot tests pin exact versions',
  'staging database reset sunday',
];

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

const round = (n: number): number => Math.round(n * 100) / 100;

function roundTrip(agent: Agent, base: URL, method: string, path: string, body?: unknown): Promise<number> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      { host: base.hostname, port: base.port, path, method, agent, headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {} },
      (res) => {
        res.on('data', () => undefined);
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`${method} ${path} → ${res.statusCode}`));
          else resolve(performance.now() - started);
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function measure(runs: number, next: (i: number) => Promise<number>): Promise<number[]> {
  for (let i = 0; i < Math.min(20, runs); i++) await next(i); // warm-up: JIT, sockets, caches
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await next(i));
  return times.sort((a, b) => a - b);
}

/** In its own function so the seeding store is garbage by the time the load is timed. */
async function seed(dataDir: string, memories: number): Promise<number> {
  const started = performance.now();
  const store = await MemoryStore.open(dataDir);
  await seedIfEmpty(store, memories, 42);
  const ms = performance.now() - started;
  await store.close();
  return ms;
}

export async function benchServer(options: ServerBenchOptions): Promise<ServerBenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'server-bench-'));
  try {
    const seedMs = await seed(dataDir, options.memories);
    const started = performance.now();
    const store = await MemoryStore.open(dataDir);
    const loadMs = performance.now() - started;

    const server = await runServer(
      { apiKeys: [], allowAnonymous: true, host: '127.0.0.1', port: 0, dataDir, heartbeatSeconds: 30, https: undefined, corsOrigins: DEFAULT_CORS_ORIGINS },
      store,
    );
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const base = new URL(server.url);
    try {
      const pages = Math.max(1, Math.floor(options.memories / 100));
      // Deterministic spread over shallow and deep pages.
      const list = await measure(options.runs, (i) => roundTrip(agent, base, 'GET', `/api/memories?page=${1 + ((i * 7919) % pages)}&page_size=100`));
      const tagPages = Math.max(1, Math.floor(store.countTag('database') / 100));
      const listTag = await measure(options.runs, (i) => roundTrip(agent, base, 'GET', `/api/memories?tag=database&page=${1 + ((i * 31) % tagPages)}&page_size=100`));
      const search = await measure(options.runs, (i) => roundTrip(agent, base, 'POST', '/api/search', { query: QUERIES[i % QUERIES.length], n_results: 10 }));
      const tagSearchRuns = Math.max(5, Math.floor(options.runs / 10));
      const tagSearch = await measure(tagSearchRuns, (i) => roundTrip(agent, base, 'POST', '/api/search/by-tag', { tags: [`project:${['docs', 'website', 'infra'][i % 3]}`, 'gdpr'], match_all: true }));
      return {
        memories: store.size,
        runs: options.runs,
        seed_ms: round(seedMs),
        load_ms: round(loadMs),
        server_list_p50_ms: round(percentile(list, 50)),
        server_list_p95_ms: round(percentile(list, 95)),
        server_list_tag_p50_ms: round(percentile(listTag, 50)),
        server_search_p50_ms: round(percentile(search, 50)),
        server_search_p95_ms: round(percentile(search, 95)),
        server_tag_search_p50_ms: round(percentile(tagSearch, 50)),
        heap_used_mb: Math.round(process.memoryUsage().heapUsed / 1e6),
      };
    } finally {
      agent.destroy();
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

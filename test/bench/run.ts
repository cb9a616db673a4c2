// npm run bench -- [--memories N] [--runs N] [--out FILE] [--only NAME[,NAME]]
// A small dispatcher over named benchmarks. Each returns flat figures, printed beside its target;
// --out writes them as JSON, one top-level key per figure. A missed target is reported, never
// a failure: the exit code is non-zero only when a measurement itself breaks.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { benchBrowser, chromiumPath } from './browser-bench';
import { benchBundle } from './bundle-bench';
import { benchKeychain } from './keychain-bench';
import { benchServer } from './server-bench';

export interface BenchOptions {
  readonly memories: number;
  readonly runs: number;
}

type Figures = Readonly<Record<string, number | null>>;

interface BenchOutcome {
  readonly figures: Figures;
  readonly notes?: readonly string[];
  readonly details?: Readonly<Record<string, unknown>>;
}

type Bench = (options: BenchOptions) => Promise<BenchOutcome>;

const log = (line: string) => process.stderr.write(`${line}\n`);

/** Names select them with --only; they run in this order. */
export const BENCHES: Readonly<Record<string, Bench>> = {
  bundle: async () => ({ figures: benchBundle() }),
  keychain: async ({ runs }) => {
    const { unavailable, ...figures } = await benchKeychain({ runs });
    return { figures, notes: unavailable ? [`keychain_read_p50_ms is null: ${unavailable}`] : [] };
  },
  server: async (options) => {
    const { memories: _memories, runs: _runs, ...figures } = await benchServer(options);
    return { figures };
  },
  browser: async (options) => benchBrowser({ ...options, log }),
};

type Target =
  | { readonly kind: 'max'; readonly value: number; readonly unit: string }
  /** At most another figure (the raw round trip) plus an allowance. */
  | { readonly kind: 'relative'; readonly to: string; readonly plus: number; readonly unit: string }
  | { readonly kind: 'limit' }
  /** A measured floor beside a figure: shown with what it is the floor of, never judged. */
  | { readonly kind: 'floor'; readonly of: string };

export const TARGETS: Readonly<Record<string, Target>> = {
  first_rows_ms: { kind: 'relative', to: 'raw_list_ms', plus: 50, unit: 'ms' },
  raw_list_ms: { kind: 'limit' },
  one_row_page_paint_ms: { kind: 'floor', of: 'first_rows_ms: any page' },
  static_first_screen_paint_ms: { kind: 'floor', of: 'first_rows_ms: this screen as HTML' },
  dom_rows_10k: { kind: 'max', value: 150, unit: 'rows' },
  scroll_frame_p95_ms: { kind: 'max', value: 16.7, unit: 'ms' },
  search_painted_ms: { kind: 'relative', to: 'raw_search_ms', plus: 30, unit: 'ms' },
  raw_search_ms: { kind: 'limit' },
  search_requests_20_keys: { kind: 'max', value: 5, unit: 'requests' },
  stale_results_shown: { kind: 'max', value: 0, unit: '' },
  bundle_gzip_kb: { kind: 'max', value: 250, unit: 'KB' },
  host_rss_mb: { kind: 'max', value: 120, unit: 'MB' },
  keychain_read_p50_ms: { kind: 'max', value: 20, unit: 'ms' },
  server_list_p50_ms: { kind: 'max', value: 50, unit: 'ms' },
  server_list_tag_p50_ms: { kind: 'max', value: 50, unit: 'ms' },
  server_search_p50_ms: { kind: 'max', value: 50, unit: 'ms' },
  server_tag_search_p50_ms: { kind: 'max', value: 50, unit: 'ms' },
};

function positiveInt(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} expects a positive integer, got "${value}"`);
  return n;
}

export function judge(name: string, all: Figures): { target: string; verdict: string } {
  const target = TARGETS[name];
  const value = all[name];
  if (target === undefined) return { target: '', verdict: '' };
  switch (target.kind) {
    case 'limit':
      return { target: '(the limit)', verdict: '' };
    case 'floor':
      return { target: `(floor of ${target.of})`, verdict: '' };
    case 'max': {
      const text = target.value === 0 ? '0' : `≤ ${target.value}${target.unit ? ` ${target.unit}` : ''}`;
      if (value === null || value === undefined) return { target: text, verdict: 'n/a' };
      return { target: text, verdict: value <= target.value ? 'ok' : 'MISSED' };
    }
    case 'relative': {
      const base = all[target.to];
      const limit = typeof base === 'number' ? Math.round((base + target.plus) * 10) / 10 : null;
      const text = `≤ ${target.to} + ${target.plus}${limit === null ? '' : ` = ${limit}`} ${target.unit}`;
      if (value === null || value === undefined || limit === null) return { target: text, verdict: 'n/a' };
      return { target: text, verdict: value <= limit ? 'ok' : 'MISSED' };
    }
  }
}

function table(results: Readonly<Record<string, BenchOutcome>>, all: Figures): string {
  const rows: string[][] = [['bench', 'figure', 'value', 'target', '']];
  for (const [bench, outcome] of Object.entries(results)) {
    for (const [name, value] of Object.entries(outcome.figures)) {
      const { target, verdict } = judge(name, all);
      rows.push([bench, name, value === null ? 'null' : String(value), target, verdict]);
    }
  }
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ').trimEnd()).join('\n');
}

function chromiumVersion(): string | null {
  try {
    return execFileSync(chromiumPath, ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function debianVersion(): string | null {
  try {
    return readFileSync('/etc/debian_version', 'utf8').trim();
  } catch {
    return null;
  }
}

function machine(): Record<string, unknown> {
  const debian = debianVersion();
  return { cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model ?? null, memory_gb: Math.round(os.totalmem() / 1e9), node: process.version, os: `${os.type()} ${os.release()}`, debian, chromium: chromiumVersion() };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { memories: { type: 'string' }, runs: { type: 'string' }, out: { type: 'string' }, only: { type: 'string' } },
    strict: true,
  });
  const options: BenchOptions = {
    memories: positiveInt(values.memories, 100_000, '--memories'),
    runs: positiveInt(values.runs, 200, '--runs'),
  };
  const names = values.only ? values.only.split(',').map((n) => n.trim()) : Object.keys(BENCHES);
  for (const name of names) {
    if (!BENCHES[name]) throw new Error(`Unknown bench "${name}" (known: ${Object.keys(BENCHES).join(', ')})`);
  }
  const started = performance.now();
  const results: Record<string, BenchOutcome> = {};
  for (const name of names) {
    log(`running ${name} (${options.memories} memories, ${options.runs} runs)…`);
    const benchStarted = performance.now();
    results[name] = await (BENCHES[name] as Bench)(options);
    log(`  ${name} took ${((performance.now() - benchStarted) / 1000).toFixed(1)} s`);
  }
  const all: Figures = Object.assign({}, ...Object.values(results).map((outcome) => outcome.figures)) as Figures;
  const notes = Object.values(results).flatMap((outcome) => outcome.notes ?? []);
  process.stdout.write(`${table(results, all)}\n`);
  for (const note of notes) process.stdout.write(`note: ${note}\n`);
  if (values.out) {
    const report = {
      ...all,
      date: new Date().toISOString(),
      machine: machine(),
      options,
      seconds: Math.round((performance.now() - started) / 100) / 10,
      notes,
      verdicts: Object.fromEntries(Object.keys(all).filter((name) => TARGETS[name]).map((name) => [name, judge(name, all)])),
      details: Object.fromEntries(Object.entries(results).map(([name, outcome]) => [name, outcome.details ?? {}])),
    };
    writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`wrote ${values.out}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

// npm run bench -- [--memories N] [--runs N] [--out FILE] [--only NAME[,NAME]]
// A small dispatcher over named benchmarks; each returns flat figures, printed beside its target.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { benchServer } from './server-bench';

export interface BenchOptions {
  readonly memories: number;
  readonly runs: number;
}

type Figures = Readonly<Record<string, number>>;
type Bench = (options: BenchOptions) => Promise<Figures>;

/** Add new benchmarks here (e.g. browser figures); names select them with --only. */
export const BENCHES: Readonly<Record<string, Bench>> = {
  server: async (options) => ({ ...(await benchServer(options)) }),
};

/** Targets a figure is judged against; figures without one are informational. */
export const TARGETS_MS: Readonly<Record<string, number>> = {
  server_list_p50_ms: 50,
  server_list_tag_p50_ms: 50,
  server_search_p50_ms: 50,
  server_tag_search_p50_ms: 50,
};

function positiveInt(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} expects a positive integer, got "${value}"`);
  return n;
}

function table(results: Readonly<Record<string, Figures>>): string {
  const rows: string[][] = [['bench', 'figure', 'value', 'target', '']];
  for (const [bench, figures] of Object.entries(results)) {
    for (const [name, value] of Object.entries(figures)) {
      const target = TARGETS_MS[name];
      const verdict = target === undefined ? '' : value <= target ? 'ok' : 'OVER';
      rows.push([bench, name, String(value), target === undefined ? '' : `≤ ${target} ms`, verdict]);
    }
  }
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ').trimEnd()).join('\n');
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
  const results: Record<string, Figures> = {};
  for (const name of names) {
    const bench = BENCHES[name];
    if (!bench) throw new Error(`Unknown bench "${name}" (known: ${Object.keys(BENCHES).join(', ')})`);
    process.stderr.write(`running ${name} (${options.memories} memories, ${options.runs} runs)…\n`);
    results[name] = await bench(options);
  }
  process.stdout.write(`${table(results)}\n`);
  if (values.out) {
    const report = { date: new Date().toISOString(), node: process.version, options, results };
    writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`wrote ${values.out}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

// npm run memory-server -- [--port N] [--host H] [--data DIR] [--seed COUNT] [--seed-random N] [--api-key K]
// Flags override the environment (MCP_API_KEY, MCP_HTTP_HOST, MCP_HTTP_PORT, MCP_MEMORY_BASE_DIR…).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { configFromEnv, parsePort, type ServerConfig } from './config';
import { runServer } from './server';
import { seedIfEmpty } from './start';
import { MemoryStore } from './store';

function fail(message: string): never {
  process.stderr.write(`memory-server: ${message}\n`);
  process.exit(2);
}

function nonNegativeInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) fail(`${flag} expects a non-negative integer, got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      seed: { type: 'string' },
      'seed-random': { type: 'string' },
      'api-key': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write('Usage: npm run memory-server -- [--port N] [--host H] [--data DIR] [--seed COUNT] [--seed-random N] [--api-key K]\n');
    return;
  }

  const env = configFromEnv(process.env);
  const apiKeys = values['api-key'] !== undefined ? [values['api-key'], ...env.apiKeys.filter((k) => k !== process.env['MCP_API_KEY'])] : env.apiKeys;
  let dataDir = values.data ?? process.env['MCP_MEMORY_BASE_DIR'];
  const dataSource = values.data !== undefined ? '--data' : dataDir ? 'MCP_MEMORY_BASE_DIR' : 'temporary directory, deleted on exit';
  const temporary = !dataDir;
  dataDir ??= mkdtempSync(join(tmpdir(), 'memory-server-'));

  const config: ServerConfig = {
    ...env,
    apiKeys: apiKeys.filter((k) => k !== ''),
    host: values.host ?? env.host,
    port: values.port !== undefined ? parsePort(values.port, env.port) : env.port,
    dataDir,
  };

  const store = await MemoryStore.open(dataDir);
  const seedCount = nonNegativeInt(values.seed, '--seed') ?? 0;
  const seeded = await seedIfEmpty(store, seedCount, nonNegativeInt(values['seed-random'], '--seed-random') ?? 42);
  if (seeded.added > 0) process.stderr.write(`Seeded ${seeded.added} memories in ${Math.round(seeded.ms)} ms\n`);
  else if (seedCount > 0) process.stderr.write(`Store already holds ${store.size} memories; --seed skipped\n`);

  const running = await runServer(config, store);

  let stopping = false;
  const shutdown = (code: number): void => {
    if (stopping) return;
    stopping = true;
    void running
      .stop()
      .then(() => {
        if (temporary) rmSync(dataDir, { recursive: true, force: true });
        // Let piped output drain first: process.exit() drops pending asynchronous writes.
        process.stdout.write('', () => process.exit(code));
      })
      .catch((error: unknown) => {
        process.stderr.write(`memory-server: shutdown failed: ${String(error)}\n`);
        process.exit(1);
      });
  };
  // Handlers go in before the ready line: a supervisor may signal the moment it reads it.
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));
  if (process.env['MEMORY_SERVER_EXIT_WITH_PARENT'] === '1') {
    // spawnMemoryServer keeps our stdin open; it closes only when the parent is gone.
    process.stdin.on('end', () => shutdown(0));
    process.stdin.on('error', () => shutdown(0));
    process.stdin.resume();
  }

  // One write, so a reader that acts on the ready line has the data-directory line too.
  process.stdout.write(`MCP Memory Service (local) listening on ${running.url}\nData directory: ${dataDir} (${dataSource})\n`);
}

main().catch((error: unknown) => {
  fail(error instanceof Error ? error.message : String(error));
});

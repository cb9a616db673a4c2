// In-process start: options → ServerConfig, optional seeding, and a stop() that cleans up.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CORS_ORIGINS, DEFAULT_HOST, parseHeartbeat, type ServerConfig } from './config';
import { generateMemories } from './seed-generator';
import { runServer } from './server';
import { MemoryStore } from './store';

export interface MemoryServerOptions {
  /** The single key, as MCP_API_KEY. */
  apiKey?: string;
  /** Extra keys accepted at the same time (the MCP_API_KEYS extension). */
  apiKeys?: string[];
  allowAnonymous?: boolean;
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Default: a fresh temporary directory, deleted by stop(). */
  dataDir?: string;
  /** Fill an EMPTY store with this many generated memories. */
  seed?: number;
  /** PRNG seed for the generator (default 42). */
  seedRandom?: number;
  heartbeatSeconds?: number;
  https?: { certFile: string; keyFile: string };
  corsOrigins?: string[];
}

export interface RunningMemoryServer {
  /** e.g. http://127.0.0.1:41234, no trailing slash. */
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export function keysFromOptions(options: Pick<MemoryServerOptions, 'apiKey' | 'apiKeys'>): string[] {
  const keys: string[] = [];
  for (const key of [options.apiKey, ...(options.apiKeys ?? [])]) {
    if (key !== undefined && key !== '' && !keys.includes(key)) keys.push(key);
  }
  return keys;
}

/** Seeds only an empty store, so restarting a seeded server never duplicates or overwrites. */
export async function seedIfEmpty(store: MemoryStore, count: number, randomSeed: number): Promise<{ added: number; ms: number }> {
  if (count <= 0 || store.size > 0) return { added: 0, ms: 0 };
  const started = performance.now();
  const added = await store.addMany(generateMemories(count, randomSeed));
  return { added, ms: performance.now() - started };
}

export async function startMemoryServer(options: MemoryServerOptions = {}): Promise<RunningMemoryServer> {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'memory-server-'));
  const config: ServerConfig = {
    apiKeys: keysFromOptions(options),
    allowAnonymous: options.allowAnonymous ?? false,
    host: options.host ?? DEFAULT_HOST,
    port: options.port ?? 0,
    dataDir,
    heartbeatSeconds: parseHeartbeat(options.heartbeatSeconds),
    https: options.https,
    corsOrigins: options.corsOrigins ?? DEFAULT_CORS_ORIGINS,
  };
  try {
    const store = await MemoryStore.open(dataDir);
    try {
      await seedIfEmpty(store, options.seed ?? 0, options.seedRandom ?? 42);
    } catch (error) {
      await store.close();
      throw error;
    }
    const running = await runServer(config, store);
    return {
      url: running.url,
      port: running.port,
      dataDir,
      stop: async () => {
        await running.stop();
        if (ownDir) rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

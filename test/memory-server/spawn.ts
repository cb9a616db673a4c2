// Runs the CLI as a child process (real signals, real kill -9) for restart and crash tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, createWriteStream, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { MemoryServerOptions } from './start';

export interface SpawnedMemoryServer {
  url: string;
  port: number;
  pid: number;
  /** SIGTERM, then SIGKILL after 10 s; resolves once the process has exited. */
  stop(): Promise<void>;
  kill(signal?: NodeJS.Signals): void;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

export type SpawnOptions = MemoryServerOptions & { env?: Record<string, string> };

const READY = /^MCP Memory Service \(local\) listening on (\S+)$/m;
const here = dirname(fileURLToPath(import.meta.url));

function cliArgs(options: SpawnOptions): { args: string[]; env: Record<string, string> } {
  const args: string[] = ['--port', String(options.port ?? 0)];
  const env: Record<string, string> = {};
  if (options.host !== undefined) args.push('--host', options.host);
  if (options.dataDir !== undefined) args.push('--data', options.dataDir);
  if (options.seed !== undefined) args.push('--seed', String(options.seed));
  if (options.seedRandom !== undefined) args.push('--seed-random', String(options.seedRandom));
  // Keys travel in the environment, never on the command line where `ps` would show them.
  if (options.apiKey !== undefined) env['MCP_API_KEY'] = options.apiKey;
  if (options.apiKeys !== undefined) env['MCP_API_KEYS'] = options.apiKeys.join(',');
  if (options.allowAnonymous !== undefined) env['MCP_ALLOW_ANONYMOUS_ACCESS'] = String(options.allowAnonymous);
  if (options.heartbeatSeconds !== undefined) env['MCP_SSE_HEARTBEAT'] = String(options.heartbeatSeconds);
  if (options.https) {
    env['MCP_HTTPS_ENABLED'] = 'true';
    env['MCP_SSL_CERT_FILE'] = options.https.certFile;
    env['MCP_SSL_KEY_FILE'] = options.https.keyFile;
  }
  if (options.corsOrigins) env['MCP_CORS_ORIGINS'] = options.corsOrigins.join(',');
  return { args, env };
}

export function spawnMemoryServer(options: SpawnOptions = {}): Promise<SpawnedMemoryServer> {
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const { args, env } = cliArgs(options);
  const child: ChildProcess = spawn(process.execPath, ['--import', tsxLoader, join(here, 'cli.ts'), ...args], {
    // The parent's own MCP_* settings must not leak into the child unless asked for.
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MCP_'))), ...env, ...options.env, MEMORY_SERVER_EXIT_WITH_PARENT: '1' },
    // stdin stays open as a lifeline: when this process dies the pipe closes and the child exits.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  keepForLeakCheck(child, { ...env, ...options.env });

  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`memory server did not start within 60 s\n${out}${err}`));
    }, 60_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = READY.exec(out);
      if (!m || !m[1]) return;
      clearTimeout(timer);
      const url = m[1];
      resolve({
        url,
        port: Number(new URL(url).port),
        pid: child.pid ?? -1,
        exited,
        kill: (signal: NodeJS.Signals = 'SIGKILL') => {
          child.kill(signal);
        },
        stop: async () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGTERM');
          const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(force);
        },
      });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`memory server exited with code ${String(code)} before listening\n${out}${err}`));
    });
  });
}

/**
 * In an end-to-end run (test/e2e/global-setup.ts sets the two variables) the leak check searches
 * every memory service's output, and for every key a service was started with.
 */
function keepForLeakCheck(child: ChildProcess, env: Record<string, string>): void {
  const captureRoot = process.env['MEMORY_CONSOLE_E2E_CAPTURE'];
  const registry = process.env['MEMORY_CONSOLE_E2E_SECRETS'];
  if (registry) {
    const keys = [env['MCP_API_KEY'], ...(env['MCP_API_KEYS']?.split(',') ?? [])].filter((key): key is string => Boolean(key));
    if (keys.length > 0) appendFileSync(registry, `${keys.join('\n')}\n`, { mode: 0o600 });
  }
  if (!captureRoot) return;
  const dir = join(captureRoot, 'memory-servers');
  mkdirSync(dir, { recursive: true });
  const log = createWriteStream(join(dir, `memory-server-${child.pid ?? 'unknown'}.log`));
  child.stdout?.on('data', (chunk: Buffer) => log.write(chunk));
  child.stderr?.on('data', (chunk: Buffer) => log.write(chunk));
  child.once('exit', () => log.end());
}

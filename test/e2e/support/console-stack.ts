import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ContractInput, ContractMethod, ContractOutput } from '../../../electron/contract';
import { createConsoleCore, type ConsoleCore } from '../../../electron/core/console-core';
import { spawnMemoryServer, type SpawnedMemoryServer } from '../../memory-server';
import { captureDir, registerSecret } from './capture';

/**
 * The whole product as a user runs it: a local memory service (child process), the browser-mode
 * host built by `npm run build` (child process), a console home in a temp dir, and the real
 * keychain under a service name of its own. Profiles are added through the same contract the UI
 * uses, from a core in the test process that shares the home and the keychain with the host.
 */
export interface ConsoleStack {
  readonly consoleUrl: string;
  readonly hostPort: number;
  readonly homeDir: string;
  readonly keychainService: string;
  readonly env: NodeJS.ProcessEnv;
  /** Everything the host printed, to search for secrets. */
  hostOutput(): string;
  call<M extends ContractMethod>(method: M, input: ContractInput<M>): Promise<ContractOutput<M>>;
  stop(): Promise<void>;
}

export interface ConsoleStackOptions {
  /**
   * More environment for the host process, e.g. `HOME` pointing at a temp dir holding the memory
   * service's own files (key import looks there). The console's home and keychain service stay the stack's own.
   */
  readonly env?: NodeJS.ProcessEnv;
}

export async function startConsoleStack(options: ConsoleStackOptions = {}): Promise<ConsoleStack> {
  const homeDir = await mkdtemp(path.join(tmpdir(), 'mc-e2e-home-'));
  const keychainService = `${process.env.MEMORY_CONSOLE_KEYCHAIN_SERVICE ?? 'Memory Console e2e'} ${randomBytes(4).toString('hex')}`;
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, MEMORY_CONSOLE_HOME: homeDir, MEMORY_CONSOLE_KEYCHAIN_SERVICE: keychainService };
  const core: ConsoleCore = await createConsoleCore({ mode: 'browser', homeDir, env });

  let output = '';
  const host: ChildProcess = spawn(process.execPath, ['dist/electron/browser-host.cjs', '--port', '0', '--no-open'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  host.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  host.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const consoleUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser host did not start:\n${output}`)), 20_000);
    const check = () => {
      const match = /Memory Console is running at (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    host.stdout?.on('data', check);
    host.on('exit', (code) => reject(new Error(`browser host exited with ${code}:\n${output}`)));
  });

  return {
    consoleUrl,
    hostPort: Number(new URL(consoleUrl).port),
    homeDir,
    keychainService,
    env,
    hostOutput: () => output,
    call: async (method, input) => {
      const result = await core.dispatch(method, input);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
      return result.value as never;
    },
    stop: async () => {
      host.kill('SIGTERM');
      await new Promise((resolve) => (host.exitCode !== null ? resolve(undefined) : host.once('exit', resolve)));
      await core.close();
      // Kept for the leak check (test/e2e/leaks.spec.ts): what the host printed and the home it used.
      const kept = captureDir('hosts', `host-${new URL(consoleUrl).port}`);
      if (kept !== null) {
        await writeFile(path.join(kept, 'host-output.log'), output);
        await cp(homeDir, path.join(kept, 'home'), { recursive: true });
      }
      await rm(homeDir, { recursive: true, force: true });
    },
  };
}

/** A key no one would type by accident, so a search for it finds only real leaks. */
export function distinctiveTestKey(): string {
  const key = `e2eLEAKCHECK${randomBytes(16).toString('hex')}`;
  registerSecret(key);
  return key;
}

export async function startSeededServer(apiKey: string, memories: number): Promise<SpawnedMemoryServer> {
  return spawnMemoryServer({ apiKey, seed: memories });
}

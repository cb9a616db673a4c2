// The browser-mode host as a user runs it (`dist/electron/browser-host.cjs`), as a child process
// whose pid the bench can read RSS from, with a console home of its own and a keychain service
// name of its own. Setup goes through the host's own contract endpoint, so a key set here lives
// wherever the host keeps keys (the real keychain, or the host's session store when there is none).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ContractInput, ContractMethod, ContractOutput } from '../../electron/contract';

export interface BenchHost {
  /** The launch URL (with the token): opening it trades the token for the session cookie. */
  readonly launchUrl: string;
  readonly origin: string;
  readonly pid: number;
  call<M extends ContractMethod>(method: M, input: ContractInput<M>): Promise<ContractOutput<M>>;
  stop(): Promise<void>;
}

const hostScript = 'dist/electron/browser-host.cjs';

export async function startBenchHost(): Promise<BenchHost> {
  if (!existsSync(hostScript) || !existsSync('dist/renderer/index.html')) {
    throw new Error(`${hostScript} or dist/renderer is missing: run \`npm run build\` first`);
  }
  const homeDir = await mkdtemp(path.join(tmpdir(), 'mc-bench-home-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MEMORY_CONSOLE_HOME: homeDir,
    MEMORY_CONSOLE_KEYCHAIN_SERVICE: `Memory Console bench ${randomBytes(4).toString('hex')}`,
  };
  let output = '';
  const host: ChildProcess = spawn(process.execPath, [hostScript, '--port', '0', '--no-open'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  host.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  host.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => host.once('exit', () => resolve()));
  // The host has no lifeline of its own: a bench that crashes must not leave it running.
  const killHost = () => host.kill('SIGKILL');
  process.once('exit', killHost);
  void exited.then(() => process.off('exit', killHost));

  let launchUrl: string;
  try {
    launchUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`browser host did not start:\n${output}`)), 40_000);
      host.stdout?.on('data', () => {
        const match = /Memory Console is running at (\S+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`browser host exited before it was ready:\n${output}`));
      });
    });
  } catch (error) {
    host.kill('SIGKILL');
    await rm(homeDir, { recursive: true, force: true });
    throw error;
  }
  const url = new URL(launchUrl);
  const token = url.searchParams.get('token') ?? '';

  return {
    launchUrl,
    origin: url.origin,
    pid: host.pid ?? -1,
    call: async (method, input) => {
      const response = await fetch(`${url.origin}/rpc/${method}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'X-Memory-Console': '1', 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      const result = (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
      if (!result.ok) throw new Error(`${method} failed: ${result.error?.code} ${result.error?.message}`);
      return result.value as never;
    },
    stop: async () => {
      if (host.exitCode === null && host.signalCode === null) {
        host.kill('SIGTERM');
        const force = setTimeout(() => host.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(force);
      }
      await rm(homeDir, { recursive: true, force: true });
    },
  };
}

/** Resident set size of a process, from /proc (Linux), in MB (MiB, as /proc counts kB). */
export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) / 1024;
}

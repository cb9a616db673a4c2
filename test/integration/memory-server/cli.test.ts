// The CLI as users and scripts see it: one ready line, no secrets in the output, clean shutdown,
// and no orphan when the parent dies.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { call, tempDir, waitUntil } from './helpers';

const root = join(import.meta.dirname, '../../..');
const cli = join(root, 'test/memory-server/cli.ts');
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

interface Run {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

function runCli(args: string[], env: Record<string, string>, afterReady: (url: string, pid: number) => Promise<void>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsx, cli, ...args], { env: { PATH: process.env['PATH'] ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    let ready = false;
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      const m = /listening on (\S+)\n/.exec(stdout);
      if (m && !ready) {
        ready = true;
        afterReady(m[1] as string, child.pid as number).catch(reject);
      }
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    // 'close', not 'exit': only then has all of stdout been read.
    child.on('close', (code, signal) => resolve({ stdout, stderr, code, signal }));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('memory-server CLI', () => {
  it('prints the ready line once and the data dir, never the key, and stops cleanly on SIGTERM', async () => {
    const dir = tempDir('ms-cli-');
    try {
      const secret = 'mcp-0123456789abcdef0123456789abcdef';
      const run = await runCli(['--port', '0', '--data', dir.path, '--seed', '20', '--api-key', secret], {}, async (url, pid) => {
        expect((await call(url, 'GET', '/api/tags', { 'X-API-Key': secret })).status).toBe(200);
        process.kill(pid, 'SIGTERM');
      });
      expect(run.code).toBe(0);
      const lines = run.stdout.trim().split('\n');
      expect(lines.filter((l) => l.startsWith('MCP Memory Service (local) listening on '))).toHaveLength(1);
      expect(lines[0]).toMatch(/^MCP Memory Service \(local\) listening on http:\/\/127\.0\.0\.1:\d+$/);
      expect(lines[1]).toBe(`Data directory: ${dir.path} (--data)`);
      expect(run.stdout + run.stderr).not.toContain(secret);
      expect(run.stderr).toMatch(/Seeded 20 memories in \d+ ms/);
    } finally {
      dir.remove();
    }
  });

  it('takes host, port, key and data directory from the environment; flags win', async () => {
    const dir = tempDir('ms-cli-env-');
    try {
      const run = await runCli(['--port', '0'], { MCP_HTTP_PORT: '1', MCP_API_KEY: 'env-key', MCP_MEMORY_BASE_DIR: dir.path, MCP_HTTP_HOST: '127.0.0.1' }, async (url, pid) => {
        expect((await call(url, 'GET', '/api/tags', { 'X-API-Key': 'env-key' })).status).toBe(200);
        expect((await call(url, 'GET', '/api/tags')).status).toBe(401);
        process.kill(pid, 'SIGINT');
      });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Data directory: ${dir.path} (MCP_MEMORY_BASE_DIR)`);
    } finally {
      dir.remove();
    }
  });

  it('uses and then deletes a temporary directory when given none', async () => {
    const run = await runCli(['--port', '0'], { MCP_ALLOW_ANONYMOUS_ACCESS: 'true' }, async (_url, pid) => {
      process.kill(pid, 'SIGTERM');
    });
    const pattern = /Data directory: (\S+) \(temporary directory, deleted on exit\)/;
    expect(run.stdout).toMatch(pattern);
    const dataDir = pattern.exec(run.stdout)?.[1] ?? '';
    expect({ exists: existsSync(dataDir), code: run.code, signal: run.signal, stderr: run.stderr }).toEqual({ exists: false, code: 0, signal: null, stderr: '' });
  });

  it('exits when the process that spawned it via spawnMemoryServer dies', async () => {
    const parentScript = `
      import { spawnMemoryServer } from ${JSON.stringify(pathToFileURL(join(root, 'test/memory-server/index.ts')).href)};
      const s = await spawnMemoryServer({ allowAnonymous: true });
      process.stdout.write('CHILD ' + s.pid + '\\n');
      setInterval(() => {}, 1000);
    `;
    const parent = spawn(process.execPath, ['--import', tsx, '--input-type=module', '-e', parentScript], { stdio: ['ignore', 'pipe', 'inherit'] });
    const childPid = await new Promise<number>((resolve, reject) => {
      let out = '';
      parent.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /CHILD (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      parent.on('exit', () => reject(new Error(`parent exited early: ${out}`)));
    });
    expect(alive(childPid)).toBe(true);
    parent.kill('SIGKILL');
    await waitUntil(() => !alive(childPid), 10_000, 'the orphaned server to exit');
  });
});

/**
 * The CI step `node scripts/ci/electronegativity.mjs electron` (counted in .ci/run) must pass on
 * the real tree and must fail on a window without the security rules, on a disable without a
 * reason, and without touching the network.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../../..');
const script = path.join(repoRoot, 'scripts', 'ci', 'electronegativity.mjs');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'mc-eneg-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Report {
  readonly findings: readonly { id: string; severity: string; file: string }[];
  readonly parseErrors: readonly unknown[];
  readonly disablesWithoutReason: readonly string[];
}

async function scan(dir: string): Promise<{ code: number; report: Report; elapsedMs: number }> {
  const started = Date.now();
  try {
    const { stdout } = await run(process.execPath, [script, dir, '--json'], { cwd: repoRoot, maxBuffer: 8 * 1024 * 1024 });
    return { code: 0, report: JSON.parse(stdout) as Report, elapsedMs: Date.now() - started };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, report: JSON.parse(failed.stdout) as Report, elapsedMs: Date.now() - started };
  }
}

describe('electronegativity (CI step)', () => {
  it('finds no high or medium issue in electron/, parses every file, and every disable has its reason', async () => {
    const { code, report, elapsedMs } = await scan(path.join(repoRoot, 'electron'));
    expect(report.findings.filter((finding) => finding.severity === 'HIGH' || finding.severity === 'MEDIUM')).toEqual([]);
    expect(report.parseErrors).toEqual([]);
    expect(report.disablesWithoutReason).toEqual([]);
    expect(code).toBe(0);
    // Offline: no wait on a download that cannot happen.
    expect(elapsedMs).toBeLessThan(20_000);
  });

  it('fails on a window without contextIsolation and sandbox, and on a bare disable', async () => {
    const dir = path.join(scratch, 'insecure');
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'main.ts'),
      [
        "import { BrowserWindow, shell } from 'electron';",
        'export function open(url: string): BrowserWindow {',
        '  const window = new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false } });',
        '  void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK',
        '  return window;',
        '}',
        '',
      ].join('\n'),
    );
    const { code, report } = await scan(dir);
    expect(code).toBe(1);
    const ids = report.findings.map((finding) => finding.id);
    expect(ids).toContain('CONTEXT_ISOLATION_JS_CHECK');
    expect(ids).toContain('SANDBOX_JS_CHECK');
    expect(report.disablesWithoutReason).toEqual(['main.ts:4']);
  });
});

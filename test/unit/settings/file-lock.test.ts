import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withFileLock } from '../../../electron/settings/file-lock';

let dir: string;
let lock: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mc-lock-'));
  lock = path.join(dir, 'profiles.json.lock');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('withFileLock', () => {
  it('never lets two holders overlap', async () => {
    let inside = 0;
    let maxInside = 0;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        withFileLock(lock, async () => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          await sleep(5);
          inside--;
        }),
      ),
    );
    expect(maxInside).toBe(1);
    expect(existsSync(lock)).toBe(false);
  });

  it('releases the lock when the work throws', async () => {
    await expect(withFileLock(lock, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(existsSync(lock)).toBe(false);
  });

  it('breaks a lock left by a process that no longer exists', async () => {
    // A pid far above the usual pid_max: certainly not running.
    writeFileSync(lock, JSON.stringify({ pid: 2 ** 30, host: os.hostname(), token: 'dead' }));
    const started = Date.now();
    expect(await withFileLock(lock, async () => 'ran', { timeoutMs: 2000 })).toBe('ran');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('breaks a lock that has not been refreshed for staleMs (e.g. from another host)', async () => {
    writeFileSync(lock, JSON.stringify({ pid: 1, host: 'some-other-host', token: 'old' }));
    const past = new Date(Date.now() - 60_000);
    utimesSync(lock, past, past);
    expect(await withFileLock(lock, async () => 'ran', { staleMs: 10_000, timeoutMs: 2000 })).toBe('ran');
  });

  it('waits for, then times out on, a live lock with a clear conflict error', async () => {
    // Our own parent process is alive, so this lock is live and fresh.
    writeFileSync(lock, JSON.stringify({ pid: process.ppid, host: os.hostname(), token: 'live' }));
    await expect(withFileLock(lock, async () => 'ran', { staleMs: 60_000, timeoutMs: 200 })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/another Memory Console/),
    });
    expect(existsSync(lock)).toBe(true);
  });

  it('does not delete a lock that was taken over by someone else', async () => {
    await withFileLock(lock, async () => {
      // Simulate our lock having been judged stale and replaced by another process.
      writeFileSync(lock, JSON.stringify({ pid: process.ppid, host: os.hostname(), token: 'someone-else' }));
    });
    expect(existsSync(lock)).toBe(true);
  });
});

import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink, utimes } from 'node:fs/promises';
import os from 'node:os';
import { ConsoleFailure } from '../core/console-failure';

export interface FileLockOptions {
  /** A lock file untouched for this long is considered abandoned. The holder refreshes it meanwhile. */
  readonly staleMs?: number;
  /** Give up waiting after this long. */
  readonly timeoutMs?: number;
}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
}

/**
 * Cross-process mutual exclusion for read-modify-write of a settings file (two windows, or the
 * Electron app and a browser-mode host, editing profiles at once).
 *
 * `open(path, 'wx')` is atomic on local filesystems. A lock left by a crashed process is broken
 * when its owner is known dead (same host, pid gone) or when it has not been refreshed for
 * `staleMs`. Breaking renames the lock aside and checks it was still the abandoned one, so two
 * processes breaking the same stale lock do not both end up "holding" it.
 */
export async function withFileLock<T>(lockPath: string, work: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const staleMs = options.staleMs ?? 10_000;
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), token: randomBytes(12).toString('hex') };
  await acquire(lockPath, owner, staleMs, options.timeoutMs ?? 15_000);
  const heartbeat = setInterval(() => {
    const now = new Date();
    void utimes(lockPath, now, now).catch(() => undefined);
  }, Math.max(50, Math.floor(staleMs / 3)));
  heartbeat.unref();
  try {
    return await work();
  } finally {
    clearInterval(heartbeat);
    await release(lockPath, owner);
  }
}

async function acquire(lockPath: string, owner: LockOwner, staleMs: number, timeoutMs: number): Promise<void> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      try {
        await handle.writeFile(JSON.stringify(owner));
      } finally {
        await handle.close();
      }
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const existing = await inspect(lockPath);
    if (existing && isStale(existing, staleMs)) {
      await breakStale(lockPath, existing.raw);
      continue;
    }
    if (Date.now() - started > timeoutMs) {
      throw new ConsoleFailure(
        'conflict',
        'The settings are busy: another Memory Console window or process is holding the lock.',
        `Lock file: ${lockPath}. If no other Memory Console is running, it is removed automatically after ${Math.round(staleMs / 1000)} s.`,
      );
    }
    // Jitter keeps two waiting processes from retrying in lockstep.
    const delay = Math.min(100, 5 + attempt * 2) + Math.random() * 10;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

interface LockState {
  readonly raw: string;
  readonly owner: LockOwner | null;
  readonly ageMs: number;
}

async function inspect(lockPath: string): Promise<LockState | null> {
  try {
    const [raw, info] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
    return { raw, owner: parseOwner(raw), ageMs: Date.now() - info.mtimeMs };
  } catch {
    return null; // released meanwhile: just retry
  }
}

function isStale(state: LockState, staleMs: number): boolean {
  if (state.ageMs > staleMs) return true;
  const owner = state.owner;
  return owner !== null && owner.host === os.hostname() && owner.pid !== process.pid && !isAlive(owner.pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function breakStale(lockPath: string, judgedRaw: string): Promise<void> {
  const aside = `${lockPath}.stale-${randomBytes(4).toString('hex')}`;
  try {
    await rename(lockPath, aside);
  } catch {
    return; // someone else broke or released it
  }
  const movedRaw = await readFile(aside, 'utf8').catch(() => judgedRaw);
  if (movedRaw !== judgedRaw) {
    // We moved a fresh lock another process had just taken: put it back unless yet another exists.
    await link(aside, lockPath).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
}

async function release(lockPath: string, owner: LockOwner): Promise<void> {
  // Only remove our own lock: if it was broken as stale, the file now belongs to someone else.
  const current = await readFile(lockPath, 'utf8').catch(() => null);
  if (current !== null && parseOwner(current)?.token === owner.token) {
    await unlink(lockPath).catch(() => undefined);
  }
}

function parseOwner(raw: string): LockOwner | null {
  try {
    const value = JSON.parse(raw) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string') {
      return { pid: value.pid, host: value.host, token: value.token };
    }
  } catch {
    // A lock being written right now, or one from a crash mid-write: judged by age alone.
  }
  return null;
}

import { createHash } from 'node:crypto';
import type { EventSourceMessage } from 'eventsource-parser';
import type { ChangeSignal, ConsoleError, LiveState, LiveStatus } from '../contract';
import { ConsoleFailure } from '../core/console-failure';
import type { MemoryServerTarget } from '../memory-service/memory-client';
import { followEventStream, type StreamEnd } from './event-stream';

/**
 * Follows one server's event stream at a time (the one the window shows) and turns what it hears
 * into data-free signals: `memories-changed` when a memory was stored or deleted (and after every
 * (re)connection, since events sent while disconnected are lost), `live-status` whenever the
 * connection's state changes. Failures are retried with exponential backoff and jitter.
 */

export interface LiveFollowerOptions {
  /** Reads the profile and its key at connect time (the key lives no longer than the connection). */
  readonly resolveTarget: (profileId: string) => Promise<MemoryServerTarget>;
  readonly emit: (signal: ChangeSignal) => void;
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly connectTimeoutMs?: number;
  readonly idleTimeoutMs?: number;
  /** Bursts of events (an agent storing 50 memories) become one signal per window. */
  readonly changeCoalesceMs?: number;
  readonly now?: () => Date;
  readonly random?: () => number;
}

export interface LiveFollower {
  follow(profileId: string | null): LiveStatus;
  status(): LiveStatus;
  /** Profiles or keys changed: reconnect if the followed server's address, key or pin did. */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

/** Events after which what the server holds differs (memory-service-api.md §5). */
const changeEvents: ReadonlySet<string> = new Set(['memory_stored', 'memory_deleted', 'sync_completed']);

interface Session {
  readonly profileId: string;
  readonly controller: AbortController;
  identity: string | null;
  done: Promise<void>;
}

export function createLiveFollower(options: LiveFollowerOptions): LiveFollower {
  const initialBackoffMs = options.initialBackoffMs ?? 1_000;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const connectTimeoutMs = options.connectTimeoutMs ?? 15_000;
  const idleTimeoutMs = options.idleTimeoutMs ?? 75_000;
  const changeCoalesceMs = options.changeCoalesceMs ?? 250;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;

  let session: Session | null = null;
  let current: LiveStatus = { profileId: null, state: 'off', since: now().toISOString(), error: null, retryAt: null };
  let changeTimer: NodeJS.Timeout | undefined;

  const setStatus = (profileId: string | null, state: LiveState, error: ConsoleError | null = null, retryAt: Date | null = null) => {
    current = {
      profileId,
      state,
      since: now().toISOString(),
      error: error === null ? null : { code: error.code, message: error.message },
      retryAt: retryAt?.toISOString() ?? null,
    };
    if (profileId !== null) {
      options.emit({ kind: 'live-status', profileId, connected: state === 'live' });
    }
  };

  const announceChange = (profileId: string) => {
    if (changeTimer !== undefined) return;
    changeTimer = setTimeout(() => {
      changeTimer = undefined;
      options.emit({ kind: 'memories-changed', profileId });
    }, changeCoalesceMs);
  };

  const run = async (active: Session): Promise<void> => {
    const { profileId, controller } = active;
    let failures = 0;
    while (!controller.signal.aborted) {
      let target: MemoryServerTarget;
      try {
        target = await options.resolveTarget(profileId);
      } catch (error) {
        if (controller.signal.aborted) return;
        if (error instanceof ConsoleFailure && error.code === 'not-found') {
          // The profile was deleted: nothing to follow any more.
          setStatus(profileId, 'off', error.toError());
          return;
        }
        failures += 1;
        if (!(await retryLater(active, failures, describe(error)))) return;
        continue;
      }
      active.identity = identityOf(target);

      let end: StreamEnd | ConsoleError;
      try {
        end = await followEventStream({
          target,
          connectTimeoutMs,
          idleTimeoutMs,
          signal: controller.signal,
          onOpen: () => {
            failures = 0;
            setStatus(profileId, 'live');
            // Whatever happened while we were not listening is unknown: refresh.
            announceChange(profileId);
          },
          onEvent: (event: EventSourceMessage) => {
            if (event.event === undefined || !changeEvents.has(event.event)) return;
            if (event.event === 'memory_deleted' && /"success":\s*false/.test(event.data)) return;
            announceChange(profileId);
          },
        });
      } catch (error) {
        end = describe(error);
      }
      if (controller.signal.aborted || end === 'aborted') return;
      failures += 1;
      const reason: ConsoleError =
        end === 'ended'
          ? { code: 'server-unreachable', message: 'The server ended the event stream (it may be restarting).' }
          : end === 'idle'
            ? { code: 'server-unreachable', message: 'The event stream went silent, so the console is reconnecting.' }
            : end;
      if (!(await retryLater(active, failures, reason))) return;
    }
  };

  /** Waits out the backoff; false when the session was stopped meanwhile. */
  const retryLater = async (active: Session, failures: number, reason: ConsoleError): Promise<boolean> => {
    const base = Math.min(maxBackoffMs, initialBackoffMs * 2 ** Math.min(failures - 1, 20));
    const delay = Math.round(base * (0.8 + 0.4 * random()));
    setStatus(active.profileId, 'retrying', reason, new Date(now().getTime() + delay));
    await sleep(delay, active.controller.signal);
    if (active.controller.signal.aborted) return false;
    setStatus(active.profileId, 'connecting');
    return true;
  };

  const start = (profileId: string): void => {
    const active: Session = { profileId, controller: new AbortController(), identity: null, done: Promise.resolve() };
    session = active;
    setStatus(profileId, 'connecting');
    active.done = run(active).catch(() => {
      if (session === active) setStatus(profileId, 'off', { code: 'internal', message: 'Live updates stopped after an unexpected error.' });
    });
  };

  const stop = (): Session | null => {
    const previous = session;
    session = null;
    if (previous !== null) {
      previous.controller.abort();
      clearTimeout(changeTimer);
      changeTimer = undefined;
    }
    return previous;
  };

  return {
    follow(profileId) {
      if (session !== null && session.profileId === profileId) return current;
      const previous = stop();
      if (previous !== null) setStatus(previous.profileId, 'off');
      if (profileId === null) {
        current = { ...current, profileId: null, state: 'off', error: null, retryAt: null };
        return current;
      }
      start(profileId);
      return current;
    },
    status: () => current,
    async refresh() {
      const active = session;
      if (active === null) return;
      let identity: string | null;
      try {
        identity = identityOf(await options.resolveTarget(active.profileId));
      } catch (error) {
        if (error instanceof ConsoleFailure && error.code === 'not-found' && session === active) {
          stop();
          setStatus(active.profileId, 'off', error.toError());
        }
        return;
      }
      // Same address, key and pin: the open stream is still the right one.
      if (session !== active || identity === active.identity) return;
      stop();
      start(active.profileId);
    },
    async close() {
      const previous = stop();
      await previous?.done;
    },
  };
}

function describe(error: unknown): ConsoleError {
  if (error instanceof ConsoleFailure) return error.toError();
  return { code: 'internal', message: 'The live connection failed unexpectedly.' };
}

/** Compares connections without keeping the key around as a plain string. */
function identityOf(target: MemoryServerTarget): string {
  return createHash('sha256')
    .update(JSON.stringify([target.baseUrl, target.apiKey, target.pinnedCertSha256 ?? null]))
    .digest('hex');
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

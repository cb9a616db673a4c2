import type { KeyVerdict, VerificationView } from '../contract/rotation';
import type { KeyProber, KeyProbeTarget } from './key-probe';

/**
 * Step 3: asks the server about the new key every few seconds until it is accepted, the deadline
 * passes or the user cancels. Progress lives in memory (a restarted console simply offers to check
 * again); only the outcome "accepted" is persisted, by `onAccepted`.
 */

export interface VerifyJob {
  readonly profileId: string;
  readonly rotationId: string;
  readonly target: KeyProbeTarget;
  readonly newKey: string;
  /** Asked once the new key is accepted: still accepted too means the server overlaps both keys. */
  readonly oldKey: string | null;
  readonly timeoutMs: number;
}

export interface VerifierOptions {
  readonly prober: KeyProber;
  readonly intervalMs: number;
  readonly now: () => Date;
  readonly onAccepted: (profileId: string, rotationId: string, overlap: boolean) => Promise<void>;
  readonly onEnded: (profileId: string) => void;
}

export interface Verifier {
  start(job: VerifyJob): void;
  /** The user's cancel: the progress stays, as "cancelled". */
  cancel(profileId: string): void;
  /** The rotation moved on or ended: forget it. */
  stop(profileId: string): void;
  stopAll(): void;
  progress(profileId: string, rotationId: string): VerificationView | null;
}

interface Run {
  readonly rotationId: string;
  readonly abort: AbortController;
  view: VerificationView;
}

export function createVerifier(options: VerifierOptions): Verifier {
  const runs = new Map<string, Run>();

  const loop = async (job: VerifyJob, run: Run): Promise<void> => {
    const startedAt = options.now();
    const deadline = new Date(startedAt.getTime() + job.timeoutMs);
    let attempts = 0;
    let last: KeyVerdict | null = null;
    let lastMessage = 'Not checked yet.';
    const polling = (): VerificationView => ({ state: 'polling', attempts, startedAt: startedAt.toISOString(), deadline: deadline.toISOString(), last, lastMessage });
    run.view = polling();
    while (!run.abort.signal.aborted) {
      attempts++;
      const result = await options.prober(job.target, job.newKey, { signal: run.abort.signal }).catch(() => ({ verdict: 'unreachable' as const, message: 'The check failed before the server answered.' }));
      if (run.abort.signal.aborted) break;
      last = result.verdict;
      lastMessage = result.message;
      run.view = polling();
      if (result.verdict === 'accepted') {
        const old = job.oldKey === null ? null : await options.prober(job.target, job.oldKey, { signal: run.abort.signal }).catch(() => null);
        if (run.abort.signal.aborted) break;
        const overlap = old?.verdict === 'accepted';
        try {
          await options.onAccepted(job.profileId, job.rotationId, overlap);
          run.view = { state: 'accepted', acceptedAt: options.now().toISOString(), overlap };
        } catch {
          run.view = { state: 'timed-out', attempts, last, lastMessage: 'The server accepted the new key, but the console could not save that. Check again.' };
        }
        options.onEnded(job.profileId);
        return;
      }
      if (options.now().getTime() + options.intervalMs > deadline.getTime()) {
        run.view = { state: 'timed-out', attempts, last, lastMessage };
        options.onEnded(job.profileId);
        return;
      }
      await sleep(options.intervalMs, run.abort.signal);
    }
    if (run.view.state === 'polling') run.view = { state: 'cancelled', attempts };
  };

  const verifier: Verifier = {
    start(job) {
      verifier.stop(job.profileId);
      const run: Run = { rotationId: job.rotationId, abort: new AbortController(), view: { state: 'idle' } };
      runs.set(job.profileId, run);
      void loop(job, run);
    },
    cancel(profileId) {
      const run = runs.get(profileId);
      if (run === undefined || run.view.state !== 'polling') return;
      run.abort.abort();
      run.view = { state: 'cancelled', attempts: run.view.attempts };
    },
    stop(profileId) {
      runs.get(profileId)?.abort.abort();
      runs.delete(profileId);
    },
    stopAll() {
      for (const profileId of [...runs.keys()]) verifier.stop(profileId);
    },
    progress(profileId, rotationId) {
      const run = runs.get(profileId);
      return run && run.rotationId === rotationId ? run.view : null;
    },
  };
  return verifier;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

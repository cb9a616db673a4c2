import type { KeyVerdict } from '../contract/rotation';
import type { ServerStatus } from '../contract/status';
import { describeStatus } from '../diagnostics/status-text';
import { runProbes, type ProbeOptions } from '../diagnostics/run-probes';

/** The keychain account of a rotation's new key, beside the profile's own `profile:<id>`. */
export function pendingKeyAccount(profileId: string): string {
  return `profile:${profileId}:pending`;
}

export interface KeyProbeTarget {
  readonly baseUrl: string;
  readonly trustedCertSha256: string | null;
}

export interface KeyProbeResult {
  readonly verdict: KeyVerdict;
  /** The diagnostics' words for what the server said. */
  readonly message: string;
}

export type KeyProber = (target: KeyProbeTarget, key: string, options?: { readonly signal?: AbortSignal }) => Promise<KeyProbeResult>;

/**
 * Whether the server accepts a key, judged by the diagnostics' probes (issue 5) rather than a
 * second classification: GET /api/health/detailed with `Authorization: Bearer <key>`, which on the
 * real server is 200 for the configured key and 401 for any other.
 */
export function createKeyProber(options: Pick<ProbeOptions, 'send'> & { readonly timeoutMs?: number } = {}): KeyProber {
  return async (target, key, call = {}) => {
    const result = await runProbes(
      { baseUrl: target.baseUrl, apiKey: key, trustedCertSha256: target.trustedCertSha256 },
      { timeoutMs: options.timeoutMs ?? 4_000, ...(options.send ? { send: options.send } : {}), ...(call.signal ? { signal: call.signal } : {}) },
    );
    const verdict = verdictFor(result.status);
    return { verdict, message: messageFor(verdict, result.status, target.baseUrl, options.timeoutMs ?? 4_000) };
  };
}

export function verdictFor(status: ServerStatus): KeyVerdict {
  switch (status.kind) {
    case 'key-accepted':
    case 'anonymous-trap':
      return 'accepted';
    case 'open-to-anyone':
      // keyStored is true here (a key was sent): the keyed request itself was answered 200.
      return status.keyStored ? 'accepted' : 'rejected';
    case 'key-rejected':
      return 'rejected';
    case 'forbidden':
      return 'forbidden';
    case 'unreachable':
      return 'unreachable';
    case 'tls-problem':
      return 'tls-problem';
    case 'server-has-no-key':
      return 'server-has-no-key';
    case 'not-memory-service':
      return 'not-memory-service';
    case 'server-error':
      return 'server-error';
    case 'no-key-stored':
      return 'rejected';
  }
}

function messageFor(verdict: KeyVerdict, status: ServerStatus, baseUrl: string, timeoutMs: number): string {
  if (verdict === 'accepted') return 'The server accepted this key.';
  if (status.kind === 'key-rejected') return `The server refused this key (HTTP ${status.httpStatus}).`;
  // The other statuses are about the server, not the key: the diagnostics' own words fit.
  const words = describeStatus(status, { baseUrl, environment: 'production', timeoutMs });
  return `${words.label}. ${words.message}`;
}

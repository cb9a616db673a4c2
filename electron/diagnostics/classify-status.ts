import { z } from 'zod';
import type { KeyRejectedReason, NotMemoryServiceReason, ProbeStep, ServerFacts, ServerStatus, TlsReason, UnreachableReason } from '../contract/status';
import type { Observation, ProbeRun } from './observation';

/**
 * The whole decision, as a pure function of what the probes saw so far: either the next probe to
 * run or the final status. Keeping it pure means every branch is tested without a network, and
 * the runner cannot send a probe the decision did not ask for (the key goes out only after
 * /api/health looked like a memory service).
 */

export interface ClassifyContext {
  readonly keyStored: boolean;
  /** Bare hex of the certificate trusted for this profile, if any. */
  readonly trustedCertSha256: string | null;
}

export type Verdict = { readonly next: ProbeStep } | { readonly status: ServerStatus };

/** The service's rules (memory-service-api.md §3.2): there is no read-only API key. */
export const keyScopes: readonly string[] = ['read', 'write', 'admin'];
export const anonymousScopes: readonly string[] = ['read', 'write'];

const detailedHealthSchema = z.looseObject({
  status: z.string(),
  version: z.string().optional(),
  storage: z
    .looseObject({
      backend: z.string().optional(),
      total_memories: z.number().optional(),
    })
    .optional(),
  statistics: z
    .looseObject({
      backend: z.string().optional(),
      total_memories: z.number().optional(),
    })
    .optional(),
});

const fastApiAuthError = z.object({ detail: z.object({ error: z.string(), error_description: z.string().optional() }) });
const guideError = z.object({ error: z.string(), message: z.string().optional() });

export function classify(run: ProbeRun, context: ClassifyContext): Verdict {
  const health = run.health;
  if (!health) return { next: 'health' };
  if (health.kind === 'failed') return { status: transportStatus(health, context) };
  const healthProblem = notAnAnswer(health);
  if (healthProblem) return { status: healthProblem };
  if (health.httpStatus === 200) {
    if (!isHealthy(health.json)) return { status: notMemoryService('unexpected-health', health) };
  } else if (health.httpStatus !== 401 && health.httpStatus !== 403) {
    // /api/health is public on the service; a 401/403 here can only be a proxy guarding everything,
    // which the credentialed probe will tell apart. Anything else is not the service.
    return { status: notMemoryService('unexpected-answer', health) };
  }

  const anonymous = run['detailed-anonymous'];
  if (!anonymous) return { next: 'detailed-anonymous' };
  if (anonymous.kind === 'failed') return { status: transportStatus(anonymous, context) };
  const anonymousProblem = notAnAnswer(anonymous);
  if (anonymousProblem) return { status: anonymousProblem };
  let anonymousFacts: ServerFacts | null = null;
  if (anonymous.httpStatus === 200) {
    anonymousFacts = serverFacts(anonymous, anonymousScopes);
    if (!anonymousFacts) return { status: notMemoryService('unexpected-answer', anonymous) };
  } else if (anonymous.httpStatus === 401) {
    if (isNoKeyConfigured(anonymous.json)) return { status: { kind: 'server-has-no-key' } };
  } else if (anonymous.httpStatus !== 403) {
    return { status: notMemoryService('unexpected-answer', anonymous) };
  }

  if (!context.keyStored) {
    return { status: anonymousFacts ? { kind: 'open-to-anyone', server: anonymousFacts, keyStored: false } : { kind: 'no-key-stored' } };
  }

  const keyed = run['detailed-key'];
  if (!keyed) return { next: 'detailed-key' };
  if (keyed.kind === 'failed') return { status: transportStatus(keyed, context) };
  const keyedProblem = notAnAnswer(keyed);
  if (keyedProblem) return { status: keyedProblem };
  switch (keyed.httpStatus) {
    case 200: {
      const facts = serverFacts(keyed, keyScopes);
      if (!facts) return { status: notMemoryService('unexpected-answer', keyed) };
      const trap = run['anonymous-trap'];
      if (!trap) return { next: 'anonymous-trap' };
      if (trap.kind === 'answered' && trap.httpStatus === 200) return { status: { kind: 'anonymous-trap', server: facts } };
      if (anonymousFacts) return { status: { kind: 'open-to-anyone', server: facts, keyStored: true } };
      return { status: { kind: 'key-accepted', server: facts } };
    }
    case 401:
      return { status: { kind: 'key-rejected', reason: rejectionReason(keyed.json), httpStatus: 401, anonymousOpen: anonymousFacts !== null } };
    case 403:
      if (isGuideInvalidKey(keyed.json)) {
        return { status: { kind: 'key-rejected', reason: 'guide-forbidden', httpStatus: 403, anonymousOpen: anonymousFacts !== null } };
      }
      return { status: { kind: 'forbidden', httpStatus: 403, scopeError: authErrorCode(keyed.json) === 'insufficient_scope' } };
    default:
      return { status: notMemoryService('unexpected-answer', keyed) };
  }
}

/** Redirects, server errors, 404s and anything that is not JSON end the probing. */
function notAnAnswer(observation: Extract<Observation, { kind: 'answered' }>): ServerStatus | null {
  const { httpStatus } = observation;
  if (httpStatus >= 300 && httpStatus < 400) return notMemoryService('redirect', observation);
  if (httpStatus >= 500) return { kind: 'server-error', httpStatus };
  if (httpStatus === 404) return notMemoryService('not-found', observation);
  if (observation.json === undefined) return notMemoryService(looksLikeHtml(observation) ? 'html' : 'not-json', observation);
  return null;
}

function notMemoryService(reason: NotMemoryServiceReason, observation: Extract<Observation, { kind: 'answered' }>): ServerStatus {
  return {
    kind: 'not-memory-service',
    reason,
    httpStatus: observation.httpStatus,
    ...(reason === 'redirect' && observation.location ? { location: observation.location } : {}),
  };
}

export function looksLikeHtml(observation: Extract<Observation, { kind: 'answered' }>): boolean {
  return /html/i.test(observation.contentType ?? '') || /^\s*</.test(observation.text);
}

function transportStatus(observation: Extract<Observation, { kind: 'failed' }>, context: ClassifyContext): ServerStatus {
  const tls = tlsReason(observation.failure);
  if (tls) {
    return {
      kind: 'tls-problem',
      reason: tls,
      certSha256: bareHex(observation.certSha256),
      trustedCertSha256: tls === 'pin-mismatch' ? context.trustedCertSha256 : null,
    };
  }
  if (observation.failure === 'too-large') return { kind: 'not-memory-service', reason: 'too-large', httpStatus: null };
  return { kind: 'unreachable', reason: unreachableReason(observation.failure) };
}

function tlsReason(failure: string): TlsReason | null {
  switch (failure) {
    case 'tls-self-signed':
      return 'self-signed';
    case 'tls-expired':
      return 'expired';
    case 'tls-hostname':
      return 'wrong-host';
    case 'tls-pin-mismatch':
      return 'pin-mismatch';
    case 'tls-other':
      return 'other';
    default:
      return null;
  }
}

function unreachableReason(failure: string): UnreachableReason {
  switch (failure) {
    case 'dns':
    case 'refused':
    case 'timeout':
    case 'reset':
      return failure;
    default:
      return 'other';
  }
}

export function bareHex(fingerprint: string | null): string | null {
  if (fingerprint === null) return null;
  const hex = fingerprint.replace(/^sha256:/i, '').replace(/:/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

function isHealthy(json: unknown): boolean {
  return typeof json === 'object' && json !== null && !Array.isArray(json) && (json as Record<string, unknown>)['status'] === 'healthy';
}

function serverFacts(observation: Extract<Observation, { kind: 'answered' }>, scopes: readonly string[]): ServerFacts | null {
  const parsed = detailedHealthSchema.safeParse(observation.json);
  if (!parsed.success) return null;
  const { data } = parsed;
  const count = data.storage?.total_memories ?? data.statistics?.total_memories;
  return {
    version: data.version ?? null,
    backend: data.storage?.backend ?? data.statistics?.backend ?? null,
    memoryCount: typeof count === 'number' && Number.isFinite(count) ? count : null,
    roundTripMs: Math.round(observation.elapsedMs),
    scopes,
  };
}

function authErrorCode(json: unknown): string | null {
  const parsed = fastApiAuthError.safeParse(json);
  return parsed.success ? parsed.data.detail.error : null;
}

/** "Set MCP_ALLOW_ANONYMOUS_ACCESS=true" is what the service says when it has no key at all (§3.3, B). */
export function isNoKeyConfigured(json: unknown): boolean {
  const parsed = fastApiAuthError.safeParse(json);
  return parsed.success && parsed.data.detail.error === 'authorization_required' && /MCP_ALLOW_ANONYMOUS_ACCESS/.test(parsed.data.detail.error_description ?? '');
}

function isGuideInvalidKey(json: unknown): boolean {
  const parsed = guideError.safeParse(json);
  return parsed.success && /^forbidden$/i.test(parsed.data.error) && /invalid api key/i.test(parsed.data.message ?? '');
}

function rejectionReason(json: unknown): KeyRejectedReason {
  switch (authErrorCode(json)) {
    case 'invalid_token':
      return 'invalid-token';
    case 'authorization_required':
      return 'authorization-required';
    default: {
      const guide = guideError.safeParse(json);
      if (guide.success && /^unauthorized$/i.test(guide.data.error)) return 'guide-unauthorized';
      return 'other';
    }
  }
}

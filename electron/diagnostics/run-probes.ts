import { randomBytes } from 'node:crypto';
import type { ProbeCheck, ProbeStep, ServerStatus } from '../contract/status';
import { ConsoleFailure } from '../core/console-failure';
import { sendHttpRequest, TransportFailure, type HttpRequest, type HttpResponse } from '../memory-service/http-transport';
import { endpointUrl } from '../memory-service/memory-client';
import { bodyExcerpt, scrubSecrets } from './body-excerpt';
import { classify, type ClassifyContext } from './classify-status';
import { describeCheck } from './check-meaning';
import { curlCommand } from './curl-command';
import type { Observation, ProbeRun } from './observation';

export interface ProbeTarget {
  readonly baseUrl: string;
  /** Read from the keychain by the caller; null (or empty) means no key is stored. */
  readonly apiKey: string | null;
  /** Bare hex or `sha256:<hex>` of the certificate the user trusted for this profile. */
  readonly trustedCertSha256: string | null;
}

export interface ProbeOptions {
  /** Per request. */
  readonly timeoutMs: number;
  readonly send?: (request: HttpRequest) => Promise<HttpResponse>;
  readonly signal?: AbortSignal;
}

export interface ProbeResult {
  readonly status: ServerStatus;
  readonly checks: readonly ProbeCheck[];
  readonly run: ProbeRun;
}

/** A health answer is a few hundred bytes; anything near this is not a health answer. */
const maxProbeBytes = 256 * 1024;

const stepPath: Record<ProbeStep, string> = {
  health: '/api/health',
  'detailed-anonymous': '/api/health/detailed',
  'detailed-key': '/api/health/detailed',
  'anonymous-trap': '/api/health/detailed',
};

const stepCredential: Record<ProbeStep, ProbeCheck['credential']> = {
  health: 'none',
  'detailed-anonymous': 'none',
  'detailed-key': 'stored-key-bearer',
  'anonymous-trap': 'wrong-key-x-api-key',
};

const stepTitle: Record<ProbeStep, string> = {
  health: 'GET /api/health without credentials',
  'detailed-anonymous': 'GET /api/health/detailed without credentials',
  'detailed-key': 'GET /api/health/detailed with the stored key (Authorization: Bearer)',
  'anonymous-trap': 'GET /api/health/detailed with a deliberately wrong key (X-API-Key)',
};

/**
 * Runs the probes one after another, each only when the decision so far asks for it, and each
 * with its own deadline: a stalled server costs at most one timeout per probe that was needed.
 */
export async function runProbes(target: ProbeTarget, options: ProbeOptions): Promise<ProbeResult> {
  // The address comes from profiles.json, which a user may have edited by hand.
  if (!URL.canParse(target.baseUrl)) {
    throw new ConsoleFailure('invalid-input', `The server address "${target.baseUrl.slice(0, 200)}" is not a valid URL. Edit the server and correct it.`);
  }
  const apiKey = target.apiKey && target.apiKey.length > 0 ? target.apiKey : null;
  const context: ClassifyContext = { keyStored: apiKey !== null, trustedCertSha256: bareHexOrNull(target.trustedCertSha256) };
  const send = options.send ?? sendHttpRequest;
  const secrets = apiKey ? [apiKey] : [];
  let run: ProbeRun = {};
  const order: ProbeStep[] = [];

  for (;;) {
    const verdict = classify(run, context);
    if ('status' in verdict) {
      const checks = order.map((step) => toCheck(step, run[step]!, target.baseUrl, options.timeoutMs, secrets, context));
      return { status: scrubStatus(verdict.status, secrets), checks, run };
    }
    const step = verdict.next;
    const observation = await observe(send, {
      url: endpointUrl(target.baseUrl, stepPath[step]),
      headers: headersFor(step, apiKey),
      timeoutMs: options.timeoutMs,
      pinned: context.trustedCertSha256,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    run = { ...run, [step]: observation };
    order.push(step);
  }
}

function headersFor(step: ProbeStep, apiKey: string | null): Record<string, string> {
  switch (step) {
    case 'detailed-key':
      // The guide's form, and the one a wrong key can never slip through as anonymous.
      return apiKey ? { Authorization: `Bearer ${apiKey}` } : {};
    case 'anonymous-trap':
      // Random each time so it cannot be a key by accident; never Bearer (a wrong Bearer is always refused).
      return { 'X-API-Key': `wrong-${randomBytes(12).toString('hex')}` };
    case 'health':
    case 'detailed-anonymous':
      return {};
  }
}

interface ObserveRequest {
  readonly url: URL;
  readonly headers: Record<string, string>;
  readonly timeoutMs: number;
  readonly pinned: string | null;
  readonly signal?: AbortSignal;
}

async function observe(send: NonNullable<ProbeOptions['send']>, request: ObserveRequest): Promise<Observation> {
  const started = performance.now();
  try {
    const response = await send({
      method: 'GET',
      url: request.url,
      headers: request.headers,
      timeoutMs: request.timeoutMs,
      maxBytes: maxProbeBytes,
      ...(request.pinned ? { pinnedCertSha256: `sha256:${request.pinned}` } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
    });
    const contentType = headerValue(response.headers['content-type']);
    return {
      kind: 'answered',
      httpStatus: response.status,
      contentType,
      location: headerValue(response.headers['location']),
      text: response.text,
      json: /json/i.test(contentType ?? '') ? parseJson(response.text) : undefined,
      elapsedMs: response.elapsedMs,
    };
  } catch (error) {
    const elapsedMs = performance.now() - started;
    if (error instanceof TransportFailure) {
      return { kind: 'failed', failure: error.kind, message: error.message, certSha256: error.certSha256 ?? null, elapsedMs };
    }
    return { kind: 'failed', failure: 'other', message: 'The request failed before the server answered.', certSha256: null, elapsedMs };
  }
}

function toCheck(
  step: ProbeStep,
  observation: Observation,
  baseUrl: string,
  timeoutMs: number,
  secrets: readonly string[],
  context: ClassifyContext,
): ProbeCheck {
  const url = endpointUrl(baseUrl, stepPath[step]).toString();
  return {
    step,
    title: stepTitle[step],
    url,
    credential: stepCredential[step],
    outcome:
      observation.kind === 'answered'
        ? {
            kind: 'answered',
            httpStatus: observation.httpStatus,
            contentType: observation.contentType,
            bodyExcerpt: bodyExcerpt(observation.text, secrets),
            elapsedMs: Math.round(observation.elapsedMs),
          }
        : { kind: 'failed', failure: observation.failure, message: observation.message, elapsedMs: Math.round(observation.elapsedMs) },
    meaning: scrubSecrets(describeCheck(step, observation, context), secrets),
    curl: curlCommand({ url, credential: stepCredential[step], timeoutMs }),
  };
}

/** A redirect's Location is the server's text: it is shown, so it gets the same scrubbing as bodies. */
function scrubStatus(status: ServerStatus, secrets: readonly string[]): ServerStatus {
  if (status.kind !== 'not-memory-service' || status.location === undefined) return status;
  return { ...status, location: bodyExcerpt(status.location, secrets) };
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function bareHexOrNull(value: string | null): string | null {
  if (!value) return null;
  const hex = value.trim().replace(/^sha256:/i, '').replace(/:/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

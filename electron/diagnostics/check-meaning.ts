import type { ProbeStep } from '../contract/status';
import { isNoKeyConfigured, looksLikeHtml, type ClassifyContext } from './classify-status';
import type { Observation } from './observation';

/** What one probe's answer says, in the troubleshooting panel's words. */
export function describeCheck(step: ProbeStep, observation: Observation, context: ClassifyContext): string {
  if (observation.kind === 'failed') return failedMeaning(observation, context);
  const { httpStatus } = observation;
  if (httpStatus >= 300 && httpStatus < 400) {
    return `Redirect${observation.location ? ` to ${observation.location}` : ''}; not followed, so no credential went anywhere else.`;
  }
  if (httpStatus >= 500) return `The server failed (HTTP ${httpStatus}).`;
  if (httpStatus === 404) return 'Not found: no memory service route at this address.';
  if (observation.json === undefined) {
    return looksLikeHtml(observation) ? 'A web page (HTML), not the JSON a memory service sends.' : 'Not JSON, unlike every memory service answer.';
  }
  switch (step) {
    case 'health':
      if (httpStatus === 200) {
        return (observation.json as Record<string, unknown> | null)?.['status'] === 'healthy'
          ? 'Reachable, and it answers like a memory service ({"status":"healthy"}).'
          : 'Reachable, but the health answer is not {"status":"healthy"}.';
      }
      if (httpStatus === 401 || httpStatus === 403) return 'Even the public health check wants credentials: a proxy in front guards everything.';
      return `Unexpected HTTP ${httpStatus} from the public health check.`;
    case 'detailed-anonymous':
      if (httpStatus === 200) return 'Answered without any key: anonymous access is on.';
      if (httpStatus === 401 && isNoKeyConfigured(observation.json)) return 'Refused, and the server says it has no key configured and anonymous access is off.';
      if (httpStatus === 401 || httpStatus === 403) return 'Requires a key (anonymous access is off).';
      return `Unexpected HTTP ${httpStatus}.`;
    case 'detailed-key':
      if (httpStatus === 200) return 'The stored key was accepted.';
      if (httpStatus === 401) return 'The stored key was refused (401).';
      if (httpStatus === 403) return 'Refused with 403 Forbidden.';
      return `Unexpected HTTP ${httpStatus}.`;
    case 'anonymous-trap':
      if (httpStatus === 200) return 'A wrong key was accepted as anonymous: the key is not actually being checked.';
      if (httpStatus === 401 || httpStatus === 403) return 'A wrong key was refused: the server really checks keys.';
      return `Unexpected HTTP ${httpStatus}.`;
  }
}

function failedMeaning(observation: Extract<Observation, { kind: 'failed' }>, context: ClassifyContext): string {
  switch (observation.failure) {
    case 'dns':
      return 'The host name could not be resolved; nothing was sent.';
    case 'refused':
      return 'Connection refused: nothing listens at that address and port.';
    case 'timeout':
      return 'No answer before the deadline.';
    case 'reset':
      return 'The server closed the connection.';
    case 'tls-self-signed':
      return 'Certificate not signed by a trusted authority (self-signed); the request was not sent.';
    case 'tls-expired':
      return 'Certificate expired or not yet valid; the request was not sent.';
    case 'tls-hostname':
      return 'Certificate issued for another host name; the request was not sent.';
    case 'tls-pin-mismatch':
      return context.trustedCertSha256
        ? 'A different certificate from the one trusted for this profile; the request was not sent.'
        : 'Certificate refused; the request was not sent.';
    case 'too-large':
      return 'The answer was far too large for a health check; reading stopped.';
    default:
      return observation.message;
  }
}

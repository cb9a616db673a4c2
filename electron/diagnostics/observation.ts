import type { ProbeStep } from '../contract/status';

/** What one probe saw, before any interpretation. Holds the raw body: never leaves the privileged side. */
export type Observation =
  | {
      readonly kind: 'answered';
      readonly httpStatus: number;
      readonly contentType: string | null;
      readonly location: string | null;
      readonly text: string;
      /** The parsed body when it was JSON, else undefined. */
      readonly json: unknown;
      readonly elapsedMs: number;
    }
  | {
      readonly kind: 'failed';
      /** A TransportFailure kind: dns, refused, timeout, reset, tls-self-signed, … */
      readonly failure: string;
      readonly message: string;
      /** `sha256:<hex>` of the certificate presented, for TLS failures. */
      readonly certSha256: string | null;
      readonly elapsedMs: number;
    };

/** The probes that ran so far, in order. */
export type ProbeRun = Partial<Readonly<Record<ProbeStep, Observation>>>;

export function isJsonAnswer(observation: Observation): boolean {
  return observation.kind === 'answered' && observation.json !== undefined;
}

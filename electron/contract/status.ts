import { z } from 'zod';
import { profileId, type Environment } from './common';

/**
 * Auth status and connection diagnostics (issue 5). One status per profile from a closed set,
 * each with its words and its fix, plus what every probe saw. Nothing here ever holds a key:
 * bodies are excerpts with the key scrubbed out, curl commands use `$MCP_API_KEY`.
 */

/** A certificate's SHA-256 as 64 lower-case hex digits (the form profiles store). */
export type CertSha256 = string;

export type UnreachableReason = 'dns' | 'refused' | 'timeout' | 'reset' | 'other';
export type TlsReason = 'self-signed' | 'expired' | 'wrong-host' | 'pin-mismatch' | 'other';
export type NotMemoryServiceReason = 'not-found' | 'html' | 'not-json' | 'unexpected-health' | 'unexpected-answer' | 'redirect' | 'too-large';
export type KeyRejectedReason =
  /** 401 `invalid_token`: the server compared the Bearer key and it did not match. */
  | 'invalid-token'
  /** 401 `authorization_required` although a key was sent: something between dropped the header. */
  | 'authorization-required'
  /** The old guide's 401 `{"error":"Unauthorized","message":"Missing or invalid API key"}`. */
  | 'guide-unauthorized'
  /** The old guide's 403 `{"error":"Forbidden","message":"Invalid API key"}` (servers or proxies). */
  | 'guide-forbidden'
  | 'other';

/** What the accepted credential lets the console see about the server (GET /api/health/detailed). */
export interface ServerFacts {
  readonly version: string | null;
  readonly backend: string | null;
  readonly memoryCount: number | null;
  /** Round-trip time of the credentialed GET /api/health/detailed, in milliseconds. */
  readonly roundTripMs: number;
  /**
   * The scopes the credential carries, by the service's rules (an API key: read write admin;
   * anonymous: read write). Not probed with an admin route: the only admin GET runs `git fetch`
   * on the server.
   */
  readonly scopes: readonly string[];
}

/** The closed set. `kind` decides the badge; `reason` distinguishes within a kind. */
export type ServerStatus =
  | { readonly kind: 'unreachable'; readonly reason: UnreachableReason }
  | {
      readonly kind: 'tls-problem';
      readonly reason: TlsReason;
      /** The certificate the server presented, for the "trust this certificate" step. */
      readonly certSha256: CertSha256 | null;
      /** The certificate trusted earlier, when the server now presents another one. */
      readonly trustedCertSha256: CertSha256 | null;
    }
  | { readonly kind: 'not-memory-service'; readonly reason: NotMemoryServiceReason; readonly httpStatus: number | null; readonly location?: string }
  | { readonly kind: 'server-error'; readonly httpStatus: number }
  | { readonly kind: 'no-key-stored' }
  | { readonly kind: 'key-accepted'; readonly server: ServerFacts }
  | { readonly kind: 'key-rejected'; readonly reason: KeyRejectedReason; readonly httpStatus: number; readonly anonymousOpen: boolean }
  | { readonly kind: 'forbidden'; readonly httpStatus: number; readonly scopeError: boolean }
  | { readonly kind: 'server-has-no-key' }
  | { readonly kind: 'open-to-anyone'; readonly server: ServerFacts; readonly keyStored: boolean }
  | { readonly kind: 'anonymous-trap'; readonly server: ServerFacts };

export type ServerStatusKind = ServerStatus['kind'];

/** ok: nothing to do. warning: works, but something deserves attention. danger: broken or unsafe. */
export type StatusSeverity = 'ok' | 'warning' | 'danger';

export interface StatusWarning {
  readonly code: 'plain-http' | 'anonymous-in-production' | 'anonymous-open';
  readonly severity: 'warning' | 'danger';
  readonly message: string;
}

export type ProbeStep = 'health' | 'detailed-anonymous' | 'detailed-key' | 'anonymous-trap';

export type ProbeOutcome =
  | {
      readonly kind: 'answered';
      readonly httpStatus: number;
      readonly contentType: string | null;
      /** At most a few hundred characters, with the key (if it was ever echoed back) replaced. */
      readonly bodyExcerpt: string;
      readonly elapsedMs: number;
    }
  | {
      readonly kind: 'failed';
      /** The transport's distinction: dns, refused, timeout, tls-self-signed, tls-pin-mismatch, … */
      readonly failure: string;
      readonly message: string;
      readonly elapsedMs: number;
    };

export interface ProbeCheck {
  readonly step: ProbeStep;
  /** e.g. "GET /api/health/detailed with the stored key (Authorization: Bearer)". */
  readonly title: string;
  readonly url: string;
  readonly credential: 'none' | 'stored-key-bearer' | 'wrong-key-x-api-key';
  readonly outcome: ProbeOutcome;
  /** What this answer means, in plain words. */
  readonly meaning: string;
  /** The same request from a shell, with the key as `$MCP_API_KEY`. */
  readonly curl: string;
}

/** A piece of the service guide's troubleshooting section that fits this status. */
export interface GuideAdvice {
  readonly title: string;
  readonly steps: readonly string[];
  readonly commands: readonly string[];
}

export interface StatusReport {
  readonly profileId: string;
  readonly profileName: string;
  readonly baseUrl: string;
  readonly environment: Environment;
  readonly checkedAt: string;
  readonly durationMs: number;
  readonly status: ServerStatus;
  readonly severity: StatusSeverity;
  /** A few words for a badge: "Key accepted", "Unreachable", … */
  readonly label: string;
  /** What is wrong (or right), in plain words. */
  readonly message: string;
  /** What to do about it; empty when nothing needs doing. */
  readonly fix: string;
  readonly warnings: readonly StatusWarning[];
  readonly checks: readonly ProbeCheck[];
  readonly advice: readonly GuideAdvice[];
  /** The stored key's fingerprint (never the key), or null when none is stored. */
  readonly keyFingerprint: string | null;
  readonly trustedCertSha256: CertSha256 | null;
}

// ---------------------------------------------------------------------------------------------
// Audit log: what happened to keys and probes, recorded locally, never with a key.

export type AuditEventKind =
  | 'probe-failed'
  | 'probe-recovered'
  | 'key-set'
  | 'key-removed'
  | 'certificate-trusted'
  | 'certificate-distrusted'
  | 'profile-deleted'
  | 'rotation-started'
  | 'rotation-step'
  | 'rotation-committed'
  | 'rotation-rolled-back'
  | 'rotation-checklist'
  | 'rotation-leak-scan';

export interface AuditEntry {
  readonly time: string;
  readonly event: AuditEventKind;
  readonly profileId: string | null;
  readonly profileName: string | null;
  /** `sha256:` + 12 hex digits of the key involved, never the key. */
  readonly keyFingerprint: string | null;
  /** For probe events: the status kind and reason, e.g. `unreachable/refused`. */
  readonly status?: string;
  readonly detail: string;
}

export interface AuditList {
  readonly entries: readonly AuditEntry[];
  /** Lines that could not be read (damaged file); they are skipped, not shown. */
  readonly skippedLines: number;
  /** True when older entries exist beyond `limit`. */
  readonly more: boolean;
}

const certSha256Input = z
  .string()
  .max(200)
  .transform((value) => value.trim().replace(/^sha256:/i, '').replace(/:/g, '').toLowerCase())
  .pipe(z.string().regex(/^[0-9a-f]{64}$/, 'A certificate fingerprint is 64 hex digits (SHA-256).'));

export const statusMethods = {
  /** Probes the server now, or joins a probe of the same profile that is already running. */
  'status.check': z.object({ profileId }).strict(),
  /**
   * Trusts the exact certificate the server presented (its SHA-256 as the status showed it) for
   * this profile only. Refused when the server now presents another certificate.
   */
  'status.trustCertificate': z.object({ profileId, sha256: certSha256Input }).strict(),
  'status.distrustCertificate': z.object({ profileId }).strict(),
} as const;

export const auditMethods = {
  'audit.list': z
    .object({
      profileId: profileId.optional(),
      limit: z.number().int().min(1).max(2000).default(200),
    })
    .strict(),
} as const;

export interface CertificateTrust {
  readonly profileId: string;
  readonly trustedCertSha256: CertSha256 | null;
}

export interface StatusOutputs {
  'status.check': StatusReport;
  'status.trustCertificate': CertificateTrust;
  'status.distrustCertificate': CertificateTrust;
  'audit.list': AuditList;
}

import type { CertificateTrust, ServerStatus, StatusReport } from '../contract/status';
import { ConsoleFailure } from '../core/console-failure';
import { keyFingerprint } from '../keys/key-fingerprint';
import type { HttpRequest, HttpResponse } from '../memory-service/http-transport';
import type { ProfileStore } from '../profiles/profile-store';
import type { AuditRecorder } from './audit-log';
import { bareHex } from './classify-status';
import { guideAdviceFor } from './guide-advice';
import { runProbes } from './run-probes';
import { describeStatus, statusWarnings } from './status-text';

export interface StatusServiceOptions {
  readonly profiles: ProfileStore;
  readonly audit: AuditRecorder;
  /** Per probe request (default 5 s). */
  readonly timeoutMs?: number;
  /** The same failure again is recorded at most this often (default 10 min). */
  readonly repeatFailureAfterMs?: number;
  readonly send?: (request: HttpRequest) => Promise<HttpResponse>;
  readonly now?: () => Date;
}

export interface StatusService {
  /** Probes now, or joins the probe of the same profile (same address, key and pin) already running. */
  check(profileId: string): Promise<StatusReport>;
  trustCertificate(profileId: string, sha256: string): Promise<CertificateTrust>;
  distrustCertificate(profileId: string): Promise<CertificateTrust>;
  /** Probes running now (tests use it to see that a slow server does not pile requests up). */
  inFlightCount(): number;
}

export const defaultProbeTimeoutMs = 5_000;

/** MEMORY_CONSOLE_PROBE_TIMEOUT_MS, within 0.5–60 s; anything else keeps the default. */
export function probeTimeoutFromEnv(env: Readonly<Record<string, string | undefined>>): number {
  const value = Number(env['MEMORY_CONSOLE_PROBE_TIMEOUT_MS']);
  return Number.isInteger(value) && value >= 500 && value <= 60_000 ? value : defaultProbeTimeoutMs;
}

interface Recorded {
  readonly signature: string;
  readonly at: number;
}

export function createStatusService(options: StatusServiceOptions): StatusService {
  const { profiles, audit } = options;
  const timeoutMs = options.timeoutMs ?? defaultProbeTimeoutMs;
  const repeatAfterMs = options.repeatFailureAfterMs ?? 10 * 60_000;
  const now = () => options.now?.() ?? new Date();
  const inFlight = new Map<string, Promise<StatusReport>>();
  const lastRecorded = new Map<string, Recorded>();

  async function probe(profileId: string): Promise<StatusReport> {
    const profile = await profiles.get(profileId);
    const apiKey = await profiles.readKey(profileId);
    const key = apiKey && apiKey.length > 0 ? apiKey : null;
    const fingerprint = key ? keyFingerprint(key) : null;
    const trusted = profile.trustedCertSha256 ?? null;
    // A probe started with other inputs (the key or address changed meanwhile) is not reused.
    const identity = [profile.id, profile.baseUrl, fingerprint ?? '', trusted ?? ''].join('\n');
    const running = inFlight.get(identity);
    if (running) return running;

    const work = (async (): Promise<StatusReport> => {
      const started = performance.now();
      const checkedAt = now().toISOString();
      const result = await runProbes(
        { baseUrl: profile.baseUrl, apiKey: key, trustedCertSha256: trusted },
        { timeoutMs, ...(options.send ? { send: options.send } : {}) },
      );
      const wordsContext = { baseUrl: profile.baseUrl, environment: profile.environment, timeoutMs };
      const words = describeStatus(result.status, wordsContext);
      const report: StatusReport = {
        profileId: profile.id,
        profileName: profile.name,
        baseUrl: profile.baseUrl,
        environment: profile.environment,
        checkedAt,
        durationMs: Math.round(performance.now() - started),
        status: result.status,
        severity: words.severity,
        label: words.label,
        message: words.message,
        fix: words.fix,
        warnings: statusWarnings(result.status, { ...wordsContext, keyStored: key !== null }),
        checks: result.checks,
        advice: guideAdviceFor(result.status, profile.baseUrl),
        keyFingerprint: fingerprint,
        trustedCertSha256: trusted,
      };
      await recordOutcome(report, key);
      return report;
    })();
    inFlight.set(identity, work);
    try {
      return await work;
    } finally {
      if (inFlight.get(identity) === work) inFlight.delete(identity);
    }
  }

  /**
   * Every failure goes to the audit log, but the same failure of the same profile again (the
   * fleet view re-checks every minute) only once per `repeatAfterMs`: otherwise one server down
   * for a day would rotate every key change out of the log.
   */
  async function recordOutcome(report: StatusReport, key: string | null): Promise<void> {
    const signature = statusSignature(report.status);
    const previous = lastRecorded.get(report.profileId);
    const at = now().getTime();
    const base = { profileId: report.profileId, profileName: report.profileName, keyFingerprint: report.keyFingerprint };
    const secrets = key ? [key] : [];
    if (report.status.kind === 'key-accepted') {
      if (previous) {
        lastRecorded.delete(report.profileId);
        await audit.record({ ...base, event: 'probe-recovered', status: signature, detail: `${report.label}: ${report.message}` }, { secrets });
      }
      return;
    }
    if (previous && previous.signature === signature && at - previous.at < repeatAfterMs) return;
    lastRecorded.set(report.profileId, { signature, at });
    const checks = report.checks.map((check) => `${check.step}=${check.outcome.kind === 'answered' ? check.outcome.httpStatus : check.outcome.failure}`).join(' ');
    await audit.record({ ...base, event: 'probe-failed', status: signature, detail: `${report.label}: ${report.message} [${checks}]` }, { secrets });
  }

  const service: StatusService = {
    check: probe,

    async trustCertificate(profileId, sha256) {
      const wanted = bareHex(sha256);
      if (!wanted) throw new ConsoleFailure('invalid-input', 'A certificate fingerprint is 64 hex digits (SHA-256).');
      const profile = await profiles.get(profileId);
      if (!profile.baseUrl.startsWith('https://')) {
        throw new ConsoleFailure('invalid-input', 'Only an https:// server has a certificate to trust.');
      }
      if (profile.trustedCertSha256 === wanted) return { profileId, trustedCertSha256: wanted };
      // Trust exactly what the server presents right now, and only if it is what the user saw.
      const current = await probe(profileId);
      const presented = current.status.kind === 'tls-problem' ? current.status.certSha256 : null;
      if (presented !== wanted) {
        throw new ConsoleFailure(
          'conflict',
          presented
            ? 'The server now presents a different certificate from the one shown. Check again and compare the new fingerprint before trusting it.'
            : 'The server did not present an untrusted certificate just now, so there is nothing to trust. Check again.',
        );
      }
      const updated = await profiles.update(profileId, { trustedCertSha256: wanted });
      await audit.record({
        event: 'certificate-trusted',
        profileId,
        profileName: updated.name,
        keyFingerprint: updated.key?.fingerprint ?? null,
        detail: `Trusted the certificate with SHA-256 ${wanted} for ${updated.baseUrl}${profile.trustedCertSha256 ? ` (replacing ${profile.trustedCertSha256})` : ''}.`,
      });
      return { profileId, trustedCertSha256: wanted };
    },

    async distrustCertificate(profileId) {
      const profile = await profiles.get(profileId);
      if (!profile.trustedCertSha256) return { profileId, trustedCertSha256: null };
      const updated = await profiles.update(profileId, { trustedCertSha256: null });
      await audit.record({
        event: 'certificate-distrusted',
        profileId,
        profileName: updated.name,
        keyFingerprint: updated.key?.fingerprint ?? null,
        detail: `No longer trusts the certificate with SHA-256 ${profile.trustedCertSha256} for ${updated.baseUrl}.`,
      });
      return { profileId, trustedCertSha256: null };
    },

    inFlightCount: () => inFlight.size,
  };
  return service;
}

export function statusSignature(status: ServerStatus): string {
  return 'reason' in status ? `${status.kind}/${status.reason}` : status.kind;
}

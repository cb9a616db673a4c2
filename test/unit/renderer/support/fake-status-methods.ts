import type {
  AuditEntry,
  CertificateTrust,
  ConsoleError,
  ContractMethod,
  ProbeCheck,
  Result,
  ServerStatus,
  StatusReport,
} from '../../../../electron/contract';
import type { FakeCall } from './fake-console';

/**
 * The status and audit methods of the fake console. A report is set per profile; `hold` makes the
 * next checks of a profile wait until released, to see what the renderer does while one is pending.
 */

interface Shared {
  readonly calls: FakeCall[];
  readonly failures: Map<ContractMethod, ConsoleError>;
}

export function createStatusFakes({ calls, failures }: Shared) {
  const reports = new Map<string, StatusReport>();
  const held = new Map<string, Array<() => void>>();
  const holding = new Set<string>();
  let audit: AuditEntry[] = [];

  const failure = (method: ContractMethod) => failures.get(method);

  const methods = {
    'status.check': async (input: { profileId: string }): Promise<Result<StatusReport>> => {
      calls.push({ method: 'status.check', input });
      if (holding.has(input.profileId)) {
        await new Promise<void>((resolve) => held.set(input.profileId, [...(held.get(input.profileId) ?? []), resolve]));
      }
      const failed = failure('status.check');
      if (failed) return { ok: false, error: failed };
      const report = reports.get(input.profileId);
      if (!report) return { ok: false, error: { code: 'internal', message: `no status faked for ${input.profileId}` } };
      return { ok: true, value: report };
    },
    'status.trustCertificate': async (input: { profileId: string; sha256: string }): Promise<Result<CertificateTrust>> => {
      calls.push({ method: 'status.trustCertificate', input });
      const failed = failure('status.trustCertificate');
      return failed ? { ok: false, error: failed } : { ok: true, value: { profileId: input.profileId, trustedCertSha256: input.sha256 } };
    },
    'status.distrustCertificate': async (input: { profileId: string }): Promise<Result<CertificateTrust>> => {
      calls.push({ method: 'status.distrustCertificate', input });
      const failed = failure('status.distrustCertificate');
      return failed ? { ok: false, error: failed } : { ok: true, value: { profileId: input.profileId, trustedCertSha256: null } };
    },
    'audit.list': async (input: { profileId?: string; limit?: number }): Promise<Result<{ entries: AuditEntry[]; skippedLines: number; more: boolean }>> => {
      calls.push({ method: 'audit.list', input });
      const failed = failure('audit.list');
      if (failed) return { ok: false, error: failed };
      const entries = audit.filter((entry) => input.profileId === undefined || entry.profileId === input.profileId);
      const limit = input.limit ?? 200;
      return { ok: true, value: { entries: entries.slice(0, limit), skippedLines: 0, more: entries.length > limit } };
    },
  };

  const control = {
    setReport: (report: StatusReport) => {
      reports.set(report.profileId, report);
    },
    /** Checks of this profile wait from now on until `release`. */
    hold: (profileId: string) => {
      holding.add(profileId);
    },
    release: (profileId: string) => {
      holding.delete(profileId);
      for (const resolve of held.get(profileId) ?? []) resolve();
      held.delete(profileId);
    },
    waiting: (profileId: string) => held.get(profileId)?.length ?? 0,
    setAudit: (entries: AuditEntry[]) => {
      audit = entries;
    },
  };

  return { methods, control };
}

const checkedAt = '2026-11-29T12:00:00.000Z';

/** A report as the privileged side would send it, with a status and its words. */
export function makeStatusReport(
  profileId: string,
  status: ServerStatus,
  overrides: Partial<StatusReport> = {},
): StatusReport {
  const ok = status.kind === 'key-accepted';
  return {
    profileId,
    profileName: profileId,
    baseUrl: 'http://127.0.0.1:8000',
    environment: 'development',
    checkedAt,
    durationMs: 12,
    status,
    severity: ok ? 'ok' : 'danger',
    label: ok ? 'Key accepted' : status.kind,
    message: ok ? '127.0.0.1:8000 accepted the stored key.' : `Something about ${status.kind}.`,
    fix: ok ? '' : 'Do the thing that fixes it.',
    warnings: [],
    checks: [],
    advice: [],
    keyFingerprint: 'sha256:0123456789ab',
    trustedCertSha256: null,
    ...overrides,
  };
}

export function makeCheck(overrides: Partial<ProbeCheck> = {}): ProbeCheck {
  return {
    step: 'health',
    title: 'GET /api/health without credentials',
    url: 'http://127.0.0.1:8000/api/health',
    credential: 'none',
    outcome: { kind: 'answered', httpStatus: 200, contentType: 'application/json', bodyExcerpt: '{"status":"healthy"}', elapsedMs: 3 },
    meaning: 'Reachable, and it answers like a memory service ({"status":"healthy"}).',
    curl: 'curl -sS -i --max-time 5 http://127.0.0.1:8000/api/health',
    ...overrides,
  };
}

import type { ServerStatus, StatusReport } from '../../../electron/contract';
import { assertNever } from '../../lib/assert-never';
import { describeError } from '../../lib/error-messages';

export type StatusTone = 'ok' | 'warning' | 'danger' | 'pending' | 'unknown';

export interface BadgeView {
  readonly tone: StatusTone;
  readonly label: string;
  /** A few letters for narrow places (the sidebar); the full label is in `description`. */
  readonly shortLabel: string;
  /** The longer sentence for a tooltip and for screen readers. */
  readonly description: string;
}

/** What a badge shows for a status query in any state: never blank, never stale without saying so. */
export function badgeView(state: { readonly data: StatusReport | undefined; readonly error: unknown; readonly isFetching: boolean }): BadgeView {
  const { data, error, isFetching } = state;
  if (data !== undefined) {
    // A warning attached to an otherwise fine status (plain http) still shows on the badge.
    const worstWarning = data.warnings.some((w) => w.severity === 'danger') ? 'danger' : data.warnings.length > 0 ? 'warning' : 'ok';
    const tone = worse(data.severity, worstWarning);
    const suffix = data.warnings.length > 0 ? ` ${data.warnings.map((w) => w.message).join(' ')}` : '';
    return { tone, label: data.label, shortLabel: shortLabel(data.status), description: `${data.label}. ${data.message}${suffix}` };
  }
  if (error !== null && error !== undefined) {
    const described = describeError(error);
    return { tone: 'unknown', label: 'Check failed', shortLabel: 'Check failed', description: `${described.title}. ${described.message ?? ''}`.trim() };
  }
  const label = isFetching ? 'Checking…' : 'Not checked';
  return { tone: 'pending', label, shortLabel: label, description: 'Checking the server’s status.' };
}

export function shortLabel(status: ServerStatus): string {
  switch (status.kind) {
    case 'unreachable':
      return 'Unreachable';
    case 'tls-problem':
      return 'Certificate problem';
    case 'not-memory-service':
      return 'Not a memory service';
    case 'server-error':
      return 'Server error';
    case 'no-key-stored':
      return 'No key stored';
    case 'key-accepted':
      return 'Key accepted';
    case 'key-rejected':
      return 'Key rejected';
    case 'forbidden':
      return 'Forbidden';
    case 'server-has-no-key':
      return 'Server has no key';
    case 'open-to-anyone':
      return 'Open to anyone';
    case 'anonymous-trap':
      return 'Key not checked';
    default:
      return assertNever(status);
  }
}

const rank: Record<'ok' | 'warning' | 'danger', number> = { ok: 0, warning: 1, danger: 2 };

function worse(a: 'ok' | 'warning' | 'danger', b: 'ok' | 'warning' | 'danger'): 'ok' | 'warning' | 'danger' {
  return rank[a] >= rank[b] ? a : b;
}

/** `ab12…` → `AB:12:…`, the way browsers and `openssl -fingerprint` show a certificate. */
export function formatFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/.{1,2}/g) ?? []).join(':');
}

export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

export interface FleetSummary {
  readonly total: number;
  readonly ok: number;
  readonly warning: number;
  readonly danger: number;
  readonly pending: number;
}

export function summarise(tones: readonly StatusTone[]): FleetSummary {
  return {
    total: tones.length,
    ok: tones.filter((t) => t === 'ok').length,
    warning: tones.filter((t) => t === 'warning').length,
    danger: tones.filter((t) => t === 'danger' || t === 'unknown').length,
    pending: tones.filter((t) => t === 'pending').length,
  };
}

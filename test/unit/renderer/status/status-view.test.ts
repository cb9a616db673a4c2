import { describe, expect, it } from 'vitest';
import { ConsoleApiError } from '../../../../renderer/bridge';
import { statusQueryOptions } from '../../../../renderer/features/status/api/get-status';
import { badgeView, formatFingerprint, summarise } from '../../../../renderer/features/status/status-view';
import { makeProfile } from '../support/fake-console';
import { makeStatusReport } from '../support/fake-status-methods';

const facts = { version: '10.59.0', backend: 'sqlite-vec', memoryCount: 3, roundTripMs: 2, scopes: ['read', 'write', 'admin'] };

describe('badge view', () => {
  it('shows the report’s label and tone, raised by its warnings', () => {
    const fine = makeStatusReport('a', { kind: 'key-accepted', server: facts });
    expect(badgeView({ data: fine, error: null, isFetching: false })).toMatchObject({ tone: 'ok', label: 'Key accepted' });
    const plainHttp = { ...fine, warnings: [{ code: 'plain-http' as const, severity: 'danger' as const, message: 'Plain http to production.' }] };
    const view = badgeView({ data: plainHttp, error: null, isFetching: true });
    expect(view).toMatchObject({ tone: 'danger', label: 'Key accepted' });
    expect(view.description).toContain('Plain http to production.');
  });

  it('keeps showing the last report while a new check runs, and says when a check could not run', () => {
    expect(badgeView({ data: undefined, error: null, isFetching: true })).toMatchObject({ tone: 'pending', label: 'Checking…' });
    const failed = badgeView({ data: undefined, error: new ConsoleApiError('keychain-unavailable', 'The keychain is locked.'), isFetching: false });
    expect(failed).toMatchObject({ tone: 'unknown', label: 'Check failed' });
    expect(failed.description).toContain('The keychain is locked.');
  });

  it('summarises the fleet', () => {
    expect(summarise(['ok', 'danger', 'warning', 'unknown', 'pending', 'ok'])).toEqual({ total: 6, ok: 2, warning: 1, danger: 2, pending: 1 });
  });

  it('formats a fingerprint as browsers show it', () => {
    expect(formatFingerprint('ab01cd')).toBe('AB:01:CD');
  });
});

describe('status query options', () => {
  it('refresh every minute and on focus, without retrying (a failed check is itself the answer)', () => {
    const options = statusQueryOptions(makeProfile({ id: 'p', name: 'P', key: null }));
    expect(options.refetchInterval).toBe(60_000);
    expect(options.refetchOnWindowFocus).toBe(true);
    expect(options.retry).toBe(false);
  });

  it('key on what a probe depends on: a new key or certificate is a new query, a new name is not', () => {
    const profile = makeProfile({ id: 'p', name: 'P', baseUrl: 'https://h' });
    const key = { prefix: 'abcd…', fingerprint: 'sha256:0123456789ab', source: 'pasted' as const, addedAt: 't', sessionOnly: false };
    const base = statusQueryOptions(profile).queryKey;
    expect(statusQueryOptions({ ...profile, name: 'Renamed' }).queryKey).toEqual(base);
    expect(statusQueryOptions({ ...profile, key }).queryKey).not.toEqual(base);
    expect(statusQueryOptions({ ...profile, trustedCertSha256: 'ab'.repeat(32) }).queryKey).not.toEqual(base);
    expect(statusQueryOptions({ ...profile, baseUrl: 'https://other' }).queryKey).not.toEqual(base);
  });
});

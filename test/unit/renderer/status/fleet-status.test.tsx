import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StatusReport } from '../../../../electron/contract';
import { createFakeConsole, makeProfile } from '../support/fake-console';
import { makeCheck, makeStatusReport } from '../support/fake-status-methods';
import { mockLayout } from '../support/layout';
import { renderApp } from '../support/render-app';
import '../support/setup';

const facts = { version: '10.59.0', backend: 'sqlite-vec', memoryCount: 1234, roundTripMs: 4, scopes: ['read', 'write', 'admin'] };
const laptop = makeProfile({ id: 'laptop', name: 'Laptop', baseUrl: 'http://127.0.0.1:8000', environment: 'development' });
const team = makeProfile({ id: 'team', name: 'Team staging', baseUrl: 'https://staging.example.org', environment: 'staging' });
const prod = makeProfile({ id: 'prod', name: 'Production', baseUrl: 'https://memory.example.org', environment: 'production' });

const accepted = makeStatusReport('laptop', { kind: 'key-accepted', server: facts }, {
  profileName: 'Laptop',
  message: '127.0.0.1:8000 accepted the stored key (version 10.59.0, sqlite-vec, 1,234 memories).',
  checks: [makeCheck(), makeCheck({ step: 'detailed-key', title: 'GET /api/health/detailed with the stored key (Authorization: Bearer)', credential: 'stored-key-bearer', curl: 'curl -sS -i --max-time 5 -H "Authorization: Bearer $MCP_API_KEY" http://127.0.0.1:8000/api/health/detailed' })],
});
const rejected = makeStatusReport('team', { kind: 'key-rejected', reason: 'invalid-token', httpStatus: 401, anonymousOpen: false }, {
  profileName: 'Team staging',
  label: 'Key rejected',
  message: 'staging.example.org compared the stored key with its own and they differ (401 invalid_token).',
  fix: 'Check that the stored key matches MCP_API_KEY on the server.',
  checks: [
    makeCheck({ url: 'https://staging.example.org/api/health' }),
    makeCheck({
      step: 'detailed-key',
      title: 'GET /api/health/detailed with the stored key (Authorization: Bearer)',
      credential: 'stored-key-bearer',
      outcome: { kind: 'answered', httpStatus: 401, contentType: 'application/json', bodyExcerpt: '{"detail":{"error":"invalid_token"}}', elapsedMs: 9 },
      meaning: 'The stored key was refused (401).',
      curl: 'curl -sS -i --max-time 5 -H "Authorization: Bearer $MCP_API_KEY" https://staging.example.org/api/health/detailed',
    }),
  ],
  advice: [{ title: '401 Unauthorized: wrong API key', steps: ['Verify the API key matches the server configuration (MCP_API_KEY).'], commands: ['journalctl -u mcp-memory -f'] }],
});
const unreachable = makeStatusReport('prod', { kind: 'unreachable', reason: 'refused' }, {
  profileName: 'Production',
  environment: 'production',
  label: 'Unreachable: connection refused',
  message: 'Nothing is listening at memory.example.org: the connection was refused.',
  fix: 'Start the memory service.',
});

let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = mockLayout({ height: 600 });
});
afterEach(() => {
  restoreLayout();
  vi.useRealTimers();
});

function fleetConsole(reports: readonly StatusReport[] = [accepted, rejected, unreachable]) {
  const fake = createFakeConsole({ profiles: [laptop, team, prod], activeId: 'laptop' });
  for (const report of reports) fake.status.setReport(report);
  return fake;
}

async function openFleet() {
  await userEvent.click(await screen.findByRole('button', { name: 'Fleet status' }));
  return screen.findByRole('region', { name: 'Fleet status' });
}

const rowOf = (name: string) => screen.getAllByTestId('fleet-row').find((row) => within(row).queryByRole('heading', { name }))!;

describe('fleet status', () => {
  it('every server’s status at a glance: badges in the sidebar, words and fixes in the fleet view', async () => {
    const fake = fleetConsole();
    renderApp(fake);
    const nav = await screen.findByRole('navigation', { name: 'Servers' });
    await waitFor(() => expect(within(nav).getAllByTestId('status-badge').map((b) => b.textContent)).toEqual(['Key accepted', 'Key rejected', 'Unreachable']));
    expect(within(nav).getAllByTestId('status-badge').map((b) => b.dataset['tone'])).toEqual(['ok', 'danger', 'danger']);

    await openFleet();
    expect(screen.getByTestId('fleet-summary').textContent).toBe('3 servers: 1 fine, 0 with warnings, 2 with problems');
    expect(within(rowOf('Laptop')).getByText(/accepted the stored key/)).toBeTruthy();
    expect(within(rowOf('Laptop')).getByText(/round trip 4 ms/)).toBeTruthy();
    expect(within(rowOf('Team staging')).getByText('Check that the stored key matches MCP_API_KEY on the server.')).toBeTruthy();
    expect(rowOf('Production').dataset['environment']).toBe('production');
    expect(within(rowOf('Production')).getByTestId('status-badge').textContent).toBe('Unreachable: connection refused');
    // One check per server, shared by the sidebar and the fleet view.
    expect(fake.callsTo('status.check').map((c) => (c.input as { profileId: string }).profileId).sort()).toEqual(['laptop', 'prod', 'team']);

    // Back to a server's memories from the sidebar.
    await userEvent.click(within(nav).getByRole('button', { name: 'Production' }));
    expect(screen.queryByRole('region', { name: 'Fleet status' })).toBeNull();
  });

  it('the troubleshooting panel lists the checks, what each saw, the advice and a copyable curl command', async () => {
    const fake = fleetConsole();
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    renderApp(fake);
    await openFleet();
    const row = rowOf('Team staging');
    await userEvent.click(await within(row).findByRole('button', { name: 'Troubleshoot' }));
    const panel = within(row).getByTestId('troubleshooting');
    expect(within(panel).getByText('HTTP 401')).toBeTruthy();
    expect(within(panel).getByText('{"detail":{"error":"invalid_token"}}')).toBeTruthy();
    expect(within(panel).getByText('The stored key was refused (401).')).toBeTruthy();
    expect(within(panel).getByText('401 Unauthorized: wrong API key')).toBeTruthy();
    expect(within(panel).getByText(/sha256:0123456789ab/)).toBeTruthy();

    await userEvent.click(within(panel).getByRole('button', { name: /Copy curl for GET \/api\/health\/detailed with the stored key/ }));
    expect(writeText).toHaveBeenCalledWith('curl -sS -i --max-time 5 -H "Authorization: Bearer $MCP_API_KEY" https://staging.example.org/api/health/detailed');
    expect(within(panel).getByRole('button', { name: /Copy curl for GET \/api\/health\/detailed/ }).textContent).toBe('Copied');
  });

  it('a self-signed certificate shows its fingerprint, and trusting it sends exactly that fingerprint', async () => {
    const sha = 'ab'.repeat(32);
    const fake = fleetConsole([
      accepted,
      rejected,
      makeStatusReport('prod', { kind: 'tls-problem', reason: 'self-signed', certSha256: sha, trustedCertSha256: null }, { profileName: 'Production', label: 'Certificate not trusted' }),
    ]);
    renderApp(fake);
    await openFleet();
    const row = rowOf('Production');
    await userEvent.click(await within(row).findByRole('button', { name: 'Troubleshoot' }));
    expect(within(row).getByTestId('presented-fingerprint').textContent).toBe(Array(32).fill('AB').join(':'));
    const before = fake.callsTo('profiles.list').length;
    await userEvent.click(within(row).getByRole('button', { name: 'Trust this certificate for Production' }));
    await waitFor(() => expect(fake.callsTo('status.trustCertificate').map((c) => c.input)).toEqual([{ profileId: 'prod', sha256: sha }]));
    // The profile (with its trusted certificate) is fetched again, which keys a fresh check.
    await waitFor(() => expect(fake.callsTo('profiles.list').length).toBeGreaterThan(before));
  });

  it('does not pile up checks of a slow server: "Check all" and focus join the running check', async () => {
    const fake = fleetConsole();
    renderApp(fake);
    await openFleet();
    const row = rowOf('Production');
    await waitFor(() => expect(within(row).getByTestId('status-badge').textContent).toBe('Unreachable: connection refused'));
    const prodChecks = () => fake.callsTo('status.check').filter((c) => (c.input as { profileId: string }).profileId === 'prod').length;
    expect(prodChecks()).toBe(1);

    fake.status.hold('prod');
    const button = within(row).getByRole('button', { name: 'Check Production now' });
    await userEvent.click(button);
    await waitFor(() => expect(fake.status.waiting('prod')).toBe(1));
    expect(button.textContent).toBe('Checking…');
    expect((button as HTMLButtonElement).disabled).toBe(true);
    // The last answer stays on screen while the new check runs.
    expect(within(row).getByTestId('status-badge').textContent).toBe('Unreachable: connection refused');

    await userEvent.click(screen.getByRole('button', { name: 'Check all now' }));
    act(() => {
      window.dispatchEvent(new Event('focus'));
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(prodChecks()).toBe(2);
    expect(fake.status.waiting('prod')).toBe(1);

    fake.status.release('prod');
    await waitFor(() => expect(button.textContent).toBe('Check now'));
    expect(prodChecks()).toBe(2);
  });

  it('checks again every minute on its own', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const fake = fleetConsole();
    renderApp(fake);
    await screen.findAllByText('Key accepted');
    const count = () => fake.callsTo('status.check').length;
    expect(count()).toBe(3);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(61_000);
    });
    await waitFor(() => expect(count()).toBe(6));
  });

  it('the audit log opens on demand and lists entries with fingerprints', async () => {
    const fake = fleetConsole();
    fake.status.setAudit([
      { time: '2026-11-29T12:00:00.000Z', event: 'probe-failed', profileId: 'prod', profileName: 'Production', keyFingerprint: 'sha256:0123456789ab', status: 'unreachable/refused', detail: 'Unreachable: connection refused: …' },
      { time: '2026-11-29T11:00:00.000Z', event: 'key-set', profileId: 'team', profileName: 'Team staging', keyFingerprint: 'sha256:ba9876543210', detail: 'Key pasted stored in the keychain.' },
    ]);
    renderApp(fake);
    await openFleet();
    expect(fake.callsTo('audit.list')).toHaveLength(0);
    const summary = screen.getByText('Audit log');
    const details = summary.closest('details')!;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent).slice(1, 4))).toEqual([
      ['Check failed', 'Production', 'sha256:0123456789ab'],
      ['Key stored', 'Team staging', 'sha256:ba9876543210'],
    ]);
  });
});

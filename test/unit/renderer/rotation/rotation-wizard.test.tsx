import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyReminder, RotationView, ServerRecipe } from '../../../../electron/contract';
import { reminderBadge, reminderSentence } from '../../../../renderer/features/rotation/rotation-words';
import { createFakeConsole, makeProfile, type FakeConsole } from '../support/fake-console';
import { mockLayout } from '../support/layout';
import { renderApp } from '../support/render-app';
import '../support/setup';

const NEW_KEY = 'newKEY-renderer-test-0123456789abcdefghijkl';
const OLD_FP = 'sha256:0123456789ab';
const NEW_FP = 'sha256:ba9876543210';

const profile = makeProfile({
  id: 'prod',
  name: 'Production',
  environment: 'production',
  key: { prefix: 'oldKEY-r…', fingerprint: OLD_FP, source: 'pasted', addedAt: new Date(Date.now() - 100 * 86_400_000).toISOString(), sessionOnly: false },
});

function view(overrides: Partial<RotationView> = {}): RotationView {
  return {
    profileId: 'prod',
    profileName: 'Production',
    baseUrl: 'http://127.0.0.1:8000',
    environment: 'production',
    mode: 'scheduled',
    step: 'new-key',
    stepNumber: 1,
    startedAt: '2026-11-29T10:00:00.000Z',
    updatedAt: '2026-11-29T10:00:00.000Z',
    activeKey: { fingerprint: OLD_FP, prefix: 'oldKEY-r…' },
    newKey: null,
    deployment: null,
    serverChanges: [],
    verification: { state: 'idle' },
    overlap: null,
    clientChanges: [],
    clientsSkipped: false,
    oldKeyCheck: null,
    checklist: [],
    leakScans: [],
    problems: [],
    ...overrides,
  };
}

const withNewKey = (overrides: Partial<RotationView> = {}) =>
  view({ step: 'update-server', stepNumber: 2, newKey: { fingerprint: NEW_FP, prefix: 'newKEY-r…', source: 'generated', storedAt: '2026-11-29T10:01:00.000Z' }, ...overrides });

const reminder = (overrides: Partial<KeyReminder> = {}): KeyReminder => ({
  profileId: 'prod',
  state: 'overdue',
  since: profile.key!.addedAt,
  ageDays: 100,
  intervalDays: 90,
  dueInDays: -10,
  rotation: null,
  ...overrides,
});

function recipe(revealed: boolean): ServerRecipe {
  const key = revealed ? NEW_KEY : '‹new key — Copy or “Show the key” fills it in›';
  return {
    deployment: 'dotenv',
    title: '.env file',
    summary: 'The service loads the first .env it finds.',
    steps: [
      { title: 'The new line in the .env file', text: `MCP_API_KEY=${key}`, withKey: true },
      { title: 'Restart the server', text: 'memory server --http', withKey: false },
    ],
    revealed,
    localFile: { kind: 'dotenv', defaultPath: '/home/u/.mcp-memory/.env' },
  };
}

let restoreLayout: () => void;
let fake: FakeConsole;
beforeEach(() => {
  restoreLayout = mockLayout({ height: 600 });
  fake = createFakeConsole({ profiles: [profile], activeId: 'prod' });
});
afterEach(() => restoreLayout());

const sidebar = () => screen.getByRole('navigation', { name: 'Servers' });
const wizard = () => screen.getByRole('dialog', { name: 'Rotate the API key — Production' });

describe('reminders', () => {
  it('badges an overdue key in the sidebar and says its age in words', async () => {
    fake.rotation.setReminders([reminder()]);
    renderApp(fake);
    const badge = await within(sidebar()).findByTestId('rotation-badge');
    expect(badge.textContent).toBe('Key 100 d old');
    expect(badge.dataset['tone']).toBe('danger');
    expect(reminderSentence(reminder())).toBe('The key is 100 days old; rotation was due 10 days ago (every 90 days).');
    expect(reminderBadge(reminder({ state: 'ok', dueInDays: 30, ageDays: 60 }))).toBeNull();
    expect(reminderBadge(reminder({ state: 'due-soon', dueInDays: 5 }))?.label).toBe('Rotate in 5 d');
    expect(reminderBadge(reminder({ rotation: { step: 'verify', stepNumber: 3, mode: 'emergency' } }))?.label).toBe('Rotating 3/6');
  });

  it('opens the wizard of a rotation in progress by itself, once', async () => {
    fake.rotation.setReminders([reminder({ rotation: { step: 'update-server', stepNumber: 2, mode: 'scheduled' } })]);
    fake.rotation.setView('prod', withNewKey());
    fake.rotation.answer('rotation.serverRecipe', recipe(false));
    renderApp(fake);
    expect(await within(await screen.findByRole('dialog', { name: 'Rotate the API key — Production' })).findByRole('heading', { name: '2. Update the server' })).toBeTruthy();
    expect(within(sidebar()).getByRole('button', { name: 'Continue the key rotation of Production' })).toBeTruthy();
  });
});

describe('the wizard', () => {
  it('starts a rotation and shows a generated key once, then forgets it', async () => {
    const user = userEvent.setup();
    fake.rotation.answer('rotation.start', () => {
      fake.rotation.setView('prod', view());
      return view();
    });
    fake.rotation.answer('rotation.newKey', () => {
      fake.rotation.setView('prod', withNewKey());
      return { rotation: withNewKey(), key: NEW_KEY };
    });
    fake.rotation.answer('rotation.serverRecipe', recipe(false));
    const app = renderApp(fake);
    await user.click(await within(sidebar()).findByRole('button', { name: 'Rotate the key of Production' }));
    await user.click(within(wizard()).getByRole('button', { name: 'Start the rotation' }));
    expect(fake.callsTo('rotation.start').map((call) => call.input)).toEqual([{ profileId: 'prod', mode: 'scheduled' }]);
    await user.click(await within(wizard()).findByRole('button', { name: 'Store the new key' }));
    const shown = await within(wizard()).findByTestId('generated-key');
    expect((within(shown).getByLabelText('New key') as HTMLInputElement).value).toBe(NEW_KEY);
    await user.click(within(shown).getByRole('button', { name: 'I have copied it — continue' }));
    expect(await within(wizard()).findByRole('heading', { name: '2. Update the server' })).toBeTruthy();
    expect(document.body.innerHTML).not.toContain(NEW_KEY);
    app.unmount();
  });

  it('copies a step with the key through an explicit reveal that is neither shown nor cached', async () => {
    const user = userEvent.setup();
    const written: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (text: string) => void written.push(text) } });
    fake.rotation.setView('prod', withNewKey());
    fake.rotation.answer('rotation.serverRecipe', (input) => recipe(input.reveal));
    renderApp(fake);
    await user.click(await within(sidebar()).findByRole('button', { name: 'Rotate the key of Production' }));
    const steps = await within(wizard()).findByTestId('rotation-recipe');
    expect(steps.textContent).toContain('Copy or “Show the key” fills it in');
    await user.click(within(steps).getByRole('button', { name: 'Copy: The new line in the .env file' }));
    await waitFor(() => expect(written).toEqual([`MCP_API_KEY=${NEW_KEY}`]));
    expect(document.body.innerHTML).not.toContain(NEW_KEY);
    expect(fake.callsTo('rotation.serverRecipe').map((call) => (call.input as { reveal: boolean }).reveal)).toContain(true);

    await user.click(within(steps).getByRole('button', { name: 'Show the key in the steps' }));
    await waitFor(() => expect(steps.textContent).toContain(NEW_KEY));
    await user.click(within(steps).getByRole('button', { name: 'Hide the key' }));
    expect(document.body.innerHTML).not.toContain(NEW_KEY);
  });

  it('shows verification progress and cancels it', async () => {
    const user = userEvent.setup();
    const polling = view({
      step: 'verify',
      stepNumber: 3,
      verification: { state: 'polling', attempts: 4, startedAt: new Date(Date.now() - 8_000).toISOString(), deadline: new Date(Date.now() + 292_000).toISOString(), last: 'unreachable', lastMessage: 'Unreachable: connection refused.' },
    });
    fake.rotation.setView('prod', polling);
    fake.rotation.answer('rotation.cancelVerify', () => {
      const cancelled = view({ step: 'verify', stepNumber: 3, verification: { state: 'cancelled', attempts: 4 } });
      fake.rotation.setView('prod', cancelled);
      return cancelled;
    });
    renderApp(fake);
    await user.click(await within(sidebar()).findByRole('button', { name: 'Rotate the key of Production' }));
    const progress = await within(wizard()).findByTestId('verify-progress');
    expect(progress.textContent).toContain('attempt 4: server unreachable');
    await user.click(within(wizard()).getByRole('button', { name: 'Cancel' }));
    expect(await within(wizard()).findByText('Checking was cancelled after 4 attempts.')).toBeTruthy();
  });

  it('commits and stays on the done screen while the rotation disappears', async () => {
    const user = userEvent.setup();
    fake.rotation.setView('prod', withNewKey({ step: 'ready-to-commit', stepNumber: 6, oldKeyCheck: { checkedAt: '2026-11-29T10:05:00.000Z', verdict: 'rejected', message: 'The server refused this key (HTTP 401).' } }));
    fake.rotation.answer('rotation.commit', () => {
      fake.rotation.setView('prod', null);
      return { profile: { ...profile, key: { ...profile.key!, fingerprint: NEW_FP, rotatedFrom: OLD_FP } }, previousFingerprint: OLD_FP, newFingerprint: NEW_FP };
    });
    renderApp(fake);
    await user.click(await within(sidebar()).findByRole('button', { name: 'Rotate the key of Production' }));
    await user.click(await within(wizard()).findByRole('button', { name: 'Commit the rotation' }));
    const done = await within(wizard()).findByTestId('rotation-done');
    expect(done.textContent).toContain(NEW_FP);
    expect(done.textContent).toContain(OLD_FP);
  });

  it('explains a refused rollback and offers to roll back anyway', async () => {
    const user = userEvent.setup();
    fake.rotation.setView('prod', withNewKey({ step: 'update-clients', stepNumber: 4, overlap: false, verification: { state: 'accepted', acceptedAt: '2026-11-29T10:03:00.000Z', overlap: false } }));
    let calls = 0;
    fake.rotation.answer('rotation.rollback', (input) => {
      calls++;
      if (!input.force) throw new Error('unexpected: the fake answers refusals through fail()');
      fake.rotation.setView('prod', null);
      return { restored: [], keptBackups: [] };
    });
    fake.fail('rotation.rollback', { code: 'conflict', message: 'The server does not accept the current key right now.', detail: 'Put the old key back on the server and restart it, then roll back.' });
    renderApp(fake);
    await user.click(await within(sidebar()).findByRole('button', { name: 'Rotate the key of Production' }));
    await user.click(await within(wizard()).findByRole('button', { name: 'Roll back…' }));
    await user.click(within(wizard()).getByRole('button', { name: 'Roll back' }));
    expect(await within(wizard()).findByText('The server does not accept the current key right now.')).toBeTruthy();
    expect(within(wizard()).getByText('Put the old key back on the server and restart it, then roll back.')).toBeTruthy();
    fake.fail('rotation.rollback', null);
    await user.click(within(wizard()).getByRole('button', { name: 'Roll back anyway' }));
    expect(await within(wizard()).findByTestId('rotation-rolled-back')).toBeTruthy();
    expect(calls).toBe(1);
    expect(fake.callsTo('rotation.rollback').map((call) => call.input)).toEqual([
      { profileId: 'prod', force: false },
      { profileId: 'prod', force: true },
    ]);
  });
});

import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsoleApiError, type ConsoleTransport } from '../../../renderer/bridge';
import { createFakeConsole, makeMemories, makeMemory, makeProfile } from './support/fake-console';
import { mockLayout } from './support/layout';
import { renderApp } from './support/render-app';
import './support/setup';

const local = makeProfile({ id: 'local', name: 'Local demo', baseUrl: 'http://127.0.0.1:8000', environment: 'development' });
const staging = makeProfile({ id: 'staging', name: 'Team staging', baseUrl: 'https://staging.example.org:8443', environment: 'staging' });
const prod = makeProfile({ id: 'prod', name: 'Production', baseUrl: 'https://memory.example.org', environment: 'production' });
const lab = makeProfile({ id: 'lab', name: 'Lab box', baseUrl: 'http://10.0.0.5:8000', environment: 'custom', customEnvironment: 'lab' });

let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = mockLayout({ height: 600 });
});
afterEach(() => restoreLayout());

const rows = () => screen.queryAllByRole('listitem').filter((item) => item.dataset['testid'] === 'memory-row');

describe('server sidebar', () => {
  it('lists every profile by name with its host and environment label, the active one selected', async () => {
    const fake = createFakeConsole({ profiles: [local, staging, prod, lab], activeId: 'staging' });
    renderApp(fake);

    const nav = await screen.findByRole('navigation', { name: 'Servers' });
    const items = await within(nav).findAllByTestId('server-item');
    expect(items.map((item) => item.getAttribute('aria-current'))).toEqual([null, 'true', null, null]);

    const stagingItem = within(nav).getByRole('button', { name: 'Team staging' });
    expect(stagingItem.textContent).toContain('staging.example.org:8443');
    const labels = [...nav.querySelectorAll<HTMLElement>('.env-label')].map((label) => [
      label.dataset['environment'],
      label.textContent,
    ]);
    expect(labels).toEqual([
      ['development', 'development'],
      ['staging', 'staging'],
      ['production', 'production'],
      ['custom', 'lab'],
    ]);
  });

  it('selecting another server shows its memories', async () => {
    const fake = createFakeConsole({
      profiles: [local, prod],
      activeId: 'local',
      memories: { local: [makeMemory(0, { content: 'from the laptop' })], prod: [makeMemory(0, { content: 'from production' })] },
    });
    renderApp(fake);
    expect(await screen.findByText('from the laptop')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Production' }));

    expect(await screen.findByText('from production')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Production' }).getAttribute('aria-current')).toBe('true');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Production');
  });

  it('explains how to add a server when there are none', async () => {
    renderApp(createFakeConsole({ profiles: [] }));
    expect(await screen.findByText('No servers yet')).toBeTruthy();
    expect(screen.getByText('npm run demo')).toBeTruthy();
  });
});

describe('memory list', () => {
  it('shows rows with content, type and tags, and an honest count', async () => {
    const fake = createFakeConsole({ profiles: [local], activeId: 'local', memories: { local: makeMemories(250) } });
    renderApp(fake);

    expect((await screen.findByTestId('memory-count')).textContent).toBe('100 of 250 loaded');
    const list = screen.getByRole('list', { name: 'Memories on Local demo' });
    const first = within(list).getAllByRole('listitem').find((item) => item.dataset['index'] === '0');
    expect(first?.textContent).toContain('Memory number 0: decided something worth remembering');
    expect(first?.textContent).toContain('decision');
    expect(within(first as HTMLElement).getByRole('list', { name: 'Tags' }).textContent).toContain('project:demo');
    expect(first?.querySelector('time')?.getAttribute('dateTime')).toBe(makeMemory(0).created_at_iso);
    expect(first?.getAttribute('aria-setsize')).toBe('250');
  });

  it('renders far fewer rows than a 10,000-memory server holds and pages in more near the end', async () => {
    const fake = createFakeConsole({ profiles: [local], activeId: 'local', memories: { local: makeMemories(10_000) } });
    renderApp(fake);

    const count = await screen.findByTestId('memory-count');
    expect(count.textContent).toBe('100 of 10,000 loaded');
    expect(rows().length).toBeGreaterThan(5);
    expect(rows().length).toBeLessThan(40);
    expect(fake.callsTo('memories.list')).toHaveLength(1);

    const scroller = screen.getByTestId('memory-scroller');
    for (let pages = 2; pages <= 4; pages += 1) {
      act(() => {
        scroller.scrollTop = (pages - 1) * 100 * 76 - 600;
        fireEvent.scroll(scroller);
      });
      await waitFor(() => expect(count.textContent).toBe(`${pages * 100} of 10,000 loaded`));
    }
    expect(fake.callsTo('memories.list').map((call) => (call.input as { page: number }).page)).toEqual([1, 2, 3, 4]);
    expect(fake.callsTo('memories.list').every((call) => (call.input as { pageSize: number }).pageSize === 100)).toBe(true);
    expect(rows().length).toBeLessThan(40);
    expect(rows().some((row) => row.textContent?.includes('Memory number 295:'))).toBe(true);
    expect(rows().some((row) => row.textContent?.includes('Memory number 0:'))).toBe(false);
  });

  it('shows memory content as text, never as HTML', async () => {
    const hostile = '<img src=x onerror=alert(1)> <b>bold</b>';
    const fake = createFakeConsole({
      profiles: [local],
      activeId: 'local',
      memories: { local: [makeMemory(0, { content: hostile, tags: ['<script>x</script>'] })] },
    });
    const { container } = renderApp(fake);

    expect(await screen.findByText(hostile)).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    // As a chip in the row and in the tag list, text both times.
    expect(screen.getAllByText('<script>x</script>').length).toBeGreaterThan(0);
  });

  it('says so when the server has no memories', async () => {
    renderApp(createFakeConsole({ profiles: [local], activeId: 'local', memories: { local: [] } }));
    expect(await screen.findByText('No memories on this server yet')).toBeTruthy();
  });

  it('moves focus through rows with the arrow keys, Home and End', async () => {
    const fake = createFakeConsole({ profiles: [local], activeId: 'local', memories: { local: makeMemories(50) } });
    renderApp(fake);
    await screen.findByTestId('memory-count');
    const user = userEvent.setup();

    const focusable = rows().filter((row) => row.tabIndex === 0);
    expect(focusable.map((row) => row.dataset['index'])).toEqual(['0']);

    const focusedIndex = () => (document.activeElement as HTMLElement | null)?.dataset['index'];
    // Tab order: the sidebar's controls (add, the selected server and its actions), then the list's single tab stop.
    const sidebar = screen.getByRole('navigation', { name: 'Servers' });
    await user.tab();
    while (sidebar.contains(document.activeElement)) await user.tab();
    // Then the panel's actions, search and filters, each once, before the list.
    for (let step = 0; step < 40 && focusedIndex() === undefined; step += 1) await user.tab();
    expect(focusedIndex()).toBe('0');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(focusedIndex()).toBe('2');
    await user.keyboard('{ArrowUp}');
    expect(focusedIndex()).toBe('1');
    await user.keyboard('{End}');
    await waitFor(() => expect(focusedIndex()).toBe('49'));
    await user.keyboard('{Home}');
    await waitFor(() => expect(focusedIndex()).toBe('0'));
  });
});

describe('errors', () => {
  it('says the key was refused, and does not retry an auth failure', async () => {
    const fake = createFakeConsole({ profiles: [local], activeId: 'local' });
    fake.fail('memories.list', { code: 'auth-rejected', message: 'http://127.0.0.1:8000 answered 401 to the stored key.' });
    renderApp(fake);

    const alert = await screen.findByRole('alert');
    expect(alert.dataset['errorCode']).toBe('auth-rejected');
    expect(alert.textContent).toContain('The server refused the API key');
    expect(alert.textContent).toContain('answered 401 to the stored key');
    expect(alert.textContent).toContain('rotate');
    expect(fake.callsTo('memories.list')).toHaveLength(1);
  });

  it('says the server is unreachable after retrying, and recovers on Retry', async () => {
    const fake = createFakeConsole({ profiles: [local], activeId: 'local', memories: { local: makeMemories(3) } });
    fake.fail('memories.list', { code: 'server-unreachable', message: 'Connection refused at 127.0.0.1:8000.' });
    renderApp(fake);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The memory server is unreachable');
    expect(alert.textContent).toContain('Check that the memory service is running');
    expect(fake.callsTo('memories.list')).toHaveLength(3);

    fake.fail('memories.list', null);
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect((await screen.findByTestId('memory-count')).textContent).toBe('3 of 3 loaded');
  });

  it('shows a missing key as its own state', async () => {
    const fake = createFakeConsole({ profiles: [local], activeId: 'local' });
    fake.fail('memories.list', { code: 'auth-missing', message: 'The server requires a key and none is stored.' });
    renderApp(fake);
    expect((await screen.findByRole('alert')).textContent).toContain('This server needs an API key');
  });

  it('shows the profiles error in the main area when the server list cannot load', async () => {
    const fake = createFakeConsole();
    fake.fail('profiles.list', { code: 'internal', message: 'Something went wrong in profiles.list.' });
    renderApp(fake);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Something went wrong inside the console');
    expect(screen.getByText('Servers could not be loaded.')).toBeTruthy();
  });

  it('replaces the console with a clear message when the browser session has ended', async () => {
    const transport: ConsoleTransport = {
      invoke: (method) => Promise.reject(new ConsoleApiError('session-ended', 'This console session has ended.', undefined, method)),
      onSignal: () => () => {},
    };
    renderApp({ transport });
    expect((await screen.findByRole('alert')).textContent).toContain('Open the URL printed in the terminal again');
    expect(screen.queryByRole('navigation')).toBeNull();
  });
});

describe('keychain banner', () => {
  it('appears with the reason and the fix when the keychain is unavailable', async () => {
    const fake = createFakeConsole({
      profiles: [],
      keychain: {
        state: 'unavailable',
        reason: 'no-dbus',
        message: 'No D-Bus session bus: Cannot autolaunch D-Bus without X11 $DISPLAY.',
        fix: 'Start the console from a desktop session, or run it under dbus-run-session.',
      },
    });
    renderApp(fake);
    const banner = await screen.findByText(/keys are kept for this session only/);
    const section = banner.closest('section') as HTMLElement;
    expect(section.textContent).toContain('No D-Bus session bus');
    expect(section.textContent).toContain('dbus-run-session');
  });

  it('is absent when the keychain works', async () => {
    renderApp(createFakeConsole({ profiles: [] }));
    await screen.findByText('No servers yet');
    await screen.findByText(/browser mode/);
    expect(screen.queryByText(/session only/)).toBeNull();
  });
});

describe('change signals', () => {
  it('refetches the selected server’s memories on memories-changed', async () => {
    const fake = createFakeConsole({ profiles: [local], activeId: 'local', memories: { local: makeMemories(2) } });
    renderApp(fake);
    expect((await screen.findByTestId('memory-count')).textContent).toBe('2 of 2 loaded');
    expect(fake.callsTo('memories.list')).toHaveLength(1);

    fake.store('local', makeMemory(-1, { content: 'just stored by an agent', content_hash: 'fresh' }));
    act(() => fake.emit({ kind: 'memories-changed', profileId: 'other-server' }));
    act(() => fake.emit({ kind: 'memories-changed', profileId: 'local' }));

    expect(await screen.findByText('just stored by an agent')).toBeTruthy();
    expect(screen.getByTestId('memory-count').textContent).toBe('3 of 3 loaded');
    expect(fake.callsTo('memories.list')).toHaveLength(2);
  });

  it('refreshes the keychain banner on keychain-changed', async () => {
    const fake = createFakeConsole({ profiles: [] });
    renderApp(fake);
    await screen.findByText(/browser mode/);
    fake.setKeychain({ state: 'unavailable', reason: 'locked', message: 'The login keyring is locked.', fix: 'Unlock it.' });
    act(() => fake.emit({ kind: 'keychain-changed' }));
    expect(await screen.findByText('The login keyring is locked.')).toBeTruthy();
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeProfile } from '../support/fake-console';
import { mockLayout } from '../support/layout';
import '../support/setup';
import { createProfilesFake, fakeKeyView } from './support/profiles-fake';
import { renderConsole } from './support/render-console';

const PASTED = 'pastedKEY-0123456789abcdefghijklmnopqrstuv';

let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = mockLayout({ height: 600 });
});
afterEach(() => restoreLayout());

const sidebar = () => screen.getByRole('navigation', { name: 'Servers' });
const serverNames = () => within(sidebar()).queryAllByTestId('server-item').map((item) => item.querySelector('.server-item__name')?.textContent);

async function openAddDialog(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await within(sidebar()).findByRole('button', { name: '+ Add server' }));
  // Loaded on demand: the dialog's code arrives a moment after the click.
  return screen.findByRole('dialog', { name: 'Add server' });
}

describe('add server dialog', () => {
  it('adds a server with a pasted key: normalised address shown, whitespace removal said, key sent once', async () => {
    const fake = createProfilesFake();
    const view = renderConsole(fake);
    const user = userEvent.setup();
    const dialog = await openAddDialog(user);

    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByLabelText('Name')));
    await user.type(within(dialog).getByLabelText('Name'), 'Home server');
    await user.type(within(dialog).getByLabelText('Server address'), 'HTTP://127.0.0.1:8000/api/');
    expect((await within(dialog).findByTestId('normalised-url')).textContent).toBe('http://127.0.0.1:8000');

    await user.click(within(dialog).getByLabelText('Staging'));
    const keyField = within(dialog).getByLabelText('API key');
    expect(keyField.getAttribute('type')).toBe('password');
    await user.click(keyField);
    await user.paste(`  ${PASTED}\n`);
    expect(await within(dialog).findByText('Spaces or line breaks around the key were removed.')).toBeTruthy();
    expect(within(dialog).getByText('Meets the guide’s requirements.')).toBeTruthy();
    // Uncontrolled: the key never becomes an attribute in the DOM.
    expect(document.body.innerHTML).not.toContain(PASTED);

    await user.click(within(dialog).getByRole('button', { name: 'Add server' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.callsTo('profiles.create').map((call) => call.input)).toEqual([
      { name: 'Home server', baseUrl: 'HTTP://127.0.0.1:8000/api/', environment: 'staging' },
    ]);
    expect(fake.callsTo('keys.set').map((call) => call.input)).toEqual([{ profileId: 'server-1', key: `  ${PASTED}\n` }]);
    expect(fake.keys.get('server-1')).toBe(PASTED);
    // The new server is selected and saved as the active one.
    await waitFor(() => expect(within(sidebar()).getByRole('button', { name: 'Home server' }).getAttribute('aria-current')).toBe('true'));
    await waitFor(() => expect(fake.activeId()).toBe('server-1'));
    expect(document.body.textContent).not.toContain(PASTED);
    // The checks and the store carried the key in their variables; none outlives the dialog.
    await waitFor(() => expect(view.cachedText()).not.toContain(PASTED));
  });

  it('says what is missing and sends nothing', async () => {
    const fake = createProfilesFake();
    renderConsole(fake);
    const user = userEvent.setup();
    const dialog = await openAddDialog(user);

    await user.click(within(dialog).getByRole('button', { name: 'Add server' }));
    expect(within(dialog).getByText('Enter a name for this server.')).toBeTruthy();
    expect(within(dialog).getByText('Enter the server’s address.')).toBeTruthy();
    expect(within(dialog).getByText('Paste the server’s API key, or choose another way to add one.')).toBeTruthy();
    expect(within(dialog).getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');

    await user.click(within(dialog).getByLabelText('Custom…'));
    await user.click(within(dialog).getByRole('button', { name: 'Add server' }));
    expect(within(dialog).getByText('Name the custom environment.')).toBeTruthy();

    await user.type(within(dialog).getByLabelText('Server address'), 'memory.example.com:8000');
    expect(await within(dialog).findByText(/Start the address with http:\/\/ or https:\/\//)).toBeTruthy();
    expect(fake.callsTo('profiles.create')).toEqual([]);
  });

  it('blocks a key the guide refuses and shows warnings for a weak one', async () => {
    const fake = createProfilesFake();
    renderConsole(fake);
    const user = userEvent.setup();
    const dialog = await openAddDialog(user);
    await user.type(within(dialog).getByLabelText('Name'), 'Laptop');
    await user.type(within(dialog).getByLabelText('Server address'), 'http://127.0.0.1:8000');

    const keyField = within(dialog).getByLabelText('API key');
    await user.type(keyField, 'short-key');
    const error = await within(dialog).findByText(/the minimum is 16/);
    expect(error.closest('li')?.textContent).toContain('Cannot use:');
    expect(keyField.getAttribute('aria-invalid')).toBe('true');
    await user.click(within(dialog).getByRole('button', { name: 'Add server' }));
    expect(within(dialog).getByText('This key cannot be used; see why under the key field.')).toBeTruthy();
    expect(fake.callsTo('profiles.create')).toEqual([]);

    await user.type(keyField, '-longer-now');
    const warning = await within(dialog).findByText(/32 or more are recommended/);
    expect(warning.closest('li')?.textContent).toContain('Warning:');
    await user.click(within(dialog).getByRole('button', { name: 'Add server' }));
    // A weak key is stored, and the warning stays on screen until the user has seen it.
    expect(await screen.findByRole('button', { name: 'Done' })).toBeTruthy();
    expect(screen.getByRole('dialog').textContent).toContain('32 or more are recommended');
    expect(fake.keys.get('server-1')).toBe('short-key-longer-now');
  });

  it('refuses a two-line paste instead of gluing the lines together', async () => {
    const fake = createProfilesFake();
    renderConsole(fake);
    const user = userEvent.setup();
    const dialog = await openAddDialog(user);
    await user.click(within(dialog).getByLabelText('API key'));
    await user.paste('first-line-of-the-key-0123456789\nMCP_OTHER=second-line');
    expect(await within(dialog).findByText('The key spans several lines; paste a single-line key.')).toBeTruthy();
  });

  it('shows a generated key once, with Copy, then only its fingerprint', async () => {
    const generated = 'GENERATEDkey-9f8e7d6c5b4a3928170615243342516071';
    const fake = createProfilesFake({ generated });
    const view = renderConsole(fake);
    const user = userEvent.setup();
    const dialog = await openAddDialog(user);
    await user.type(within(dialog).getByLabelText('Name'), 'Team box');
    await user.type(within(dialog).getByLabelText('Server address'), 'https://memory.example.org');
    await user.click(within(dialog).getByLabelText('Generate a new key'));
    await user.click(within(dialog).getByLabelText(/^Hex, 32 bytes/));
    await user.click(within(dialog).getByRole('button', { name: 'Add server' }));

    const shown = await within(dialog).findByTestId('generated-key');
    expect(fake.callsTo('keys.generate').map((call) => call.input)).toEqual([{ profileId: 'server-1', format: 'hex-32' }]);
    expect((within(shown).getByLabelText('New key') as HTMLInputElement).value).toBe(generated);
    expect(shown.textContent).toContain('shown only this once');
    expect(document.activeElement).toBe(within(shown).getByRole('button', { name: 'Copy' }));

    await user.click(within(shown).getByRole('button', { name: 'Copy' }));
    expect(await within(shown).findByText('Copied to the clipboard.')).toBeTruthy();
    expect(await navigator.clipboard.readText()).toBe(generated);

    await user.click(within(shown).getByRole('button', { name: 'Done — I have saved the key' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.body.innerHTML).not.toContain(generated);
    // Gone from TanStack Query too: the mutation that carried it is dropped with the dialog.
    await waitFor(() => expect(view.cachedText()).not.toContain(generated));

    // From now on only the fingerprint.
    await user.click(within(sidebar()).getByRole('button', { name: 'Edit Team box' }));
    const panel = await screen.findByTestId('key-panel');
    expect(within(panel).getByTestId('key-fingerprint').textContent).toMatch(/^sha256:/);
    expect(within(panel).getByTestId('key-prefix').textContent).toBe('GENERATE…');
    expect(panel.textContent).toContain('Generated here');
    expect(document.body.innerHTML).not.toContain(generated);
  });

  it('imports a key found on this machine, with its path, plaintext and permission warnings', async () => {
    const ref = { path: '/home/me/.mcp_memory_service/service_config.json', kind: 'service-config' as const, field: 'api_key', fingerprint: 'sha256:0123456789ab' };
    const fake = createProfilesFake({
      scan: {
        candidates: [
          {
            ref,
            displayPath: '~/.mcp_memory_service/service_config.json',
            kind: 'service-config',
            field: 'api_key',
            prefix: 'mcp-0123…',
            fingerprint: 'sha256:0123456789ab',
            plaintextWarning: 'The key is stored in plain text in ~/.mcp_memory_service/service_config.json.',
            permissionWarning: '~/.mcp_memory_service/service_config.json is accessible to every user on this machine (mode 644). Restrict it: chmod 600',
            issues: [],
          },
        ],
        problems: [{ path: '/etc/systemd/system/mcp-memory.service', displayPath: '/etc/systemd/system/mcp-memory.service', kind: 'systemd-unit', message: 'Cannot be read (permission denied).' }],
      },
    });
    fake.setFileKey(ref.path, 'mcp-0123456789abcdef0123456789abcdef');
    renderConsole(fake);
    const user = userEvent.setup();
    const dialog = await openAddDialog(user);
    await user.type(within(dialog).getByLabelText('Name'), 'Home server');
    await user.type(within(dialog).getByLabelText('Server address'), 'http://127.0.0.1:8000');
    await user.click(within(dialog).getByLabelText('Import from this machine'));

    const candidate = await within(dialog).findByTestId('key-candidate');
    expect(candidate.textContent).toContain('~/.mcp_memory_service/service_config.json');
    expect(candidate.textContent).toContain('service config (JSON)');
    expect(candidate.textContent).toContain('mcp-0123…');
    expect(candidate.textContent).toContain('sha256:0123456789ab');
    expect(candidate.textContent).toContain('plain text');
    expect(candidate.textContent).toContain('chmod 600');
    expect(within(dialog).getByText('1 file could not be used')).toBeTruthy();

    await user.click(within(dialog).getByRole('button', { name: 'Add server' }));
    expect(within(dialog).getByText('Choose one of the keys found, or choose another way to add one.')).toBeTruthy();
    expect(fake.callsTo('profiles.create')).toEqual([]);

    await user.click(within(candidate).getByRole('radio'));
    await user.click(within(dialog).getByRole('button', { name: 'Add server' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.callsTo('keys.import').map((call) => call.input)).toEqual([{ profileId: 'server-1', ref }]);
    expect(fake.profiles()[0]?.key).toMatchObject({ source: 'imported', importedFrom: '~/.mcp_memory_service/service_config.json' });
  });

  it('keeps a server that was added when its key could not be stored, and lets the user retry', async () => {
    const fake = createProfilesFake();
    fake.fail('keys.set', { code: 'keychain-unavailable', message: 'Your login keyring is locked.', detail: 'Unlock it.' });
    renderConsole(fake);
    const user = userEvent.setup();
    const dialog = await openAddDialog(user);
    await user.type(within(dialog).getByLabelText('Name'), 'Laptop');
    await user.type(within(dialog).getByLabelText('Server address'), 'http://127.0.0.1:8000');
    await user.type(within(dialog).getByLabelText('API key'), PASTED);
    await within(dialog).findByText('Meets the guide’s requirements.');
    await user.click(within(dialog).getByRole('button', { name: 'Add server' }));

    expect(await within(dialog).findByText('The OS keychain is unavailable')).toBeTruthy();
    expect(within(dialog).getByText(/was added; its key is not stored yet/)).toBeTruthy();
    fake.fail('keys.set', null);
    await user.click(within(dialog).getByRole('button', { name: 'Store key' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.callsTo('profiles.create')).toHaveLength(1);
    expect(fake.keys.get('server-1')).toBe(PASTED);
  });

  it('closes on Escape and gives focus back', async () => {
    renderConsole(createProfilesFake());
    const user = userEvent.setup();
    const add = await within(sidebar()).findByRole('button', { name: '+ Add server' });
    await user.click(add);
    expect((await screen.findByRole('dialog', { name: 'Add server' })).getAttribute('aria-modal')).toBe('true');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(add);
  });

  it('keeps Tab inside the dialog', async () => {
    renderConsole(createProfilesFake());
    const user = userEvent.setup();
    const dialog = await openAddDialog(user);
    for (let presses = 0; presses < 25; presses += 1) {
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
  });
});

describe('servers sidebar', () => {
  const laptop = makeProfile({ id: 'laptop', name: 'Laptop', environment: 'development' });
  const home = makeProfile({ id: 'home', name: 'Home', baseUrl: 'http://10.0.0.5:8000', environment: 'staging' });
  const prod = makeProfile({ id: 'prod', name: 'Production', baseUrl: 'https://memory.example.org', environment: 'production' });

  it('saves the selected server as the active one', async () => {
    const fake = createProfilesFake({ profiles: [laptop, home], activeId: 'laptop' });
    renderConsole(fake);
    const user = userEvent.setup();
    await user.click(await within(sidebar()).findByRole('button', { name: 'Home' }));
    await waitFor(() => expect(fake.activeId()).toBe('home'));
    expect(fake.callsTo('profiles.setActive').map((call) => call.input)).toEqual([{ profileId: 'home' }]);
  });

  it('moves servers up and down from the keyboard', async () => {
    const fake = createProfilesFake({ profiles: [laptop, home, prod], activeId: 'laptop' });
    renderConsole(fake);
    const user = userEvent.setup();
    await within(sidebar()).findByRole('button', { name: 'Laptop' });
    expect((within(sidebar()).getByRole('button', { name: 'Move Laptop up' }) as HTMLButtonElement).disabled).toBe(true);

    within(sidebar()).getByRole('button', { name: 'Move Laptop down' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(serverNames()).toEqual(['Home', 'Laptop', 'Production']));
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Move Laptop down'));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(serverNames()).toEqual(['Home', 'Production', 'Laptop']));
    expect(fake.callsTo('profiles.reorder').map((call) => call.input)).toEqual([{ ids: ['home', 'laptop', 'prod'] }, { ids: ['home', 'prod', 'laptop'] }]);
    expect(fake.profiles().map((profile) => profile.id)).toEqual(['home', 'prod', 'laptop']);
  });

  it('puts the order back when it could not be saved', async () => {
    const fake = createProfilesFake({ profiles: [laptop, home], activeId: 'laptop' });
    fake.fail('profiles.reorder', { code: 'internal', message: 'Disk full.' });
    renderConsole(fake);
    const user = userEvent.setup();
    await user.click(await within(sidebar()).findByRole('button', { name: 'Move Laptop down' }));
    expect(await within(sidebar()).findByRole('alert')).toBeTruthy();
    expect(serverNames()).toEqual(['Laptop', 'Home']);
  });

  it('edits a server: new name, custom environment, notes', async () => {
    const fake = createProfilesFake({ profiles: [laptop], activeId: 'laptop' });
    renderConsole(fake);
    const user = userEvent.setup();
    await user.click(await within(sidebar()).findByRole('button', { name: 'Edit Laptop' }));
    const dialog = await screen.findByRole('dialog', { name: 'Server: Laptop' });
    const name = within(dialog).getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Lab laptop');
    await user.click(within(dialog).getByLabelText('Custom…'));
    await user.type(within(dialog).getByLabelText('Environment label'), 'lab');
    await user.type(within(dialog).getByLabelText(/Notes/), 'under the desk');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.callsTo('profiles.update').map((call) => call.input)).toEqual([
      { profileId: 'laptop', patch: { name: 'Lab laptop', environment: 'custom', customEnvironment: 'lab', notes: 'under the desk' } },
    ]);
    const item = await within(sidebar()).findByRole('button', { name: 'Lab laptop' });
    expect(item.querySelector('.env-label')?.textContent).toBe('lab');
  });

  it('shows a taken name in the server’s own words', async () => {
    const fake = createProfilesFake({ profiles: [laptop, home], activeId: 'laptop' });
    renderConsole(fake);
    const user = userEvent.setup();
    const dialog = await openAddDialog(user);
    await user.type(within(dialog).getByLabelText('Name'), 'home');
    await user.type(within(dialog).getByLabelText('Server address'), 'http://127.0.0.1:9000');
    await user.click(within(dialog).getByLabelText('No key for now'));
    await user.click(within(dialog).getByRole('button', { name: 'Add server' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('A profile named "home" already exists (names are compared ignoring case).');
  });

  it('deletes a server after a confirmation that says its keychain entry goes too', async () => {
    const key = 'laptopKEY-0123456789abcdefghijklmnopqrstuvw';
    const fake = createProfilesFake({
      profiles: [{ ...laptop, key: fakeKeyView(key, 'pasted') }, home],
      keys: { laptop: key },
      activeId: 'laptop',
    });
    renderConsole(fake);
    const user = userEvent.setup();
    await user.click(await within(sidebar()).findByRole('button', { name: 'Delete Laptop' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete “Laptop”?' });
    expect(dialog.textContent).toContain('is removed from the OS keychain too');
    expect(dialog.textContent).toContain('laptopKE…');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));

    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(fake.callsTo('profiles.delete')).toEqual([]);

    await user.click(within(sidebar()).getByRole('button', { name: 'Delete Laptop' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete server and key' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(serverNames()).toEqual(['Home']));
    expect(fake.keys.has('laptop')).toBe(false);
  });
});

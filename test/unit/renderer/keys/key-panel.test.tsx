import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeProfile } from '../support/fake-console';
import { mockLayout } from '../support/layout';
import '../support/setup';
import { createProfilesFake, fakeKeyView } from '../servers/support/profiles-fake';
import { renderConsole } from '../servers/support/render-console';

const KEY = 'storedKEY-0123456789abcdefghijklmnopqrstuvw';
const SHARED = 'sharedKEY-0123456789abcdefghijklmnopqrstuvw';

let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = mockLayout({ height: 600 });
});
afterEach(() => restoreLayout());

const sidebar = () => screen.getByRole('navigation', { name: 'Servers' });

const imported = makeProfile({
  id: 'home',
  name: 'Home',
  environment: 'staging',
  key: fakeKeyView(KEY, 'imported', { importedFrom: '~/.mcp_memory_service/service_config.json', addedAt: new Date(Date.now() - 3 * 86_400_000).toISOString() }),
});

async function openKeyPanel(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.click(await within(sidebar()).findByRole('button', { name: `Edit ${name}` }));
  return screen.findByTestId('key-panel');
}

describe('key panel', () => {
  it('shows prefix, fingerprint, source, where it came from and its age, never the key', async () => {
    const fake = createProfilesFake({ profiles: [imported], keys: { home: KEY }, activeId: 'home' });
    renderConsole(fake);
    const panel = await openKeyPanel(userEvent.setup(), 'Home');
    expect(within(panel).getByTestId('key-prefix').textContent).toBe('storedKE…');
    expect(within(panel).getByTestId('key-fingerprint').textContent).toBe(imported.key?.fingerprint);
    expect(panel.textContent).toContain('Imported from ~/.mcp_memory_service/service_config.json');
    expect(panel.textContent).toContain('3 days ago');
    expect(panel.textContent).toContain('The OS keychain');
    expect(document.body.innerHTML).not.toContain(KEY);
    expect(fake.callsTo('keys.reveal')).toEqual([]);
  });

  it('reveals the key only when asked, hides it again, and never caches it', async () => {
    const fake = createProfilesFake({ profiles: [imported], keys: { home: KEY }, activeId: 'home' });
    const view = renderConsole(fake);
    const user = userEvent.setup();
    const panel = await openKeyPanel(user, 'Home');

    await user.click(within(panel).getByRole('button', { name: 'Reveal' }));
    const field = (await within(panel).findByLabelText('Stored key (shown because you asked)')) as HTMLInputElement;
    expect(field.value).toBe(KEY);
    expect(fake.callsTo('keys.reveal').map((call) => call.input)).toEqual([{ profileId: 'home' }]);
    expect(view.client().getQueryCache().getAll().some((query) => JSON.stringify(query.state.data ?? null).includes(KEY))).toBe(false);

    await user.click(within(panel).getByRole('button', { name: 'Hide' }));
    expect(within(panel).queryByLabelText('Stored key (shown because you asked)')).toBeNull();
    expect(document.body.innerHTML).not.toContain(KEY);
    expect(view.cachedText()).not.toContain(KEY);
  });

  it('copies the key to the clipboard without showing it', async () => {
    const fake = createProfilesFake({ profiles: [imported], keys: { home: KEY }, activeId: 'home' });
    const view = renderConsole(fake);
    const user = userEvent.setup();
    const panel = await openKeyPanel(user, 'Home');
    await user.click(within(panel).getByRole('button', { name: 'Copy' }));
    expect(await within(panel).findByText('Key copied to the clipboard.')).toBeTruthy();
    expect(await navigator.clipboard.readText()).toBe(KEY);
    expect(document.body.innerHTML).not.toContain(KEY);
    expect(view.cachedText()).not.toContain(KEY);
  });

  it('removes the key only after a confirmation', async () => {
    const fake = createProfilesFake({ profiles: [imported], keys: { home: KEY }, activeId: 'home' });
    renderConsole(fake);
    const user = userEvent.setup();
    const panel = await openKeyPanel(user, 'Home');

    await user.click(within(panel).getByRole('button', { name: 'Remove…' }));
    const confirm = within(panel).getByRole('group', { name: 'Confirm removing the key' });
    expect(confirm.textContent).toContain('Remove this key from the OS keychain?');
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Cancel' }));
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(fake.callsTo('keys.remove')).toEqual([]);

    await user.click(within(panel).getByRole('button', { name: 'Remove…' }));
    await user.click(within(panel).getByRole('button', { name: 'Remove key' }));
    expect(await within(panel).findByText(/No API key stored/)).toBeTruthy();
    expect(fake.keys.has('home')).toBe(false);
    expect(within(sidebar()).getByRole('button', { name: 'Home' }).textContent).toContain('no key');
  });

  it('replaces the key by pasting, then shows the new fingerprint and the policy’s words', async () => {
    const fake = createProfilesFake({ profiles: [imported], keys: { home: KEY }, activeId: 'home' });
    renderConsole(fake);
    const user = userEvent.setup();
    const panel = await openKeyPanel(user, 'Home');
    await user.click(within(panel).getByRole('button', { name: 'Replace…' }));
    await user.type(within(panel).getByLabelText('API key'), 'replacement-key-1234567');
    await within(panel).findByText(/32 or more are recommended/);
    await user.click(within(panel).getByRole('button', { name: 'Store key' }));

    expect(await within(panel).findByText(/Key stored in the OS keychain/)).toBeTruthy();
    expect(panel.textContent).toContain('32 or more are recommended');
    await waitFor(() => expect(within(panel).getByTestId('key-prefix').textContent).toBe('replacem…'));
    expect(fake.keys.get('home')).toBe('replacement-key-1234567');
  });

  it('replaces the key with a generated one, shown once inside the panel', async () => {
    const generated = 'GENERATEDkey-aaaabbbbccccddddeeeeffff00001111';
    const fake = createProfilesFake({ profiles: [imported], keys: { home: KEY }, activeId: 'home', generated });
    const view = renderConsole(fake);
    const user = userEvent.setup();
    const panel = await openKeyPanel(user, 'Home');
    await user.click(within(panel).getByRole('button', { name: 'Replace…' }));
    await user.click(within(panel).getByLabelText('Generate a new key'));
    await user.click(within(panel).getByLabelText(/^Service installer style/));
    await user.click(within(panel).getByRole('button', { name: 'Store key' }));

    const shown = await screen.findByTestId('generated-key');
    expect((within(shown).getByLabelText('New key') as HTMLInputElement).value).toBe(generated);
    expect(fake.callsTo('keys.generate').map((call) => call.input)).toEqual([{ profileId: 'home', format: 'mcp-hex' }]);
    await user.click(within(shown).getByRole('button', { name: 'Done' }));

    expect(screen.queryByTestId('generated-key')).toBeNull();
    expect(document.body.innerHTML).not.toContain(generated);
    expect(view.cachedText()).not.toContain(generated);
    expect(within(screen.getByTestId('key-panel')).getByTestId('key-prefix').textContent).toBe('GENERATE…');
  });
});

describe('duplicate keys', () => {
  const laptop = makeProfile({ id: 'laptop', name: 'Laptop', environment: 'development', key: fakeKeyView(SHARED, 'pasted') });
  const staging = makeProfile({ id: 'staging', name: 'Staging', baseUrl: 'https://staging.example.org', environment: 'staging', key: fakeKeyView(SHARED, 'pasted') });
  const prod = makeProfile({ id: 'prod', name: 'Production', baseUrl: 'https://memory.example.org', environment: 'production', key: fakeKeyView(SHARED, 'pasted') });

  it('warns when two servers share a key', async () => {
    renderConsole(createProfilesFake({ profiles: [laptop, staging], keys: { laptop: SHARED, staging: SHARED }, activeId: 'laptop' }));
    const warning = await within(sidebar()).findByRole('note', { name: '' });
    expect(warning.dataset['severity']).toBe('warning');
    expect(warning.textContent).toContain('Same API key on several servers');
    expect(warning.textContent).toContain('"Laptop" and "Staging" use the same API key.');
    expect(within(sidebar()).queryByRole('alert')).toBeNull();
  });

  it('is loud when production shares its key, in the sidebar and in the key panel', async () => {
    renderConsole(createProfilesFake({ profiles: [laptop, prod], keys: { laptop: SHARED, prod: SHARED }, activeId: 'prod' }));
    const alert = await within(sidebar()).findByRole('alert');
    expect(alert.dataset['severity']).toBe('danger');
    expect(alert.textContent).toContain('Production shares its API key');

    const panel = await openKeyPanel(userEvent.setup(), 'Production');
    expect(await within(panel).findByRole('alert')).toBeTruthy();
    expect(within(panel).getByRole('alert').textContent).toContain('a production server is among them');
  });

  it('reports a new duplicate right after a key is stored', async () => {
    const fake = createProfilesFake({ profiles: [prod], keys: { prod: SHARED }, activeId: 'prod' });
    renderConsole(fake);
    const user = userEvent.setup();
    await user.click(await within(sidebar()).findByRole('button', { name: '+ Add server' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add server' });
    await user.type(within(dialog).getByLabelText('Name'), 'Laptop');
    await user.type(within(dialog).getByLabelText('Server address'), 'http://127.0.0.1:8000');
    await user.type(within(dialog).getByLabelText('API key'), SHARED);
    await within(dialog).findByText('Meets the guide’s requirements.');
    await user.click(within(dialog).getByRole('button', { name: 'Add server' }));
    const done = await within(dialog).findByRole('button', { name: 'Done' });
    expect(within(dialog).getByRole('alert').textContent).toContain('Production shares its API key');
    await user.click(done);
    expect(await within(sidebar()).findByRole('alert')).toBeTruthy();
  });
});

describe('keychain unavailable', () => {
  const keychain = {
    state: 'unavailable' as const,
    reason: 'collection-locked',
    message: 'Your login keyring is locked.',
    fix: 'Unlock it in Passwords and Keys.',
  };

  it('marks each key session-only, in the sidebar and the key panel, and says so before adding one', async () => {
    const laptop = makeProfile({ id: 'laptop', name: 'Laptop', key: fakeKeyView(KEY, 'pasted', { sessionOnly: true }) });
    const bare = makeProfile({ id: 'bare', name: 'Bare', baseUrl: 'http://127.0.0.1:9000' });
    renderConsole(createProfilesFake({ profiles: [laptop, bare], keys: { laptop: KEY }, activeId: 'laptop', keychain }));
    expect(await screen.findByText(/keys are kept for this session only/)).toBeTruthy();

    const laptopItem = await within(sidebar()).findByRole('button', { name: 'Laptop' });
    expect(laptopItem.textContent).toContain('session-only');
    expect(within(sidebar()).getByRole('button', { name: 'Bare' }).textContent).toContain('no key');

    const user = userEvent.setup();
    const panel = await openKeyPanel(user, 'Laptop');
    expect(panel.textContent).toContain('session-only');
    expect(panel.textContent).toContain('Memory only, until the console exits');
    await user.keyboard('{Escape}');

    await user.click(within(sidebar()).getByRole('button', { name: '+ Add server' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add server' });
    expect(within(dialog).getByRole('note').textContent).toContain('kept for this session only');
  });

  it('says a generated key lives only for this session', async () => {
    const bare = makeProfile({ id: 'bare', name: 'Bare' });
    renderConsole(createProfilesFake({ profiles: [bare], activeId: 'bare', keychain }));
    const user = userEvent.setup();
    const panel = await openKeyPanel(user, 'Bare');
    await user.click(within(panel).getByRole('button', { name: 'Add a key…' }));
    await user.click(within(panel).getByLabelText('Generate a new key'));
    await user.click(within(panel).getByRole('button', { name: 'Store key' }));
    const shown = await screen.findByTestId('generated-key');
    expect(shown.textContent).toContain('session-only');
    expect(shown.textContent).toContain('Keep your own copy');
  });
});

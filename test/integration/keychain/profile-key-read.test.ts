import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { targetFor } from '../../../electron/core/handlers/memory-handlers';
import { createProfileStore, profileKeyAccount, type ProfileStore } from '../../../electron/profiles/profile-store';
import { openSecretStore } from '../../../electron/secrets/open-secret-store';
import type { SecretStore } from '../../../electron/secrets/secret-store';

// Every memory call reads its profile and then, when it has one, the key from the real gnome-keyring of the
// private D-Bus session CI starts (toolchain.md). Outside such a session this suite fails on purpose.
const runId = `${process.pid}-${randomBytes(3).toString('hex')}`;
const service = `${process.env['MEMORY_CONSOLE_KEYCHAIN_SERVICE'] ?? 'Memory Console (test)'} / key read ${runId}`;
const KEY = `mcp-${randomBytes(16).toString('hex')}`;

let root: string;
let secrets: SecretStore;
let store: ProfileStore;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'mc-key-read-'));
  const opened = await openSecretStore({ service });
  if (opened.status.state !== 'available') throw new Error(`The keychain is not available here: ${opened.status.message} Fix: ${opened.status.fix}`);
  secrets = opened.store;
  store = createProfileStore({ homeDir: path.join(root, 'console'), secrets });
});

afterAll(async () => {
  if (secrets) for (const account of await secrets.list()) await secrets.delete(account);
  rmSync(root, { recursive: true, force: true });
});

describe('reading a profile and its key for a call, on a real keychain', () => {
  it('gives the key of a profile that has one, read from the keychain each time', async () => {
    const laptop = await store.create({ name: 'Laptop', baseUrl: 'http://127.0.0.1:8000', environment: 'development' });
    await store.setKey(laptop.id, KEY, { source: 'pasted' });
    expect(await targetFor(store, laptop.id)).toEqual({ baseUrl: 'http://127.0.0.1:8000', apiKey: KEY });
    const replaced = `mcp-${randomBytes(16).toString('hex')}`;
    await secrets.set(profileKeyAccount(laptop.id), replaced);
    expect((await store.readProfileAndKey(laptop.id)).apiKey).toBe(replaced);
  });

  it('gives null for a profile without a key, even when the keychain holds an item for it', async () => {
    const server = await store.create({ name: 'Server', baseUrl: 'https://memory.example.com', environment: 'production' });
    expect(await targetFor(store, server.id)).toEqual({ baseUrl: 'https://memory.example.com', apiKey: null });
    // An item left behind (by hand or by a crash) does not give a key to a profile the file says has none.
    await secrets.set(profileKeyAccount(server.id), KEY);
    expect(await store.readProfileAndKey(server.id)).toMatchObject({ apiKey: null, profile: { key: null } });
    expect(await store.readKey(server.id)).toBeNull();
  });

  it('an unknown profile is not-found, also when its id is no valid keychain account (keytar refuses it synchronously)', async () => {
    await expect(targetFor(store, 'no-such-profile')).rejects.toMatchObject({ code: 'not-found' });
    await expect(store.readProfileAndKey('line\nbreak')).rejects.toMatchObject({ code: 'not-found' });
    await expect(store.readKey('')).rejects.toMatchObject({ code: 'not-found' });
  });
});

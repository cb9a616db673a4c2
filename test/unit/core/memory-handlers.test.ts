import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProfileView } from '../../../electron/contract';
import { targetFor } from '../../../electron/core/handlers/memory-handlers';
import { createProfileStore, type ProfileAndKey, type ProfileStore } from '../../../electron/profiles/profile-store';
import type { SecretStore } from '../../../electron/secrets/secret-store';
import { createSessionSecretStore } from '../../../electron/secrets/session-secret-store';

const KEY = 'mcp-a1b2c3d4e5f60718293a4b5c6d7e8f90';

const laptop: ProfileView = { id: 'laptop-0a1b2c', name: 'Laptop', baseUrl: 'http://127.0.0.1:8000', environment: 'development', key: null };

/** A profile store that answers readProfileAndKey and records every method called. */
function recordingProfiles(answer: ProfileAndKey): { readonly profiles: ProfileStore; readonly calls: string[] } {
  const calls: string[] = [];
  const profiles = new Proxy({} as ProfileStore, {
    get: (_target, method) => async (...args: unknown[]) => {
      calls.push(`${String(method)}(${args.map((arg) => JSON.stringify(arg)).join(', ')})`);
      if (method === 'readProfileAndKey') return answer;
      throw new Error(`targetFor called ${String(method)}`);
    },
  });
  return { profiles, calls };
}

describe('targetFor', () => {
  it('makes one call for the profile and its key: no second profile read, no separate readKey', async () => {
    const keyed: ProfileView = { ...laptop, key: { prefix: 'mcp-a1b2…', fingerprint: 'sha256:0123456789ab', source: 'pasted', addedAt: '2026-01-01T00:00:00.000Z', sessionOnly: false } };
    const { profiles, calls } = recordingProfiles({ profile: keyed, apiKey: KEY });
    expect(await targetFor(profiles, laptop.id)).toEqual({ baseUrl: 'http://127.0.0.1:8000', apiKey: KEY });
    expect(calls).toEqual([`readProfileAndKey("${laptop.id}")`]);
  });

  it('a profile without a key gives apiKey null', async () => {
    const { profiles } = recordingProfiles({ profile: laptop, apiKey: null });
    expect(await targetFor(profiles, laptop.id)).toEqual({ baseUrl: 'http://127.0.0.1:8000', apiKey: null });
  });

  it('pins the certificate the user trusted for the profile', async () => {
    const pinned = { ...laptop, baseUrl: 'https://memory.example.com', trustedCertSha256: 'ab'.repeat(32) };
    const { profiles } = recordingProfiles({ profile: pinned, apiKey: null });
    expect(await targetFor(profiles, laptop.id)).toEqual({ baseUrl: 'https://memory.example.com', apiKey: null, pinnedCertSha256: `sha256:${'ab'.repeat(32)}` });
  });
});

describe('targetFor with a real profile store', () => {
  let root: string;
  let secrets: SecretStore;
  let store: ProfileStore;
  let keychainReads: string[];

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'mc-memory-handlers-'));
    const session = createSessionSecretStore();
    keychainReads = [];
    secrets = {
      ...session,
      kind: 'os-keychain',
      get: (account) => {
        keychainReads.push(account);
        return session.get(account);
      },
    };
    store = createProfileStore({ homeDir: path.join(root, 'console'), secrets });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reads the key from the keychain on every call and gives null for a profile without one', async () => {
    const withKey = await store.create({ name: 'Laptop', baseUrl: 'http://127.0.0.1:8000', environment: 'development' });
    const without = await store.create({ name: 'Server', baseUrl: 'https://memory.example.com', environment: 'production' });
    await store.setKey(withKey.id, KEY, { source: 'pasted' });
    keychainReads.length = 0;
    expect(await targetFor(store, withKey.id)).toEqual({ baseUrl: 'http://127.0.0.1:8000', apiKey: KEY });
    expect(await targetFor(store, withKey.id)).toEqual({ baseUrl: 'http://127.0.0.1:8000', apiKey: KEY });
    expect(await targetFor(store, without.id)).toEqual({ baseUrl: 'https://memory.example.com', apiKey: null });
    // Twice for the profile with a key; never for the one without.
    expect(keychainReads).toEqual([`profile:${withKey.id}`, `profile:${withKey.id}`]);
    await expect(targetFor(store, 'no-such-profile')).rejects.toMatchObject({ code: 'not-found' });
  });
});

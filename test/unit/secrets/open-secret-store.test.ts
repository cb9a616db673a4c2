import { describe, expect, it } from 'vitest';
import type { Keytar } from '../../../electron/secrets/keytar-secret-store';
import { openSecretStore, probeAccountPrefix } from '../../../electron/secrets/open-secret-store';
import { SecretStoreError } from '../../../electron/secrets/secret-store';

/** An in-memory keytar stand-in whose operations can be made to fail like the real one. */
function fakeKeytar(failures: { set?: Error; get?: Error; hangSet?: boolean; corruptGet?: boolean } = {}) {
  const items = new Map<string, string>();
  const deleted: string[] = [];
  const keytar: Keytar = {
    async setPassword(service, account, password) {
      if (failures.hangSet) return new Promise<void>(() => undefined);
      if (failures.set) throw failures.set;
      items.set(`${service}\u0000${account}`, password);
    },
    async getPassword(service, account) {
      if (failures.get) throw failures.get;
      const value = items.get(`${service}\u0000${account}`) ?? null;
      return failures.corruptGet && value !== null ? `${value}x` : value;
    },
    async deletePassword(service, account) {
      deleted.push(account);
      return items.delete(`${service}\u0000${account}`);
    },
    async findCredentials(service) {
      return [...items.entries()]
        .filter(([key]) => key.startsWith(`${service}\u0000`))
        .map(([key, password]) => ({ account: key.split('\u0000')[1]!, password }));
    },
  };
  return { keytar, items, deleted };
}

describe('openSecretStore', () => {
  it('returns the OS keychain after a clean probe round trip that leaves nothing behind', async () => {
    const fake = fakeKeytar();
    const { store, status } = await openSecretStore({ service: 'svc', load: async () => ({ ok: true, keytar: fake.keytar }), platform: 'linux' });
    expect(status).toEqual({ state: 'available', backend: 'Secret Service (libsecret)' });
    expect(store.kind).toBe('os-keychain');
    expect(fake.items.size).toBe(0);
    expect(fake.deleted.some((account) => account.startsWith(probeAccountPrefix))).toBe(true);
  });

  it('falls back to a session-only store when keytar cannot be loaded', async () => {
    const { store, status } = await openSecretStore({
      service: 'svc',
      load: async () => ({ ok: false, error: new Error('libsecret-1.so.0: cannot open shared object file') }),
      platform: 'linux',
    });
    expect(store.kind).toBe('session-only');
    expect(status).toMatchObject({ state: 'unavailable', reason: 'module-load-failed' });
  });

  it('reports a locked collection found by the probe write (reads alone would look fine)', async () => {
    const fake = fakeKeytar({ set: new Error('Cannot create an item in a locked collection') });
    const { store, status } = await openSecretStore({ service: 'svc', load: async () => ({ ok: true, keytar: fake.keytar }), platform: 'linux' });
    expect(store.kind).toBe('session-only');
    expect(status).toMatchObject({ state: 'unavailable', reason: 'collection-locked' });
  });

  it('does not trust a keychain that returns a different value', async () => {
    const fake = fakeKeytar({ corruptGet: true });
    const { store, status } = await openSecretStore({ service: 'svc', load: async () => ({ ok: true, keytar: fake.keytar }), platform: 'linux' });
    expect(store.kind).toBe('session-only');
    expect(status).toMatchObject({ state: 'unavailable', reason: 'unknown' });
    expect(fake.items.size).toBe(0);
  });

  it('reports a keychain that never answers instead of hanging', async () => {
    const fake = fakeKeytar({ hangSet: true });
    const { store, status } = await openSecretStore({ service: 'svc', load: async () => ({ ok: true, keytar: fake.keytar }), probeTimeoutMs: 50, platform: 'linux' });
    expect(store.kind).toBe('session-only');
    expect(status).toMatchObject({ state: 'unavailable', reason: 'timeout' });
  });

  it('turns a failure after startup into a typed keychain-unavailable error', async () => {
    const fake = fakeKeytar();
    const { store } = await openSecretStore({ service: 'svc', load: async () => ({ ok: true, keytar: fake.keytar }), platform: 'linux' });
    fake.keytar.getPassword = async () => {
      throw new Error('Cannot create an item in a locked collection');
    };
    const error = await store.get('profile:a').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SecretStoreError);
    expect(error).toMatchObject({ code: 'keychain-unavailable', reason: 'collection-locked' });
  });

  it('lists account names only', async () => {
    const fake = fakeKeytar();
    const { store } = await openSecretStore({ service: 'svc', load: async () => ({ ok: true, keytar: fake.keytar }), platform: 'linux' });
    await store.set('profile:a', 'secret-value-0123456789');
    expect(await store.list()).toEqual(['profile:a']);
  });
});
